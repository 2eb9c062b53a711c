package io.mbp.cli.oracle;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.mbp.cli.CommandContext;
import io.mbp.cli.TextResult;
import io.mbp.oracle.CommitteeMemberAdded;
import io.mbp.oracle.OracleService;
import io.mbp.oracle.RegistryFiles;
import io.mbp.sql.Database;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "committee", mixinStandardHelpOptions = true, description = "The dispute committee.",
        subcommands = {CommitteeCommand.Add.class})
public final class CommitteeCommand {

    @Command(name = "add", mixinStandardHelpOptions = true,
            description = {"Add a committee member (a quorum of 2 resolves escalated disputes), or every member",
                "of a CSV file (--file, header id,name)."})
    public static final class Add implements Callable<Integer> {
        @Mixin CommandContext ctx;

        @Option(names = "--id", description = "Member id.") String id;

        @Option(names = {"-f", "--file"}, paramLabel = "FILE", description = "CSV of members instead of --id/--name.") Path file;

        @Option(names = "--name", description = "Display name (default: the id).") String name;

        @Mixin AtOption at;

        record Result(@JsonUnwrapped Views.Appended appended, List<String> members) implements TextResult {
            @Override
            public void printText(PrintWriter out) {
                out.println("added committee member(s) " + String.join(", ", members) + "; " + appended.seqs());
            }
        }

        @Override
        public Integer call() {
            List<CommitteeMemberAdded> members = FileOrFlags.entries(file, id != null || name != null, id != null,
                    "--id/--name", "--id", RegistryFiles::committee, () -> OracleService.member(id, name));
            try (Database db = ctx.database()) {
                OracleService.Outcome o = new OracleService(db).addCommittee(members, at.clock(ctx.clock()));
                return ctx.render(new Result(Views.Appended.of(o), members.stream().map(CommitteeMemberAdded::member).toList()));
            }
        }
    }
}

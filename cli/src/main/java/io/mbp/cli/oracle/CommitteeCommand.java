package io.mbp.cli.oracle;

import io.mbp.cli.GlobalOptions;
import io.mbp.cli.Globals;
import io.mbp.cli.Render;
import io.mbp.error.BadInputException;
import io.mbp.error.UsageException;
import io.mbp.events.FieldException;
import io.mbp.oracle.CommitteeMemberAdded;
import io.mbp.oracle.OracleCommand.AddCommitteeMember;
import io.mbp.oracle.OracleService;
import io.mbp.oracle.RegistryFiles;
import io.mbp.sql.Database;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "committee", mixinStandardHelpOptions = true, description = "The dispute committee.",
        subcommands = {CommitteeCommand.Add.class})
public final class CommitteeCommand {

    @Command(name = "add", mixinStandardHelpOptions = true,
            description = {"Add a committee member (a quorum of 2 resolves escalated disputes), or every member",
                "of a CSV file (--file, header id,name)."})
    public static final class Add implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--id", description = "Member id.")
        String id;

        @Option(names = {"-f", "--file"}, paramLabel = "FILE", description = "CSV of members instead of --id/--name.")
        Path file;

        @Option(names = "--name", description = "Display name (default: the id).")
        String name;

        @Option(names = "--at", paramLabel = "TS", converter = InstantConverter.class, description = "Time (default: now).")
        Instant at;

        @Override
        public Integer call() {
            GlobalOptions g = Globals.of(spec);
            List<CommitteeMemberAdded> members = new ArrayList<>();
            if (file != null) {
                if (id != null || name != null) {
                    throw new UsageException("give either --file or --id/--name, not both");
                }
                members.addAll(RegistryFiles.committee(file));
            } else {
                if (id == null) {
                    throw new UsageException("give --id (or --file)");
                }
                try {
                    members.add(new CommitteeMemberAdded(id, name == null ? id : name));
                } catch (FieldException e) {
                    throw new BadInputException("--" + e.field() + ": " + e.getMessage());
                }
            }
            List<OracleService.Step> steps = new ArrayList<>();
            for (CommitteeMemberAdded m : members) {
                steps.add(new OracleService.Step(new AddCommitteeMember(m), Clocks.at(at)));
            }
            OracleService.Outcome o;
            try (Database db = Database.openMigrated(g.dbUrl())) {
                o = new OracleService(db).run(steps);
            }
            List<String> ids = members.stream().map(CommitteeMemberAdded::member).toList();
            PrintWriter out = spec.commandLine().getOut();
            if (g.json()) {
                Map<String, Object> m = Views.appended(o);
                m.put("members", ids);
                Render.json(out, m);
            } else {
                out.println("added committee member(s) " + String.join(", ", ids) + "; " + Views.seqs(o));
            }
            return 0;
        }
    }
}

package io.mbp.cli.oracle;

import io.mbp.cli.GlobalOptions;
import io.mbp.cli.Globals;
import io.mbp.cli.Render;
import io.mbp.error.BadInputException;
import io.mbp.events.FieldException;
import io.mbp.oracle.CommitteeMemberAdded;
import io.mbp.oracle.OracleCommand.AddCommitteeMember;
import io.mbp.oracle.OracleService;
import io.mbp.sql.Database;
import java.io.PrintWriter;
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

    @Command(name = "add", mixinStandardHelpOptions = true, description = "Add a committee member (a quorum of 2 resolves escalated disputes).")
    public static final class Add implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--id", required = true, description = "Member id.")
        String id;

        @Option(names = "--name", description = "Display name (default: the id).")
        String name;

        @Option(names = "--at", paramLabel = "TS", converter = InstantConverter.class, description = "Time (default: now).")
        Instant at;

        @Override
        public Integer call() {
            GlobalOptions g = Globals.of(spec);
            CommitteeMemberAdded member;
            try {
                member = new CommitteeMemberAdded(id, name == null ? id : name);
            } catch (FieldException e) {
                throw new BadInputException("--" + e.field() + ": " + e.getMessage());
            }
            OracleService.Outcome o;
            try (Database db = Database.openMigrated(g.dbUrl())) {
                o = new OracleService(db).run(new AddCommitteeMember(member), Clocks.at(at));
            }
            PrintWriter out = spec.commandLine().getOut();
            if (g.json()) {
                Map<String, Object> m = Views.appended(o);
                m.put("member", id);
                Render.json(out, m);
            } else {
                out.println("added committee member " + id + "; " + Views.seqs(o));
            }
            return 0;
        }
    }
}

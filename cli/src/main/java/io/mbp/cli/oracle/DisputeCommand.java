package io.mbp.cli.oracle;

import io.mbp.cli.GlobalOptions;
import io.mbp.cli.Globals;
import io.mbp.cli.Render;
import io.mbp.oracle.DisputeEscalated;
import io.mbp.oracle.DisputeOpened;
import io.mbp.oracle.Finalized;
import io.mbp.oracle.OracleCommand.OpenDispute;
import io.mbp.oracle.OracleCommand.ResolveDispute;
import io.mbp.oracle.OracleService;
import io.mbp.sql.Database;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "dispute", mixinStandardHelpOptions = true,
        description = {"Open disputes on proposals and record committee resolutions.",
            "The first dispute discards the proposal and re-requests one; the second escalates",
            "to the committee, which must resolve by its deadline (48 h) or the event resolves invalid."},
        subcommands = {DisputeCommand.Open.class, DisputeCommand.Resolve.class})
public final class DisputeCommand {

    @Command(name = "open", mixinStandardHelpOptions = true, description = "Dispute the current proposal of EVENT within its dispute window.")
    public static final class Open implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "EVENT", description = "Oracle event id.")
        String event;

        @Option(names = "--by", required = true, description = "Who disputes (account or operator id).")
        String by;

        @Option(names = "--reason", required = true, description = "Why (logged).")
        String reason;

        @Option(names = "--at", paramLabel = "TS", converter = InstantConverter.class, description = "Dispute time (default: now).")
        Instant at;

        @Override
        public Integer call() {
            GlobalOptions g = Globals.of(spec);
            OracleService.Outcome o;
            try (Database db = Database.openMigrated(g.dbUrl())) {
                o = new OracleService(db).run(new OpenDispute(event, by, reason), Clocks.at(at));
            }
            DisputeOpened d = o.of(DisputeOpened.class).get(0);
            List<DisputeEscalated> esc = o.of(DisputeEscalated.class);
            PrintWriter out = spec.commandLine().getOut();
            if (g.json()) {
                Map<String, Object> m = Views.appended(o);
                m.put("event", event);
                m.put("round", d.round());
                m.put("effect", esc.isEmpty() ? "re_request" : "escalated");
                m.put("repropose_by", d.reproposeBy());
                m.put("committee_deadline", esc.isEmpty() ? null : esc.get(0).deadline());
                Render.json(out, m);
            } else if (esc.isEmpty()) {
                out.println("dispute " + d.round() + " on " + event + ": proposal discarded; a new proposal from a later round is due by "
                        + d.reproposeBy() + "; " + Views.seqs(o));
            } else {
                out.println("dispute " + d.round() + " on " + event + ": escalated to the committee, which must resolve by "
                        + esc.get(0).deadline() + " (else invalid, 50/50); " + Views.seqs(o));
            }
            return 0;
        }
    }

    @Command(name = "resolve", mixinStandardHelpOptions = true,
            description = "Record the committee's answer to an escalated dispute, signed by a quorum of members.")
    public static final class Resolve implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "EVENT", description = "Oracle event id.")
        String event;

        static final class Answer {
            @Option(names = "--value", description = "Numeric answer (decimal string).")
            String value;

            @Option(names = "--outcome", description = "Categorical answer.")
            String outcome;

            @Option(names = "--invalid", description = "Unresolvable: the 50/50 (1/N) result.")
            boolean invalid;
        }

        @ArgGroup(exclusive = true, multiplicity = "1")
        Answer answer;

        @Option(names = "--signer", required = true, paramLabel = "MEMBER", description = "A committee member signing (repeat for each).")
        List<String> signers = new ArrayList<>();

        @Option(names = "--at", paramLabel = "TS", converter = InstantConverter.class, description = "Resolution time (default: now).")
        Instant at;

        @Override
        public Integer call() {
            GlobalOptions g = Globals.of(spec);
            OracleService.Outcome o;
            try (Database db = Database.openMigrated(g.dbUrl())) {
                o = new OracleService(db).run(new ResolveDispute(event, answer.value, answer.outcome, answer.invalid, signers),
                        Clocks.at(at));
            }
            Finalized f = o.of(Finalized.class).get(0);
            PrintWriter out = spec.commandLine().getOut();
            if (g.json()) {
                Map<String, Object> m = Views.appended(o);
                m.put("finalized", FinalizeCommand.FinalizedView.of(f));
                Render.json(out, m);
            } else {
                out.println("committee resolved: " + FinalizeCommand.FinalizedView.line(f) + "; " + Views.seqs(o));
            }
            return 0;
        }
    }
}

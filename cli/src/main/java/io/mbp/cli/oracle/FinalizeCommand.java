package io.mbp.cli.oracle;

import io.mbp.cli.GlobalOptions;
import io.mbp.cli.Globals;
import io.mbp.cli.Render;
import io.mbp.oracle.DisputeEscalated;
import io.mbp.oracle.Finalized;
import io.mbp.oracle.OracleCommand.Finalize;
import io.mbp.oracle.OracleService;
import io.mbp.oracle.ReputationChanged;
import io.mbp.sql.Database;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "finalize", mixinStandardHelpOptions = true,
        description = {"Finalize what is due at --at, then move reputations.",
            "Due: proposals whose dispute window elapsed without a dispute,",
            "and escalations whose committee deadline passed (those resolve invalid, 50/50).",
            "Reputation changes follow each finalization."})
public final class FinalizeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--at", required = true, paramLabel = "TS", converter = InstantConverter.class, description = "Finalization time.")
    Instant at;

    @Override
    public Integer call() {
        GlobalOptions g = Globals.of(spec);
        OracleService.Outcome o;
        try (Database db = Database.openMigrated(g.dbUrl())) {
            o = new OracleService(db).run(new Finalize(), Clocks.at(at));
        }
        PrintWriter out = spec.commandLine().getOut();
        List<Finalized> fin = o.of(Finalized.class);
        if (g.json()) {
            Map<String, Object> m = Views.appended(o);
            List<Map<String, Object>> fv = new ArrayList<>();
            for (Finalized f : fin) {
                fv.add(FinalizedView.of(f));
            }
            m.put("finalized", fv);
            m.put("escalated", o.of(DisputeEscalated.class).stream().map(DisputeEscalated::event).toList());
            m.put("reputation_changes", o.of(ReputationChanged.class).size());
            Render.json(out, m);
        } else {
            out.println("finalized " + fin.size() + " oracle event(s); " + Views.seqs(o));
            for (Finalized f : fin) {
                out.println("  " + FinalizedView.line(f));
            }
            for (DisputeEscalated d : o.of(DisputeEscalated.class)) {
                out.println("  " + d.event() + ": escalated to the committee (" + d.reason() + "), deadline " + d.deadline());
            }
            for (ReputationChanged r : o.of(ReputationChanged.class)) {
                out.println("  reputation " + r.source() + " " + r.beforeBps() + " -> " + r.afterBps() + " bps (" + r.event() + ": " + r.reason() + ")");
            }
        }
        return 0;
    }

    /** How a Finalized event is shown. */
    static final class FinalizedView {
        private FinalizedView() {
        }

        static Map<String, Object> of(Finalized f) {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("event", f.event());
            x.put("kind", f.kind());
            x.put("value", f.value());
            x.put("outcome", f.outcome());
            x.put("invalid", f.invalid());
            x.put("via", f.via());
            x.put("finalized_at", f.finalizedAt());
            return x;
        }

        static String line(Finalized f) {
            return f.event() + " = " + (f.invalid() ? "INVALID (50/50)" : f.value() != null ? f.value() : f.outcome())
                    + " (via " + f.via() + ", " + f.finalizedAt() + ")";
        }
    }
}

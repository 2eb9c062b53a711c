package io.mbp.cli.oracle;

import io.mbp.cli.GlobalOptions;
import io.mbp.cli.Globals;
import io.mbp.cli.Render;
import io.mbp.error.BadInputException;
import io.mbp.oracle.FailoverRolled;
import io.mbp.oracle.OracleService;
import io.mbp.oracle.OutcomeProposed;
import io.mbp.oracle.RoundAggregated;
import io.mbp.sql.Database;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "aggregate", mixinStandardHelpOptions = true,
        description = {"Run aggregation rounds (and proposals) at --at, or from --at to --until.",
            "One round per open oracle event (or --event ones):",
            "fresh reports, quorum, weighted median / plurality, divergence, failover, and a proposal when",
            "the round is a consensus at or after the resolution time. With --until and --every, runs a",
            "round at each step from --at to --until (one transaction)."})
public final class AggregateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--at", required = true, paramLabel = "TS", converter = InstantConverter.class, description = "Round time.")
    Instant at;

    @Option(names = "--until", paramLabel = "TS", converter = InstantConverter.class, description = "Last round time (default: --at).")
    Instant until;

    @Option(names = "--every", paramLabel = "DURATION", defaultValue = "PT10M",
            description = "Step between rounds with --until, ISO-8601 (default ${DEFAULT-VALUE}).")
    String every;

    @Option(names = "--event", paramLabel = "ID", description = "Only this oracle event (repeatable).")
    List<String> events = new ArrayList<>();

    @Override
    public Integer call() {
        GlobalOptions g = Globals.of(spec);
        Duration step;
        try {
            step = Duration.parse(every);
        } catch (DateTimeParseException e) {
            throw new BadInputException("--every: \"" + every + "\" is not an ISO-8601 duration such as PT10M");
        }
        OracleService.Outcome o;
        try (Database db = Database.openMigrated(g.dbUrl())) {
            o = new OracleService(db).aggregate(events, at, until == null ? at : until, step);
        }
        List<RoundAggregated> rounds = o.of(RoundAggregated.class);
        Map<String, Long> byStatus = new TreeMap<>();
        rounds.forEach(r -> byStatus.merge(r.status(), 1L, Long::sum));
        List<FailoverRolled> rolls = o.of(FailoverRolled.class);
        List<OutcomeProposed> proposals = o.of(OutcomeProposed.class);
        PrintWriter out = spec.commandLine().getOut();
        if (g.json()) {
            Map<String, Object> m = Views.appended(o);
            m.put("rounds", rounds.size());
            m.put("rounds_by_status", byStatus);
            List<Map<String, Object>> rv = new ArrayList<>();
            for (FailoverRolled f : rolls) {
                Map<String, Object> x = new LinkedHashMap<>();
                x.put("event", f.event());
                x.put("at", f.at());
                x.put("from", f.from());
                x.put("to", f.to());
                x.put("reason", f.reason());
                rv.add(x);
            }
            m.put("failovers", rv);
            List<Map<String, Object>> pv = new ArrayList<>();
            for (OutcomeProposed p : proposals) {
                Map<String, Object> x = new LinkedHashMap<>();
                x.put("event", p.event());
                x.put("value", p.value());
                x.put("outcome", p.outcome());
                x.put("attempt", p.attempt());
                x.put("round_at", p.roundAt());
                x.put("liveness_ends_at", p.livenessEndsAt());
                pv.add(x);
            }
            m.put("proposals", pv);
            Render.json(out, m);
        } else {
            out.println(rounds.size() + " round(s) " + byStatus + "; " + Views.seqs(o));
            for (FailoverRolled f : rolls) {
                out.println("  " + f.at() + " " + f.event() + ": " + f.from() + " -> " + f.to() + " (" + f.reason() + ")");
            }
            for (OutcomeProposed p : proposals) {
                out.println("  " + p.roundAt() + " " + p.event() + ": proposed " + (p.value() != null ? p.value() : p.outcome())
                        + " (attempt " + p.attempt() + "), dispute window until " + p.livenessEndsAt());
            }
        }
        return 0;
    }
}

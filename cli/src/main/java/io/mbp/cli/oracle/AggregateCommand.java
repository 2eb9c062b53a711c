package io.mbp.cli.oracle;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.mbp.cli.CommandContext;
import io.mbp.cli.InstantConverter;
import io.mbp.cli.TextResult;
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
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "aggregate", mixinStandardHelpOptions = true,
        description = {"Run aggregation rounds (and proposals) at --at, or from --at to --until.",
            "One round per open oracle event (or --event ones):",
            "fresh reports, quorum, weighted median / plurality, divergence, failover, and a proposal when",
            "the round is a consensus at or after the resolution time. With --until and --every, runs a",
            "round at each step from --at to --until (one transaction)."})
public final class AggregateCommand implements Callable<Integer> {
    @Mixin CommandContext ctx;

    @Option(names = "--at", required = true, paramLabel = "TS", converter = InstantConverter.class, description = "Round time.") Instant at;

    @Option(names = "--until", paramLabel = "TS", converter = InstantConverter.class, description = "Last round time (default: --at).") Instant until;

    @Option(names = "--every", paramLabel = "DURATION", defaultValue = "PT10M",
            description = "Step between rounds with --until, ISO-8601 (default ${DEFAULT-VALUE}).")
    String every;

    @Option(names = "--event", paramLabel = "ID", description = "Only this oracle event (repeatable).") List<String> events = new ArrayList<>();

    record Failover(String event, String at, String from, String to, String reason) {
    }

    record Proposal(String event, String value, String outcome, long attempt, String roundAt, String livenessEndsAt) {
    }

    record Result(@JsonUnwrapped Views.Appended appended, int rounds, Map<String, Long> roundsByStatus,
                  List<Failover> failovers, List<Proposal> proposals) implements TextResult {
        static Result of(OracleService.Outcome o) {
            List<RoundAggregated> rounds = o.of(RoundAggregated.class);
            Map<String, Long> byStatus = new TreeMap<>();
            rounds.forEach(r -> byStatus.merge(r.status(), 1L, Long::sum));
            return new Result(Views.Appended.of(o), rounds.size(), byStatus,
                    o.of(FailoverRolled.class).stream().map(f -> new Failover(f.event(), f.at(), f.from(), f.to(), f.reason())).toList(),
                    o.of(OutcomeProposed.class).stream().map(p -> new Proposal(p.event(), p.value(), p.outcome(), p.attempt(),
                            p.roundAt(), p.livenessEndsAt())).toList());
        }

        @Override
        public void printText(PrintWriter out) {
            out.println(rounds + " round(s) " + roundsByStatus + "; " + appended.seqs());
            for (Failover f : failovers) {
                out.println("  " + f.at() + " " + f.event() + ": " + f.from() + " -> " + f.to() + " (" + f.reason() + ")");
            }
            for (Proposal p : proposals) {
                out.println("  " + p.roundAt() + " " + p.event() + ": proposed " + (p.value() != null ? p.value() : p.outcome())
                        + " (attempt " + p.attempt() + "), dispute window until " + p.livenessEndsAt());
            }
        }
    }

    @Override
    public Integer call() {
        Duration step;
        try {
            step = Duration.parse(every);
        } catch (DateTimeParseException e) {
            throw new BadInputException("--every: \"" + every + "\" is not an ISO-8601 duration such as PT10M");
        }
        try (Database db = ctx.database()) {
            return ctx.render(Result.of(new OracleService(db).aggregate(events, at, until == null ? at : until, step)));
        }
    }
}

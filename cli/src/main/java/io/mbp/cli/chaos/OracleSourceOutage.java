package io.mbp.cli.chaos;

import io.mbp.chaos.Check.Phase;
import io.mbp.chaos.ScenarioSpec;
import io.mbp.events.Timestamps;
import io.mbp.oracle.FailoverRolled;
import io.mbp.oracle.Finalized;
import io.mbp.oracle.OracleCommand;
import io.mbp.oracle.OracleEngine;
import io.mbp.oracle.OracleEvent;
import io.mbp.oracle.OracleEventRegistered;
import io.mbp.oracle.OracleParams;
import io.mbp.oracle.OracleState;
import io.mbp.oracle.OutcomeProposed;
import io.mbp.oracle.RoundAggregated;
import io.mbp.oracle.SourceRegistered;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * A whole region's oracle sources go silent. The oracle engine runs on simulated time (5-minute
 * rounds, the production parameters), so the outage of hours takes milliseconds and is the same on
 * every run: the game day exercises the real decide/evolve code, not a model of it.
 */
final class OracleSourceOutage implements Scenario {
    static final String EVENT = "chaos-fx";
    static final List<String> SILENT_REGION = List.of("sa-1", "sa-2", "sa-3");
    static final List<String> OTHER_REGION = List.of("us-1", "us-2");
    static final Duration ROUND = Duration.ofMinutes(5);
    /** Rounds the outage may take to fail over before the game day aborts (k is 3: four times k). */
    static final int MAX_ROUNDS_TO_FAILOVER = 12;

    private final OracleState state = new OracleState(OracleParams.DEFAULTS);
    private final List<OracleEvent> log = new ArrayList<>();

    @Override
    public ScenarioSpec spec() {
        return new ScenarioSpec("oracle-source-outage",
                "When every source of one region (3 of 5, 60% of the panel's weight) goes silent, the oracle loses quorum, "
                        + "fails over to the TWAP after k failed rounds, proposes and finalizes nothing "
                        + "without quorum, and returns to consensus after m healthy rounds, then finalizes the answer.",
                "one oracle event on a simulated panel in memory; no database, no network",
                "any proposal or finalization while the region is silent, or no failover within " + MAX_ROUNDS_TO_FAILOVER + " rounds",
                List.of("rounds reach consensus with every region reporting", "the event's mode is consensus"));
    }

    @Override
    public void run(Trial t) throws Exception {
        Instant base = t.clock().instant().truncatedTo(ChronoUnit.DAYS);
        Instant resolves = base.plus(Duration.ofHours(1));
        for (String s : SILENT_REGION) {
            decide(new OracleCommand.RegisterSource(new SourceRegistered(s, "region sa-east " + s, 2_000)), base);
        }
        for (String s : OTHER_REGION) {
            decide(new OracleCommand.RegisterSource(new SourceRegistered(s, "region us-east " + s, 2_000)), base);
        }
        decide(new OracleCommand.RegisterEvent(new OracleEventRegistered(EVENT, "numeric", "chaos game day", "0", "100", null,
                Timestamps.format(resolves), OracleParams.DEFAULT_STALENESS_SECONDS, OracleParams.DEFAULT_DISPUTE_WINDOW_SECONDS, null),
                "chaos"), base);

        Instant at = base.plus(Duration.ofMinutes(10));
        RoundAggregated r = round(at, true, "5.00");
        at = at.plus(ROUND);
        r = round(at, true, "5.00");
        t.check(Phase.BEFORE, "consensus with every region reporting", r.status().equals("consensus"), "status " + r.status());
        t.check(Phase.BEFORE, "mode is consensus", r.mode().equals("consensus"), "mode " + r.mode());

        // Inject: the sa-east region goes silent; us-east keeps reporting.
        Instant outageStart = at.plus(ROUND);
        int rounds = 0;
        String fallbackValue = null;
        int proposals = 0;
        Instant failoverAt = null;
        while (failoverAt == null) {
            at = at.plus(ROUND);
            rounds++;
            int before = log.size();
            r = round(at, false, "5.10");
            proposals += count(before, OutcomeProposed.class) + count(before, Finalized.class);
            if (proposals > 0) {
                t.abort("a proposal or finalization without quorum during the outage at " + at);
            }
            for (FailoverRolled f : of(before, FailoverRolled.class)) {
                if (f.to().equals("fallback")) {
                    failoverAt = at;
                    fallbackValue = r.fallbackValue();
                }
            }
            if (failoverAt == null && rounds >= MAX_ROUNDS_TO_FAILOVER) {
                t.abort("no failover after " + rounds + " silent rounds (last status " + r.status() + ")");
            }
        }
        t.measure("rounds_to_failover", rounds);
        t.measure("failover_after_seconds", Duration.between(outageStart, failoverAt).toSeconds());
        t.measure("fallback_twap", fallbackValue);
        t.check(Phase.DURING, "failed over to the TWAP", fallbackValue != null, "fallback value " + fallbackValue + " at " + failoverAt);
        // The outage outlasts the resolution instant: rounds keep failing and nothing may be proposed.
        Instant recovery = resolves.plus(Duration.ofMinutes(30));
        while (at.plus(ROUND).isBefore(recovery)) {
            at = at.plus(ROUND);
            int before = log.size();
            r = round(at, false, "5.10");
            proposals += count(before, OutcomeProposed.class) + count(before, Finalized.class);
            if (proposals > 0) {
                t.abort("a proposal or finalization without quorum during the outage at " + at);
            }
        }
        t.measure("proposals_without_quorum", proposals);
        t.check(Phase.DURING, "no proposal or finalization without quorum", proposals == 0, proposals + " proposals");
        t.check(Phase.DURING, "still in fallback past resolution", r.mode().equals("fallback"), "mode " + r.mode());

        // Recover: the region reports again; m healthy rounds return the event to consensus.
        int healthy = 0;
        OutcomeProposed proposed = null;
        Instant backAt = null;
        while (proposed == null && healthy < 3 * OracleParams.DEFAULTS.healthyM()) {
            at = at.plus(ROUND);
            healthy++;
            int before = log.size();
            r = round(at, true, "5.20");
            if (!of(before, FailoverRolled.class).isEmpty()) {
                backAt = at;
            }
            proposed = of(before, OutcomeProposed.class).stream().findFirst().orElse(null);
        }
        t.measure("rounds_to_recover", healthy);
        t.check(Phase.AFTER, "back to consensus", r.mode().equals("consensus") && backAt != null, "mode " + r.mode() + " after " + healthy
                + " healthy rounds");
        t.check(Phase.AFTER, "consensus proposes the answer", proposed != null && "5.20".equals(proposed.value()),
                proposed == null ? "no proposal" : "proposed " + proposed.value());
        if (proposed != null) {
            int before = log.size();
            decide(new OracleCommand.Finalize(), Timestamps.parse("liveness_ends_at", proposed.livenessEndsAt()));
            List<Finalized> fin = of(before, Finalized.class);
            t.measure("finalized_value", fin.isEmpty() ? "none" : fin.get(0).value());
            t.check(Phase.AFTER, "finalizes the consensus answer after liveness", fin.size() == 1 && "5.20".equals(fin.get(0).value())
                    && !fin.get(0).invalid(), fin.isEmpty() ? "not finalized" : "finalized " + fin.get(0).value() + " via " + fin.get(0).via());
        }
    }

    /** The sources that report this round send {@code value} observed one minute before it; then the round aggregates. */
    private RoundAggregated round(Instant at, boolean regionUp, String value) {
        List<OracleCommand.RawReport> reports = new ArrayList<>();
        List<String> up = new ArrayList<>(OTHER_REGION);
        if (regionUp) {
            up.addAll(SILENT_REGION);
        }
        for (String s : up) {
            reports.add(new OracleCommand.RawReport("chaos:" + at, s, EVENT, Timestamps.format(at.minus(Duration.ofMinutes(1))), value, null));
        }
        decide(new OracleCommand.Ingest(reports), at);
        int before = log.size();
        decide(new OracleCommand.Aggregate(List.of(EVENT)), at);
        return of(before, RoundAggregated.class).get(0);
    }

    private void decide(OracleCommand c, Instant at) {
        List<OracleEvent> out = OracleEngine.decide(state, c, Clock.fixed(at, ZoneOffset.UTC));
        out.forEach(state::evolve);
        log.addAll(out);
    }

    private <T extends OracleEvent> List<T> of(int from, Class<T> type) {
        return log.subList(from, log.size()).stream().filter(type::isInstance).map(type::cast).toList();
    }

    private int count(int from, Class<? extends OracleEvent> type) {
        return of(from, type).size();
    }
}

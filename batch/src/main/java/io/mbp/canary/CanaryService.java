package io.mbp.canary;

import io.mbp.error.BadInputException;
import io.mbp.error.VerificationFailedException;
import io.mbp.events.EventLog;
import io.mbp.events.NewEvent;
import io.mbp.market.MarketCommand;
import io.mbp.market.MarketEngine;
import io.mbp.market.MarketService;
import io.mbp.sql.Database;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Runs a canary against the log (docs/adr/0318, 0319): {@code start} records the release and moves
 * the first cohort onto its parameters; {@code promote} needs the phase's soak over and a passed
 * analysis of canary against baseline, and a failed analysis rolls the canary back by itself;
 * {@code rollback} returns every canary market to the stable parameters. Markets move only through
 * the engine ({@code MarketParamsApplied}); canary events go through {@link EventLog}. Each step
 * finishes what a crash left undone (cohort members not yet moved) before it does anything else.
 */
public final class CanaryService {
    private final Database db;
    private final Clock clock;
    private final EventLog log;

    /** What {@link #promote} did: the analysis, and either the new phase or the rollback it caused. */
    public record Promotion(CanaryPhaseAnalyzed analysis, long from, long to, boolean rolledBack, Consistency.Report consistency) {
    }

    public CanaryService(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
        this.log = new EventLog(db);
    }

    public CanaryState state() {
        return CanaryState.load(log);
    }

    public CanaryState start(ReleaseParams params, List<Long> phases, Duration soak) {
        CanaryState s = moveCohort();
        if (s.active() != null) {
            throw new BadInputException("a canary of " + s.active().started.release() + " is at " + s.active().percent
                    + "%: promote it or roll it back before starting another");
        }
        if (params.version() == null) {
            throw new BadInputException("the release has no version: give --version or a release manifest that names one");
        }
        if (params.version().equals(s.stable())) {
            throw new BadInputException("release " + params.version() + " is already the stable release");
        }
        CanaryStarted started = new CanaryStarted(params.version(), s.stable(), params.feeBps(), params.haltWarnBps(),
                params.haltSoftBps(), params.haltHardBps(), params.oracleStalenessSeconds(), params.oracleDivergenceBps(),
                params.sha256(), phases, soak.getSeconds());
        append(started);
        return moveCohort();
    }

    /**
     * Moves the running canary's cohort members that are not yet on its parameters (after start,
     * promotion or a crash), or, with none running, the markets a promotion to 100% left behind.
     */
    CanaryState moveCohort() {
        CanaryState s = state();
        CanaryState.Active a = s.active();
        List<MarketCommand> cmds = new ArrayList<>();
        if (a == null) {
            if (s.rolledBack != null) {
                back(s, s.rolledBack, cmds);
            }
            if (s.promoted != null) {
                for (String id : s.promotedMarkets) {
                    CanaryState.Market m = s.markets().get(id);
                    if (!m.settled && !s.promoted.release().equals(m.release)) {
                        cmds.add(new MarketCommand.ApplyParams(id, s.promoted.release(), s.promoted.feeBps(), "promote",
                                s.promoted.bands()));
                    }
                }
            }
            commit(cmds);
            return cmds.isEmpty() ? s : state();
        }
        String release = a.started.release();
        for (CanaryState.Market m : s.markets().values()) {
            if (!m.settled && !release.equals(m.release) && Cohort.contains((int) a.percent, m.id)) {
                cmds.add(new MarketCommand.ApplyParams(m.id, release, a.started.feeBps(), "canary", a.started.bands()));
            }
        }
        commit(cmds);
        return state();
    }

    /**
     * Analyses the running phase over {@code [phase start, now)}; passed, moves to the next phase
     * (at 100 the release becomes stable); failed, rolls back. Refuses (exit 3, nothing written)
     * while the soak window is not over.
     */
    public Promotion promote(ApiMetrics canaryApi, ApiMetrics baselineApi) {
        CanaryState s = moveCohort();
        CanaryState.Active a = requireActive(s);
        Instant now = clock.instant();
        Instant due = a.phaseSince.plusSeconds(a.started.soakSeconds());
        if (now.isBefore(due)) {
            throw new VerificationFailedException("the " + a.percent + "% phase of " + a.started.release() + " soaks until " + due
                    + " (" + Duration.between(now, due).getSeconds() + " s left): no analysis yet, nothing promoted");
        }
        String release = a.started.release();
        TreeSet<String> canary = new TreeSet<>();
        TreeSet<String> baseline = new TreeSet<>();
        for (CanaryState.Market m : s.markets().values()) {
            if (!m.settled) {
                (release.equals(m.release) ? canary : baseline).add(m.id);
            }
        }
        Watchers.Sample sample = Watchers.sample(db, a.phaseSince, now);
        Analysis.Result r = Analysis.judge(Watchers.values(sample, canary, canaryApi), Watchers.values(sample, baseline, baselineApi));
        CanaryPhaseAnalyzed analysis = new CanaryPhaseAnalyzed(release, a.percent, a.phaseSince.toString(), now.toString(),
                canary.size(), baseline.size(), r.wire(), r.passed());
        long seq = append(analysis);
        if (!r.passed()) {
            List<String> failed = r.checks().stream().filter(c -> !"pass".equals(c.verdict())).map(c -> c.metric() + " " + c.verdict())
                    .toList();
            Consistency.Report c = rollback("analysis failed: " + String.join(", ", failed), true);
            return new Promotion(analysis, a.percent, a.percent, true, c);
        }
        long next = Phases.next(a.started.phases(), a.percent);
        append(new CanaryPromoted(release, a.percent, next, seq));
        moveCohort(); // the next cohort; at 100 every market the log knew at the promotion
        return new Promotion(analysis, a.percent, next, false, null);
    }

    /** Ends the running canary: every unsettled market on its release returns to its stable parameters; then I10 is checked. */
    public Consistency.Report rollback(String reason, boolean automatic) {
        CanaryState s = moveCohort();
        CanaryState.Active a = requireActive(s);
        String release = a.started.release();
        append(new CanaryRolledBack(release, a.percent, reason, automatic));
        s = moveCohort(); // the rolled-back canary's markets return to their stable parameters
        Map<String, String> stableRelease = new java.util.TreeMap<>();
        Map<String, Long> stableFee = new java.util.TreeMap<>();
        Map<String, io.mbp.market.ParamBands> stableBands = new java.util.TreeMap<>();
        for (CanaryState.Market m : s.markets().values()) {
            if (!m.settled) {
                stableRelease.put(m.id, s.stableReleaseOf(a, m.id));
                stableFee.put(m.id, s.stableFeeOf(a, m.id));
                stableBands.put(m.id, s.stableBandsOf(a, m.id));
            }
        }
        return Consistency.check(db, release, stableRelease, stableFee, stableBands);
    }

    /** Rollback moves: every unsettled market still on {@code a}'s release, back to what it ran when {@code a} started. */
    private static void back(CanaryState s, CanaryState.Active a, List<MarketCommand> cmds) {
        for (CanaryState.Market m : s.markets().values()) {
            if (!m.settled && a.started.release().equals(m.release)) {
                cmds.add(new MarketCommand.ApplyParams(m.id, s.stableReleaseOf(a, m.id), s.stableFeeOf(a, m.id), "rollback",
                        s.stableBandsOf(a, m.id)));
            }
        }
    }

    private static CanaryState.Active requireActive(CanaryState s) {
        if (s.active() == null) {
            throw new BadInputException("no canary is running (stable release: " + s.stable() + "); start one with mbp canary start");
        }
        return s.active();
    }

    private void commit(List<MarketCommand> cmds) {
        if (cmds.isEmpty()) {
            return;
        }
        MarketService svc = new MarketService(db, new MarketEngine(), clock);
        for (MarketService.Outcome o : svc.commit(cmds, false).outcomes()) {
            if (!o.ok()) { // a market settled since the state was read: it keeps what it settled under
                org.apache.logging.log4j.LogManager.getLogger(CanaryService.class).warn("canary: {}", o.rejected().getMessage());
            }
        }
    }

    private long append(CanaryEvent e) {
        return log.append(List.of(NewEvent.of(CanaryEvents.TYPES, e.streamId(), clock.instant(), e))).firstSeq();
    }
}

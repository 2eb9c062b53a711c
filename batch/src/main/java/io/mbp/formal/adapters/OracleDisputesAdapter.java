package io.mbp.formal.adapters;

import io.mbp.events.Timestamps;
import io.mbp.formal.SpecAdapter;
import io.mbp.formal.SpecState;
import io.mbp.formal.Tla;
import io.mbp.oracle.CommitteeMemberAdded;
import io.mbp.oracle.DisputeEscalated;
import io.mbp.oracle.Finalized;
import io.mbp.oracle.OracleCommand;
import io.mbp.oracle.OracleEngine;
import io.mbp.oracle.OracleEvent;
import io.mbp.oracle.OracleEventRegistered;
import io.mbp.oracle.OracleParams;
import io.mbp.oracle.OracleState;
import io.mbp.oracle.OracleState.EventState;
import io.mbp.oracle.OracleState.Phase;
import io.mbp.oracle.OutcomeProposed;
import io.mbp.oracle.SourceRegistered;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Holds the production oracle, {@link OracleEngine#decide} + {@link OracleState#evolve} with a
 * controlled clock, to {@code disputes.tla} (Answers = {yes, no}, Window = ReproposeWindow = 2 ticks,
 * Deadline = 3 ticks). One categorical event {@code ev} with outcomes yes/no, three sources and a
 * two-member committee; {@link OracleParams#DEFAULTS} (committee window 48 h, which is also the time
 * a re-request has to be answered).
 *
 * <p>The Java state is the event log the engine produced; every probe replays it into a fresh
 * {@link OracleState} and asks {@code decide}, so a probe never changes the machine.
 *
 * <p>Spec actions, as engine commands at the adapter's clock {@code now}:
 * <ul>
 *   <li>Propose(a): three sources report {@code a}, then a round (Aggregate) — the action happened
 *       when the round emits {@code OutcomeProposed}. The round runs at {@code now}, or one second
 *       later when a round or the dispute already sits at {@code now} (rounds only move forward);
 *       one second stays inside the same tick.</li>
 *   <li>Dispute: OpenDispute; CommitteeDecides(a): ResolveDispute with outcome {@code a} and two signers.</li>
 *   <li>CloseWindow / ReproposeTimeout / CommitteeTimeout: Finalize, recognised by what it emits
 *       (Finalized undisputed/re_proposed, DisputeEscalated, Finalized committee_timeout).</li>
 *   <li>Tick: the clock moves to the next tick boundary of the current phase. Java "allows" time to
 *       pass while Finalize at {@code now} has nothing due for the event (a timed phase whose deadline
 *       has not come): that is where the spec's {@code clock < bound} guards sit.</li>
 * </ul>
 *
 * <p>Refinement mapping (Java -> spec):
 * <ul>
 *   <li>phase: OPEN -> AwaitingProposal; PROPOSED -> Proposed (attempt 1) or Reproposed (attempt 2);
 *       RE_REQUESTED -> ReRequested; ESCALATED -> Committee; FINALIZED -> Finalized;</li>
 *   <li>proposal: the outcome of the latest OutcomeProposed, "none" before one;</li>
 *   <li>disputes: DisputeOpened count; escalation: from DisputeEscalated's reason ("second dispute..."
 *       -> second_dispute, "no new proposal..." -> no_reproposal), "none" before one;</li>
 *   <li>clock: whole ticks since the timed phase began (proposal round; dispute; escalation deadline
 *       minus the committee window), a tick being dispute window / Window, re-proposal time /
 *       ReproposeWindow, committee window / Deadline; 0 in untimed phases;</li>
 *   <li>finals: the Finalized event as {@code [answer, via]}, answer "invalid" for a 50/50.</li>
 * </ul>
 */
public final class OracleDisputesAdapter implements SpecAdapter {
    public static final int WINDOW_TICKS = 2;
    public static final int REPROPOSE_TICKS = 2;
    public static final int DEADLINE_TICKS = 3;
    static final String EVENT = "ev";
    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    static final long DISPUTE_WINDOW_S = 7_200;
    static final List<String> SOURCES = List.of("s1", "s2", "s3");
    static final List<String> COMMITTEE = List.of("c1", "c2");

    private final OracleParams params = OracleParams.DEFAULTS;
    private final List<OracleEvent> log = new ArrayList<>();
    private Instant now;

    @Override
    public String spec() {
        return "disputes";
    }

    @Override
    public void reset(SpecState init) {
        log.clear();
        now = T0;
        for (String s : SOURCES) {
            commit(new OracleCommand.RegisterSource(new SourceRegistered(s, "source " + s, 3_000)), now);
        }
        for (String c : COMMITTEE) {
            commit(new OracleCommand.AddCommitteeMember(new CommitteeMemberAdded(c, "member " + c)), now);
        }
        commit(new OracleCommand.RegisterEvent(new OracleEventRegistered(EVENT, "categorical", "conformance",
                null, null, List.of("yes", "no"), Timestamps.format(T0), 1_800, DISPUTE_WINDOW_S, null), "conformance"), now);
    }

    private OracleState state() {
        return OracleState.replay(params, log);
    }

    private EventState event() {
        return state().event(EVENT);
    }

    private static List<OracleEvent> decide(OracleState s, OracleCommand c, Instant at) {
        return OracleEngine.decide(s, c, Clock.fixed(at, ZoneOffset.UTC));
    }

    /** Decides on the current log and appends what the engine emitted. */
    private List<OracleEvent> commit(OracleCommand c, Instant at) {
        List<OracleEvent> out = decide(state(), c, at);
        log.addAll(out);
        return out;
    }

    /** What Propose(a) emits, on a throwaway copy when {@code probe}. */
    private List<OracleEvent> propose(String answer, boolean probe) {
        EventState es = event();
        Instant at = now;
        if ((es.lastRoundAt() != null && !now.isAfter(es.lastRoundAt()))
                || (es.reRequestedAt() != null && !now.isAfter(es.reRequestedAt()))) {
            at = now.plusSeconds(1);
        }
        OracleState s = state();
        List<OracleEvent> emitted = new ArrayList<>();
        List<OracleCommand.RawReport> reports = new ArrayList<>();
        for (String src : SOURCES) {
            reports.add(new OracleCommand.RawReport("conformance", src, EVENT, Timestamps.format(at), answer, null));
        }
        for (OracleEvent e : decide(s, new OracleCommand.Ingest(reports), at)) {
            s.evolve(e);
            emitted.add(e);
        }
        emitted.addAll(decide(s, new OracleCommand.Aggregate(List.of(EVENT)), at));
        if (!probe) {
            log.addAll(emitted);
            now = at;
        }
        return emitted;
    }

    private static boolean proposes(List<OracleEvent> out) {
        return out.stream().anyMatch(e -> e instanceof OutcomeProposed);
    }

    private List<OracleEvent> finalizeNow() {
        return decide(state(), new OracleCommand.Finalize(), now);
    }

    private boolean accepts(OracleCommand c) {
        try {
            decide(state(), c, now);
            return true;
        } catch (RuntimeException refused) {
            return false;
        }
    }

    private static OracleCommand.ResolveDispute committee(String answer) {
        return new OracleCommand.ResolveDispute(EVENT, null, answer, false, COMMITTEE);
    }

    @Override
    public Set<String> enabledActions() {
        EventState es = event();
        Set<String> a = new TreeSet<>();
        if (proposes(propose("yes", true))) {
            a.add("Propose");
        }
        if (accepts(new OracleCommand.OpenDispute(EVENT, "conformance", "probe"))) {
            a.add("Dispute");
        }
        if (accepts(committee("yes"))) {
            a.add("CommitteeDecides");
        }
        List<OracleEvent> due = finalizeNow();
        for (OracleEvent e : due) {
            if (e instanceof Finalized f && f.via().equals("committee_timeout")) {
                a.add("CommitteeTimeout");
            } else if (e instanceof Finalized) {
                a.add("CloseWindow");
            } else if (e instanceof DisputeEscalated) {
                a.add("ReproposeTimeout");
            }
        }
        if (phaseStart(es) != null && due.isEmpty()) {
            a.add("Tick");
        }
        return a;
    }

    @Override
    public void apply(String action, SpecState target) {
        switch (action) {
            case "Propose" -> {
                if (!proposes(propose(unquote(target.vars().get("proposal")), false))) {
                    throw new IllegalStateException("the round proposed nothing");
                }
            }
            case "Tick" -> {
                EventState es = event();
                Instant start = phaseStart(es);
                if (start == null || !finalizeNow().isEmpty()) {
                    throw new IllegalStateException("time cannot pass: nothing is timed, or a deadline is due");
                }
                Duration tick = tick(es);
                now = start.plus(tick.multipliedBy(Duration.between(start, now).dividedBy(tick) + 1));
            }
            case "Dispute" -> commit(new OracleCommand.OpenDispute(EVENT, "conformance", "disputed"), now);
            case "CommitteeDecides" -> commit(committee(finalAnswer(target)), now);
            case "CloseWindow", "ReproposeTimeout", "CommitteeTimeout" -> {
                if (commit(new OracleCommand.Finalize(), now).isEmpty()) {
                    throw new IllegalStateException("Finalize had nothing due");
                }
            }
            default -> throw new IllegalArgumentException("the disputes spec has no action " + action);
        }
    }

    /** When the current timed phase began, or null for an untimed phase. */
    private Instant phaseStart(EventState es) {
        return switch (es.phase()) {
            case PROPOSED -> Instant.parse(es.proposal().livenessEndsAt()).minusSeconds(es.spec().disputeWindowSeconds());
            case RE_REQUESTED -> es.reRequestedAt();
            case ESCALATED -> Instant.parse(es.escalation().deadline()).minus(params.committeeWindow());
            default -> null;
        };
    }

    private Duration tick(EventState es) {
        return switch (es.phase()) {
            case PROPOSED -> Duration.ofSeconds(es.spec().disputeWindowSeconds()).dividedBy(WINDOW_TICKS);
            case RE_REQUESTED -> Duration.between(es.reRequestedAt(), es.reproposeBy()).dividedBy(REPROPOSE_TICKS);
            case ESCALATED -> params.committeeWindow().dividedBy(DEADLINE_TICKS);
            default -> throw new IllegalStateException("no tick in phase " + es.phase());
        };
    }

    @Override
    public SpecState abstraction() {
        EventState es = event();
        Instant start = phaseStart(es);
        long clock = start == null ? 0 : Duration.between(start, now).dividedBy(tick(es));
        String phase = switch (es.phase()) {
            case OPEN -> "AwaitingProposal";
            case PROPOSED -> es.proposal().attempt() == 1 ? "Proposed" : "Reproposed";
            case RE_REQUESTED -> "ReRequested";
            case ESCALATED -> "Committee";
            case FINALIZED -> "Finalized";
        };
        String escalation = "none";
        if (es.escalation() != null) {
            String reason = es.escalation().reason();
            escalation = reason.startsWith("second dispute") ? "second_dispute"
                    : reason.startsWith("no new proposal") ? "no_reproposal" : "unknown: " + reason;
        }
        List<String> finals = new ArrayList<>();
        if (es.finalized() != null) {
            Finalized f = es.finalized();
            finals.add(Tla.record(Map.of("answer", Tla.str(f.invalid() ? "invalid" : f.outcome()), "via", Tla.str(f.via()))));
        }
        return SpecState.builder()
                .str("phase", phase)
                .str("proposal", es.proposals().isEmpty() ? "none" : es.proposals().get(es.proposals().size() - 1).outcome())
                .num("disputes", es.disputes().size())
                .str("escalation", escalation)
                .num("clock", clock)
                .raw("finals", Tla.seq(finals))
                .build();
    }

    private static String finalAnswer(SpecState target) {
        String finals = target.vars().get("finals");
        int i = finals.indexOf("answer |-> \"");
        if (i < 0) {
            throw new IllegalArgumentException("target state has no Finalized answer: " + finals);
        }
        int start = i + "answer |-> \"".length();
        return finals.substring(start, finals.indexOf('"', start));
    }

    private static String unquote(String tla) {
        if (tla == null || tla.length() < 2 || !tla.startsWith("\"")) {
            throw new IllegalArgumentException("expected a TLA+ string, got " + tla);
        }
        return tla.substring(1, tla.length() - 1);
    }
}

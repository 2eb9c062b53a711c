package io.mbp.oracle;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Everything the oracle knows, as a function of its events: {@link #evolve} folds one event in.
 * Live commands and replay use the same {@code evolve}, so replaying the log rebuilds exactly the
 * state the commands decided on. A working copy: {@code decide} never touches it.
 */
public final class OracleState {
    public enum Phase { OPEN, PROPOSED, RE_REQUESTED, ESCALATED, FINALIZED }

    /** Rounds kept per event for {@code status}; older ones stay in the log and the rounds table. */
    public static final int RECENT_ROUNDS = 12;

    /** A source as the log last described it: replaced whole by {@link #evolve}, never changed in place. */
    public record SourceInfo(String id, String name, long weightBps, boolean active, String suspendedReason) {
        SourceInfo suspended(String reason) {
            return new SourceInfo(id, name, weightBps, false, reason);
        }

        SourceInfo weighing(long bps) {
            return new SourceInfo(id, name, bps, active, suspendedReason);
        }
    }

    /**
     * One oracle event's fold. Its fields are private: only {@link OracleState#evolve} changes them
     * (docs/adr/0007); readers get values or read-only views.
     */
    public static final class EventState {
        private final OracleSpec spec;
        private final OracleEventRegistered registration;
        private final List<Report> reports = new ArrayList<>();
        private final Set<String> reportKeys = new HashSet<>();
        /** Epoch second of the earliest accepted observation, or Long.MAX_VALUE before any. */
        private long firstObservedAt = Long.MAX_VALUE;
        private long rejected;
        private Hysteresis hysteresis = Hysteresis.START;
        private final List<Twap.Point> consensus = new ArrayList<>();
        private Instant lastRoundAt;
        private final Deque<RoundAggregated> recentRounds = new ArrayDeque<>();
        private List<Aggregator.Metric> lastMetrics = List.of();
        private Phase phase = Phase.OPEN;
        private OutcomeProposed proposal;
        private List<Aggregator.Metric> proposalMetrics = List.of();
        private final List<OutcomeProposed> proposals = new ArrayList<>();
        private final List<DisputeOpened> disputes = new ArrayList<>();
        private Instant reRequestedAt;
        private Instant reproposeBy;
        private DisputeEscalated escalation;
        private CommitteeResolved resolution;
        private Finalized finalized;
        private final List<FailoverRolled> modeChanges = new ArrayList<>();

        EventState(OracleEventRegistered r) {
            this.registration = r;
            this.spec = OracleSpec.of(r);
        }

        public boolean hasReport(String source, long observedAt) {
            return reportKeys.contains(source + "@" + observedAt);
        }

        public OracleSpec spec() {
            return spec;
        }

        public OracleEventRegistered registration() {
            return registration;
        }

        public List<Report> reports() {
            return Collections.unmodifiableList(reports);
        }

        public long firstObservedAt() {
            return firstObservedAt;
        }

        public long rejected() {
            return rejected;
        }

        public Hysteresis hysteresis() {
            return hysteresis;
        }

        /** Consensus points still inside (or opening) the TWAP window. */
        public List<Twap.Point> consensus() {
            return Collections.unmodifiableList(consensus);
        }

        public Instant lastRoundAt() {
            return lastRoundAt;
        }

        /** The last {@link #RECENT_ROUNDS} rounds, oldest first. */
        public Collection<RoundAggregated> recentRounds() {
            return Collections.unmodifiableCollection(recentRounds);
        }

        public List<Aggregator.Metric> lastMetrics() {
            return lastMetrics;
        }

        public Phase phase() {
            return phase;
        }

        /** The proposal open to dispute, or null. */
        public OutcomeProposed proposal() {
            return proposal;
        }

        /** The source metrics of the round that made the current proposal. */
        public List<Aggregator.Metric> proposalMetrics() {
            return proposalMetrics;
        }

        public List<OutcomeProposed> proposals() {
            return Collections.unmodifiableList(proposals);
        }

        public List<DisputeOpened> disputes() {
            return Collections.unmodifiableList(disputes);
        }

        public Instant reRequestedAt() {
            return reRequestedAt;
        }

        public Instant reproposeBy() {
            return reproposeBy;
        }

        public DisputeEscalated escalation() {
            return escalation;
        }

        public CommitteeResolved resolution() {
            return resolution;
        }

        public Finalized finalized() {
            return finalized;
        }

        public List<FailoverRolled> modeChanges() {
            return Collections.unmodifiableList(modeChanges);
        }
    }

    private final OracleParams params;
    private final Map<String, SourceInfo> sources = new TreeMap<>();
    private final Map<String, String> committee = new TreeMap<>();
    private final Map<String, EventState> events = new TreeMap<>();
    private final Map<String, ReleaseOverrides.Values> overrides = new TreeMap<>();
    private long rejectedElsewhere;

    public OracleState(OracleParams params) {
        this.params = params;
    }

    public static OracleState replay(OracleParams params, Iterable<? extends OracleEvent> log) {
        OracleState s = new OracleState(params);
        for (OracleEvent e : log) {
            s.evolve(e);
        }
        return s;
    }

    public OracleParams params() {
        return params;
    }

    /** The release-applied values per oracle event (ADR 0322), from {@link ReleaseOverrides#perEvent}. */
    public OracleState withOverrides(Map<String, ReleaseOverrides.Values> perEvent) {
        overrides.clear();
        overrides.putAll(perEvent);
        return this;
    }

    /** The parameters a round of {@code event} runs: the stable ones with the divergence band its markets' release applied. */
    public OracleParams paramsFor(String event) {
        ReleaseOverrides.Values v = overrides.get(event);
        if (v == null || v.bandBps() == null) {
            return params;
        }
        OracleParams p = params;
        return new OracleParams(p.quorumSources(), p.quorumWeightBps(), v.bandBps(), p.agreeNum(), p.agreeDen(), p.failK(),
                p.healthyM(), p.twapWindow(), p.committeeWindow(), p.committeeQuorum(), p.repUpBps(), p.repOutlierBps(),
                p.repStaleBps(), p.repMaxStepBps(), p.repMinBps(), p.repMaxBps());
    }

    /** The event's spec as a round reads it: its own staleness unless its markets' release applied one. */
    public OracleSpec specFor(EventState es) {
        ReleaseOverrides.Values v = overrides.get(es.spec().id());
        OracleSpec s = es.spec();
        if (v == null || v.stalenessSeconds() == null) {
            return s;
        }
        return new OracleSpec(s.id(), s.kind(), s.title(), s.min(), s.max(), s.outcomes(), s.resolvesAt(), v.stalenessSeconds(),
                s.disputeWindowSeconds(), s.panel());
    }

    public Map<String, SourceInfo> sources() {
        return Collections.unmodifiableMap(sources);
    }

    public Map<String, String> committee() {
        return Collections.unmodifiableMap(committee);
    }

    public Map<String, EventState> events() {
        return Collections.unmodifiableMap(events);
    }

    public EventState event(String id) {
        return events.get(id);
    }

    public long rejectedElsewhere() {
        return rejectedElsewhere;
    }

    /** The event's active panel, in source-id order (so rounds never depend on registration order). */
    public List<PanelSource> panel(EventState es) {
        List<PanelSource> out = new ArrayList<>();
        for (SourceInfo s : sources.values()) {
            if (s.active() && (es.spec.panel().isEmpty() || es.spec.panel().contains(s.id()))) {
                out.add(new PanelSource(s.id(), s.weightBps()));
            }
        }
        return out;
    }

    public boolean onPanel(EventState es, String source) {
        return es.spec.panel().isEmpty() || es.spec.panel().contains(source);
    }

    /**
     * Folds one event into the state and returns it (the same, mutated, object). A switch over the
     * sealed family without a default: a new oracle event type that evolve does not handle is a
     * compile error, not a silently ignored event (docs/adr/0008).
     */
    public OracleState evolve(OracleEvent e) {
        switch (e) {
            case OracleEventRegistered r -> events.put(r.event(), new EventState(r));
            case SourceRegistered r -> sources.put(r.source(), new SourceInfo(r.source(), r.name(), r.weightBps(), true, null));
            case SourceSuspended r -> sources.put(r.source(), sources.get(r.source()).suspended(r.reason()));
            case CommitteeMemberAdded r -> committee.put(r.member(), r.name());
            case ReportReceived r -> {
                EventState es = events.get(r.event());
                long at = Instant.parse(r.observedAt()).getEpochSecond();
                es.reports.add(new Report(r.source(), at, r.value(), es.spec.numeric() ? new BigDecimal(r.value()) : null));
                es.reportKeys.add(r.source() + "@" + at);
                es.firstObservedAt = Math.min(es.firstObservedAt, at);
            }
            case ReportRejected r -> {
                EventState es = r.event() == null ? null : events.get(r.event());
                if (es != null) {
                    es.rejected++;
                } else {
                    rejectedElsewhere++;
                }
            }
            case RoundAggregated r -> evolveRound(events.get(r.event()), r);
            case FailoverRolled r -> events.get(r.event()).modeChanges.add(r);
            case OutcomeProposed r -> {
                EventState es = events.get(r.event());
                es.phase = Phase.PROPOSED;
                es.proposal = r;
                es.proposals.add(r);
                es.proposalMetrics = es.lastMetrics;
            }
            case DisputeOpened r -> {
                EventState es = events.get(r.event());
                es.disputes.add(r);
                es.proposal = null;
                if (r.reproposeBy() != null) {
                    es.phase = Phase.RE_REQUESTED;
                    es.reRequestedAt = Instant.parse(r.at());
                    es.reproposeBy = Instant.parse(r.reproposeBy());
                }
            }
            case DisputeEscalated r -> {
                EventState es = events.get(r.event());
                es.phase = Phase.ESCALATED;
                es.escalation = r;
            }
            case CommitteeResolved r -> events.get(r.event()).resolution = r;
            case Finalized r -> {
                EventState es = events.get(r.event());
                es.phase = Phase.FINALIZED;
                es.finalized = r;
            }
            case ReputationChanged r -> sources.put(r.source(), sources.get(r.source()).weighing(r.afterBps()));
        }
        return this;
    }

    private void evolveRound(EventState es, RoundAggregated r) {
        Instant at = Instant.parse(r.at());
        boolean healthy = Aggregator.Status.CONSENSUS.wire().equals(r.status());
        es.hysteresis = es.hysteresis.step(healthy, params.failK(), params.healthyM()).next();
        if (!es.hysteresis.mode().wire().equals(r.mode())) {
            // The logged mode came from the same step function: a mismatch means the parameters
            // (k, m) changed since the log was written, and replay would silently diverge.
            throw new IllegalStateException("round of " + r.event() + " at " + r.at() + " logged mode " + r.mode()
                    + " but replay with k=" + params.failK() + ", m=" + params.healthyM() + " gives "
                    + es.hysteresis.mode().wire());
        }
        es.lastRoundAt = at;
        es.recentRounds.addLast(r);
        if (es.recentRounds.size() > RECENT_ROUNDS) {
            es.recentRounds.removeFirst();
        }
        List<Aggregator.Metric> metrics = new ArrayList<>(r.sources().size());
        for (String m : r.sources()) {
            metrics.add(Aggregator.Metric.decode(m));
        }
        es.lastMetrics = List.copyOf(metrics);
        if (healthy && r.value() != null) {
            es.consensus.add(new Twap.Point(at.getEpochSecond(), new BigDecimal(r.value())));
            long horizon = at.getEpochSecond() - params.twapWindow().getSeconds();
            // Keep the one point in effect when the window opens; older ones can never count again.
            while (es.consensus.size() > 1 && es.consensus.get(1).at() <= horizon) {
                es.consensus.remove(0);
            }
        }
    }
}

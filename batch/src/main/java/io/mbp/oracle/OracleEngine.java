package io.mbp.oracle;

import io.mbp.error.BadInputException;
import io.mbp.events.FieldException;
import io.mbp.events.Timestamps;
import io.mbp.oracle.OracleCommand.AddCommitteeMember;
import io.mbp.oracle.OracleCommand.Aggregate;
import io.mbp.oracle.OracleCommand.Finalize;
import io.mbp.oracle.OracleCommand.Ingest;
import io.mbp.oracle.OracleCommand.OpenDispute;
import io.mbp.oracle.OracleCommand.RawReport;
import io.mbp.oracle.OracleCommand.RegisterEvent;
import io.mbp.oracle.OracleCommand.RegisterSource;
import io.mbp.oracle.OracleCommand.ResolveDispute;
import io.mbp.oracle.OracleCommand.SuspendSource;
import io.mbp.oracle.OracleState.EventState;
import io.mbp.oracle.OracleState.Phase;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The oracle's decisions: {@code decide(state, command, clock) -> events}, pure (the clock is the
 * only notion of time, nothing is read or written). A refused command throws
 * {@link BadInputException} (exit 4) and yields no events at all.
 */
public final class OracleEngine {
    private OracleEngine() {
    }

    public static List<OracleEvent> decide(OracleState s, OracleCommand c, Clock clock) {
        Instant now = clock.instant();
        if (c instanceof RegisterEvent r) {
            return registerEvent(s, r);
        } else if (c instanceof RegisterSource r) {
            if (s.sources().containsKey(r.registration().source())) {
                throw new BadInputException("source " + r.registration().source() + " is already registered");
            }
            return List.of(r.registration());
        } else if (c instanceof SuspendSource r) {
            OracleState.SourceInfo src = s.sources().get(r.source());
            if (src == null) {
                throw new BadInputException("unknown source " + r.source() + " (see mbp oracle source list)");
            }
            if (!src.active()) {
                throw new BadInputException("source " + r.source() + " is already suspended");
            }
            return List.of(new SourceSuspended(r.source(), r.reason(), Timestamps.format(now)));
        } else if (c instanceof AddCommitteeMember r) {
            if (s.committee().containsKey(r.member().member())) {
                throw new BadInputException("committee member " + r.member().member() + " is already registered");
            }
            return List.of(r.member());
        } else if (c instanceof Ingest r) {
            return ingest(s, r.reports(), now);
        } else if (c instanceof Aggregate r) {
            return aggregate(s, r.events(), now);
        } else if (c instanceof Finalize) {
            return finalizeDue(s, now);
        } else if (c instanceof OpenDispute r) {
            return openDispute(s, r, now);
        } else if (c instanceof ResolveDispute r) {
            return resolve(s, r, now);
        }
        throw new IllegalArgumentException("unknown command " + c);
    }

    private static List<OracleEvent> registerEvent(OracleState s, RegisterEvent r) {
        OracleEventRegistered reg = r.registration();
        if (s.event(reg.event()) != null) {
            throw new BadInputException(r.input() + ": oracle event " + reg.event() + " is already registered");
        }
        if (reg.sources() != null) {
            for (String src : reg.sources()) {
                if (!s.sources().containsKey(src)) {
                    throw new BadInputException(r.input() + ": field sources: unknown source " + src
                            + " (register it first with mbp oracle source add)");
                }
            }
        }
        return List.of(reg);
    }

    // ---------------------------------------------------------------- ingest

    private static List<OracleEvent> ingest(OracleState s, List<RawReport> rows, Instant now) {
        List<OracleEvent> out = new ArrayList<>(rows.size());
        Set<String> seen = new HashSet<>();
        for (RawReport row : rows) {
            out.add(judge(s, row, now, seen));
        }
        return out;
    }

    private static OracleEvent judge(OracleState s, RawReport row, Instant now, Set<String> seen) {
        if (row.problem() != null) {
            return reject(row, "unparsable", row.problem());
        }
        for (String[] f : new String[][] {{"source", row.source()}, {"event", row.event()},
            {"observed_at", row.observedAt()}, {"value", row.value()}}) {
            if (f[1] == null || f[1].isBlank()) {
                return reject(row, "unparsable", "field " + f[0] + " is missing or empty");
            }
        }
        EventState es = s.event(row.event());
        if (es == null) {
            return reject(row, "unknown_event", "no oracle event " + row.event() + " is registered");
        }
        if (es.phase() == Phase.FINALIZED) {
            return reject(row, "event_finalized", "oracle event " + row.event() + " is already finalized");
        }
        OracleState.SourceInfo src = s.sources().get(row.source());
        if (src == null) {
            return reject(row, "unknown_source", "no source " + row.source() + " is registered");
        }
        if (!src.active()) {
            return reject(row, "suspended_source", "source " + row.source() + " is suspended (" + src.suspendedReason() + ")");
        }
        if (!s.onPanel(es, row.source())) {
            return reject(row, "not_on_panel", "source " + row.source() + " is not on the panel of " + row.event());
        }
        Instant observed;
        try {
            observed = Timestamps.parse("observed_at", row.observedAt());
        } catch (FieldException e) {
            return reject(row, "unparsable", "field observed_at: " + e.getMessage());
        }
        if (observed.isAfter(now)) {
            return reject(row, "future", "observed_at " + Timestamps.format(observed) + " is after the ingest time "
                    + Timestamps.format(now));
        }
        if (es.spec().numeric() && !Decimals.isPlain(row.value())) {
            return reject(row, "unparsable", "field value: \"" + row.value() + "\" is not a plain decimal string");
        }
        String refusal = es.spec().refusal(row.value());
        if (refusal != null) {
            return reject(row, es.spec().numeric() ? "out_of_bounds" : "unknown_outcome", refusal);
        }
        long at = observed.getEpochSecond();
        String key = row.source() + "@" + row.event() + "@" + at;
        if (es.hasReport(row.source(), at) || !seen.add(key)) {
            return reject(row, "duplicate", "source " + row.source() + " already reported " + row.event() + " observed at "
                    + Timestamps.format(observed) + "; the first report is kept");
        }
        return new ReportReceived(row.source(), row.event(), Timestamps.format(observed), row.value());
    }

    private static ReportRejected reject(RawReport row, String reason, String detail) {
        return new ReportRejected(row.input(), blankToNull(row.source()), blankToNull(row.event()),
                blankToNull(row.observedAt()), blankToNull(row.value()), reason, detail);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    // ---------------------------------------------------------------- rounds

    private static List<OracleEvent> aggregate(OracleState s, List<String> only, Instant at) {
        List<String> ids = new ArrayList<>();
        if (only.isEmpty()) {
            ids.addAll(s.events().keySet());
        } else {
            for (String id : new LinkedHashSet<>(only)) {
                if (s.event(id) == null) {
                    throw new BadInputException("unknown oracle event " + id + " (register it with mbp oracle event add)");
                }
                ids.add(id);
            }
            ids.sort(null);
        }
        List<OracleEvent> out = new ArrayList<>();
        for (String id : ids) {
            EventState es = s.event(id);
            if (es.phase() == Phase.FINALIZED) {
                continue;
            }
            if (es.lastRoundAt() != null && !at.isAfter(es.lastRoundAt())) {
                throw new BadInputException("oracle event " + id + " already had a round at " + Timestamps.format(es.lastRoundAt())
                        + "; rounds only move forward (run the round at a later time)").about("round-time");
            }
            // Before any source has observed anything there is nothing to aggregate: a round would
            // only log that every source is silent, and nothing can fail over yet.
            if (es.firstObservedAt() > at.getEpochSecond()) {
                continue;
            }
            round(s, es, at, out);
        }
        return out;
    }

    private static void round(OracleState s, EventState es, Instant at, List<OracleEvent> out) {
        OracleSpec spec = es.spec();
        OracleParams p = s.paramsFor(spec.id()); // its markets' release's band and staleness (ADR 0322)
        long t = at.getEpochSecond();
        Aggregator.Result r = Aggregator.aggregate(s.specFor(es), p, s.panel(es), es.reports(), t);
        Hysteresis.Step step = es.hysteresis().step(r.healthy(), p.failK(), p.healthyM());
        Mode mode = step.next().mode();
        String fallbackValue = null;
        if (mode == Mode.FALLBACK && spec.numeric()) {
            List<Twap.Point> points = es.consensus();
            if (r.healthy()) {
                points = new ArrayList<>(points);
                points.add(new Twap.Point(t, new BigDecimal(r.answer())));
            }
            BigDecimal twap = Twap.of(points, t, p.twapWindow().getSeconds());
            fallbackValue = twap == null ? null : twap.toPlainString();
        }
        List<String> metrics = new ArrayList<>(r.metrics().size());
        for (Aggregator.Metric m : r.metrics()) {
            metrics.add(m.encode());
        }
        String value = r.healthy() && spec.numeric() ? r.answer() : null;
        String outcome = r.healthy() && !spec.numeric() ? r.answer() : null;
        String ts = Timestamps.format(at);
        out.add(new RoundAggregated(spec.id(), ts, mode.wire(), r.status().wire(), value, outcome, fallbackValue,
                r.freshSources(), r.countedWeight(), r.panelWeight(), r.agreeWeight(), metrics));
        if (step.switched()) {
            String reason = mode == Mode.FALLBACK
                    ? p.failK() + " consecutive rounds without consensus (last: " + r.status().wire() + ", "
                        + r.freshSources() + " fresh sources carrying " + r.countedWeight() + " of " + r.panelWeight()
                        + " bps)" + (fallbackValue == null ? "" : "; fallback TWAP " + fallbackValue)
                    : p.healthyM() + " consecutive healthy rounds";
            out.add(new FailoverRolled(spec.id(), es.hysteresis().mode().wire(), mode.wire(), reason, ts));
        }
        boolean mayPropose = es.phase() == Phase.OPEN
                || (es.phase() == Phase.RE_REQUESTED && at.isAfter(es.reRequestedAt()) && at.isBefore(es.reproposeBy()));
        // Only a consensus round in consensus mode proposes: a fallback TWAP never becomes an answer.
        if (mayPropose && step.answers(r.healthy()) && !at.isBefore(spec.resolvesAt())) {
            out.add(new OutcomeProposed(spec.id(), spec.kind().wire(), value, outcome, ts, es.disputes().size() + 1L,
                    Timestamps.format(at.plusSeconds(spec.disputeWindowSeconds()))));
        }
    }

    // ---------------------------------------------------------------- finalization

    private static List<OracleEvent> finalizeDue(OracleState s, Instant now) {
        List<OracleEvent> out = new ArrayList<>();
        Map<String, Long> weights = Reputation.currentWeights(s);
        String ts = Timestamps.format(now);
        for (EventState es : s.events().values()) {
            String id = es.spec().id();
            switch (es.phase()) {
                case PROPOSED -> {
                    OutcomeProposed prop = es.proposal();
                    if (!now.isBefore(Instant.parse(prop.livenessEndsAt()))) {
                        out.add(new Finalized(id, prop.kind(), prop.value(), prop.outcome(), false,
                                prop.attempt() == 1 ? "undisputed" : "re_proposed", ts));
                        Reputation.after(s, es, es.proposalMetrics(), prop.value() != null ? prop.value() : prop.outcome(), weights, out);
                    }
                }
                case RE_REQUESTED -> {
                    // Every time bound of the oracle is half-open, like the dispute window: the
                    // deadline instant is the first at which it is too late (docs/formal.md).
                    if (!now.isBefore(es.reproposeBy())) {
                        Instant deadline = es.reproposeBy().plus(s.params().committeeWindow());
                        out.add(new DisputeEscalated(id, "no new proposal by " + Timestamps.format(es.reproposeBy())
                                + " after the first dispute", ts, Timestamps.format(deadline)));
                        if (!now.isBefore(deadline)) {
                            out.add(invalidByTimeout(es, deadline, ts));
                        }
                    }
                }
                case ESCALATED -> {
                    Instant deadline = Instant.parse(es.escalation().deadline());
                    if (!now.isBefore(deadline)) {
                        out.add(invalidByTimeout(es, deadline, ts));
                    }
                }
                default -> {
                }
            }
        }
        return out;
    }

    private static Finalized invalidByTimeout(EventState es, Instant deadline, String ts) {
        return new Finalized(es.spec().id(), es.spec().kind().wire(), null, null, true, "committee_timeout", ts);
    }

    // ---------------------------------------------------------------- disputes

    private static List<OracleEvent> openDispute(OracleState s, OpenDispute d, Instant now) {
        EventState es = requireEvent(s, d.event());
        if (es.phase() != Phase.PROPOSED) {
            throw new BadInputException("oracle event " + d.event() + " has no proposal to dispute (it is "
                    + es.phase().name().toLowerCase() + ")");
        }
        Instant liveness = Instant.parse(es.proposal().livenessEndsAt());
        if (!now.isBefore(liveness)) {
            throw new BadInputException("the dispute window of " + d.event() + " closed at " + es.proposal().livenessEndsAt()
                    + "; run mbp oracle finalize");
        }
        String ts = Timestamps.format(now);
        Instant deadline = now.plus(s.params().committeeWindow());
        if (es.disputes().isEmpty()) {
            return List.of(new DisputeOpened(d.event(), 1, d.by(), d.reason(), ts, Timestamps.format(deadline)));
        }
        return List.of(new DisputeOpened(d.event(), es.disputes().size() + 1L, d.by(), d.reason(), ts, null),
                new DisputeEscalated(d.event(), "second dispute, by " + d.by() + ": " + d.reason(), ts, Timestamps.format(deadline)));
    }

    private static List<OracleEvent> resolve(OracleState s, ResolveDispute r, Instant now) {
        EventState es = requireEvent(s, r.event());
        if (es.phase() != Phase.ESCALATED) {
            throw new BadInputException("oracle event " + r.event() + " is not escalated to the committee (it is "
                    + es.phase().name().toLowerCase() + ")");
        }
        Instant deadline = Instant.parse(es.escalation().deadline());
        if (!now.isBefore(deadline)) {
            throw new BadInputException("the committee deadline of " + r.event() + " passed at " + es.escalation().deadline()
                    + "; the event resolves as invalid: run mbp oracle finalize");
        }
        int given = (r.value() != null ? 1 : 0) + (r.outcome() != null ? 1 : 0) + (r.invalid() ? 1 : 0);
        if (given != 1) {
            throw new BadInputException("a committee resolution gives exactly one answer: a value, an outcome, or invalid")
                    .about("committee-answer");
        }
        String answer = r.value() != null ? r.value() : r.outcome();
        if (answer != null) {
            if (es.spec().numeric() != (r.value() != null)) {
                throw new BadInputException(r.event() + " is " + es.spec().kind().wire() + ": answer with "
                        + (es.spec().numeric() ? "a value" : "an outcome")).about("committee-answer");
            }
            String refusal = es.spec().refusal(answer);
            if (refusal != null) {
                throw new BadInputException(r.event() + ": " + refusal);
            }
        }
        Set<String> signers = new LinkedHashSet<>(r.signers());
        if (signers.size() != r.signers().size()) {
            throw new BadInputException("each committee member signs once; a signer is given twice").about("committee-signer");
        }
        for (String m : signers) {
            if (!s.committee().containsKey(m)) {
                throw new BadInputException("signer " + m + " is not a committee member (see mbp oracle committee add)")
                        .about("committee-signer");
            }
        }
        if (signers.size() < s.params().committeeQuorum()) {
            throw new BadInputException("the committee quorum is " + s.params().committeeQuorum() + " distinct members; got "
                    + signers.size());
        }
        String ts = Timestamps.format(now);
        List<OracleEvent> out = new ArrayList<>();
        out.add(new CommitteeResolved(r.event(), r.value(), r.outcome(), r.invalid(), List.copyOf(signers), ts));
        out.add(new Finalized(r.event(), es.spec().kind().wire(), r.value(), r.outcome(), r.invalid(), "committee", ts));
        if (!r.invalid()) {
            Reputation.after(s, es, es.lastMetrics(), answer, Reputation.currentWeights(s), out);
        }
        return out;
    }

    private static EventState requireEvent(OracleState s, String id) {
        EventState es = s.event(id);
        if (es == null) {
            throw new BadInputException("unknown oracle event " + id);
        }
        return es;
    }
}

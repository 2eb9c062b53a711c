package io.mbp.oracle;

import io.mbp.error.BadInputException;
import io.mbp.oracle.OracleState.EventState;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The status of one oracle event as data (for {@code --json}) plus the same facts as sentences
 * (for people): mode, recent rounds, who counted and why others did not, proposal, disputes,
 * deadlines and the final answer.
 */
public final class OracleStatus {
    private OracleStatus() {
    }

    public static Map<String, Object> of(OracleState s, String id, int rounds) {
        EventState es = s.event(id);
        if (es == null) {
            throw new BadInputException("unknown oracle event " + id + " (see mbp oracle event list)");
        }
        OracleSpec spec = es.spec();
        List<String> words = new ArrayList<>();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("event", id);
        m.put("kind", spec.kind().wire());
        m.put("title", spec.title());
        m.put("resolves_at", es.registration().resolvesAt());
        m.put("mode", es.hysteresis().mode().wire());
        m.put("phase", es.phase().name().toLowerCase());
        m.put("reports_accepted", es.reports().size());
        m.put("reports_rejected", es.rejected());
        words.add(id + (spec.title() == null ? "" : " (" + spec.title() + ")") + ": " + spec.kind().wire()
                + (spec.numeric() ? " in [" + spec.min().toPlainString() + ", " + spec.max().toPlainString() + "]"
                : " with outcomes " + String.join(", ", spec.outcomes()))
                + ", resolves at " + es.registration().resolvesAt() + ".");
        words.add("Reports: " + es.reports().size() + " accepted, " + es.rejected() + " rejected. Staleness bound "
                + spec.stalenessSeconds() + " s, dispute window " + spec.disputeWindowSeconds() + " s.");
        words.add("Mode: " + es.hysteresis().mode().wire() + describeStreak(es, s.params()) + ".");

        List<Map<String, Object>> modeChanges = new ArrayList<>();
        for (FailoverRolled f : es.modeChanges()) {
            modeChanges.add(ordered("at", f.at(), "from", f.from(), "to", f.to(), "reason", f.reason()));
            words.add("  " + f.at() + ": " + f.from() + " -> " + f.to() + " (" + f.reason() + ")");
        }
        m.put("mode_changes", modeChanges);

        List<RoundAggregated> recent = new ArrayList<>(es.recentRounds());
        recent = recent.subList(Math.max(0, recent.size() - rounds), recent.size());
        List<Map<String, Object>> roundViews = new ArrayList<>();
        if (!recent.isEmpty()) {
            words.add("Last " + recent.size() + " round(s):");
        }
        for (RoundAggregated r : recent) {
            Map<String, Object> rv = new LinkedHashMap<>();
            rv.put("at", r.at());
            rv.put("mode", r.mode());
            rv.put("status", r.status());
            rv.put("value", r.value());
            rv.put("outcome", r.outcome());
            rv.put("fallback_value", r.fallbackValue());
            rv.put("fresh_sources", r.freshSources());
            rv.put("counted_weight_bps", r.countedWeightBps());
            rv.put("panel_weight_bps", r.panelWeightBps());
            rv.put("agree_weight_bps", r.agreeWeightBps());
            List<Map<String, Object>> srcs = new ArrayList<>();
            List<String> counted = new ArrayList<>();
            List<String> notCounted = new ArrayList<>();
            for (String enc : r.sources()) {
                Aggregator.Metric mt = Aggregator.Metric.decode(enc);
                srcs.add(ordered("source", mt.source(), "status", mt.status().wire(),
                        "age_seconds", mt.ageSeconds() < 0 ? null : mt.ageSeconds(), "reported", mt.reported()));
                switch (mt.status()) {
                    case AGREE -> counted.add(mt.source() + "=" + mt.reported());
                    case OUTLIER -> counted.add(mt.source() + "=" + mt.reported()
                            + (spec.numeric() ? " (outside the band)" : " (disagrees)"));
                    case STALE -> notCounted.add(mt.source() + " (stale: last report " + mt.ageSeconds() + " s old > "
                            + spec.stalenessSeconds() + " s)");
                    case SILENT -> notCounted.add(mt.source() + " (silent: no report yet)");
                }
            }
            rv.put("sources", srcs);
            roundViews.add(rv);
            String answer = r.value() != null ? r.value() : r.outcome();
            words.add("  " + r.at() + " [" + r.mode() + "] " + r.status()
                    + (answer == null ? "" : " -> " + answer)
                    + (r.fallbackValue() == null ? "" : " (fallback TWAP " + r.fallbackValue() + ", monitoring only)")
                    + "; counted " + r.freshSources() + " source(s), " + r.countedWeightBps() + "/" + r.panelWeightBps()
                    + " bps, agreeing " + r.agreeWeightBps() + " bps: " + (counted.isEmpty() ? "none" : String.join(", ", counted))
                    + (notCounted.isEmpty() ? "" : "; not counted: " + String.join(", ", notCounted)));
        }
        m.put("rounds", roundViews);

        List<Map<String, Object>> proposals = new ArrayList<>();
        for (OutcomeProposed p : es.proposals()) {
            proposals.add(ordered("attempt", p.attempt(), "value", p.value(), "outcome", p.outcome(),
                    "round_at", p.roundAt(), "liveness_ends_at", p.livenessEndsAt()));
        }
        m.put("proposals", proposals);
        m.put("proposal", es.proposal() == null ? null : proposals.get(proposals.size() - 1));
        if (es.proposal() != null) {
            words.add("Proposal (attempt " + es.proposal().attempt() + "): "
                    + (es.proposal().value() != null ? es.proposal().value() : es.proposal().outcome()) + " from the round at "
                    + es.proposal().roundAt() + (es.finalized() != null
                    ? "; its dispute window ended at " + es.proposal().livenessEndsAt() + " without a dispute."
                    : "; it finalizes at " + es.proposal().livenessEndsAt() + " unless disputed before."));
        }
        List<Map<String, Object>> disputes = new ArrayList<>();
        for (DisputeOpened d : es.disputes()) {
            disputes.add(ordered("round", d.round(), "by", d.by(), "reason", d.reason(), "at", d.at(),
                    "repropose_by", d.reproposeBy()));
            words.add("Dispute " + d.round() + " by " + d.by() + " at " + d.at() + ": " + d.reason()
                    + (d.reproposeBy() != null ? "; proposal discarded, a new one is due by " + d.reproposeBy() : ""));
        }
        m.put("disputes", disputes);
        if (es.escalation() != null) {
            m.put("committee_deadline", es.escalation().deadline());
            words.add("Escalated to the committee at " + es.escalation().at() + " (" + es.escalation().reason()
                    + "); it must resolve by " + es.escalation().deadline() + ", else the event resolves invalid (50/50).");
        } else {
            m.put("committee_deadline", null);
        }
        if (es.phase() == OracleState.Phase.RE_REQUESTED) {
            words.add("Waiting for a new proposal from a round after " + es.reRequestedAt() + " and by " + es.reproposeBy() + ".");
        }
        if (es.resolution() != null) {
            m.put("committee", ordered("signers", es.resolution().signers(), "at", es.resolution().at()));
            CommitteeResolved c = es.resolution();
            words.add("The committee answered " + (c.invalid() ? "invalid (50/50)" : c.value() != null ? c.value() : c.outcome())
                    + " at " + c.at() + ", signed by " + String.join(", ", c.signers()) + ".");
        }
        Finalized f = es.finalized();
        if (f != null) {
            Map<String, Object> fv = new LinkedHashMap<>();
            if (f.value() != null) {
                fv.put("value", f.value());
            }
            if (f.outcome() != null) {
                fv.put("outcome", f.outcome());
            }
            fv.put("invalid", f.invalid());
            fv.put("via", f.via());
            fv.put("finalized_at", f.finalizedAt());
            m.put("finalized", fv);
            words.add("FINALIZED " + (f.invalid() ? "invalid (50/50)" : f.value() != null ? f.value() : f.outcome())
                    + " via " + f.via() + " at " + f.finalizedAt() + ".");
        } else {
            m.put("finalized", null);
            words.add("Not finalized yet.");
        }
        m.put("explanation", words);
        return m;
    }

    private static String describeStreak(EventState es, OracleParams p) {
        Hysteresis h = es.hysteresis();
        if (!h.live()) {
            return " (no consensus yet, so failures do not count towards failover)";
        }
        if (h.mode() == Mode.CONSENSUS) {
            return h.failStreak() == 0 ? "" : " (" + h.failStreak() + " of " + p.failK() + " failed rounds towards fallback)";
        }
        return " (" + h.healthyStreak() + " of " + p.healthyM() + " healthy rounds towards consensus; fallback values never finalize)";
    }

    private static Map<String, Object> ordered(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }
}

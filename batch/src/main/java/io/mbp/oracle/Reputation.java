package io.mbp.oracle;

import io.mbp.oracle.OracleState.EventState;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The reputation part of {@link OracleEngine#decide}: weights move after a finalization (docs/adr/0205). */
final class Reputation {
    private Reputation() {
    }

    static Map<String, Long> currentWeights(OracleState s) {
        Map<String, Long> w = new HashMap<>();
        s.sources().forEach((id, info) -> w.put(id, info.weightBps()));
        return w;
    }

    /**
     * Moves each panel source's weight by how its report at the deciding round compared with the
     * final answer; bounded per step and kept within [min, max]. Suspended sources are left alone.
     */
    static void after(OracleState s, EventState es, List<Aggregator.Metric> metrics, String answer,
                      Map<String, Long> weights, List<OracleEvent> out) {
        OracleParams p = s.params();
        BigDecimal answerNumber = es.spec().numeric() ? new BigDecimal(answer) : null;
        for (Aggregator.Metric m : metrics) {
            OracleState.SourceInfo info = s.sources().get(m.source());
            if (info == null || !info.active()) {
                continue;
            }
            long delta;
            String reason;
            switch (m.status()) {
                case SILENT -> {
                    delta = -p.repStaleBps();
                    reason = "silent at the deciding round";
                }
                case STALE -> {
                    delta = -p.repStaleBps();
                    reason = "stale at the deciding round (last report " + m.ageSeconds() + " s old)";
                }
                default -> {
                    boolean agrees = es.spec().numeric()
                            ? Aggregator.withinBand(new BigDecimal(m.reported()), answerNumber, p.bandBps())
                            : m.reported().equals(answer);
                    delta = agrees ? p.repUpBps() : -p.repOutlierBps();
                    reason = agrees ? "agreed with the final answer " + answer
                            : "reported " + m.reported() + ", outside the band of the final answer " + answer;
                }
            }
            delta = Math.max(-p.repMaxStepBps(), Math.min(p.repMaxStepBps(), delta));
            long before = weights.get(m.source());
            long after = Math.max(p.repMinBps(), Math.min(p.repMaxBps(), before + delta));
            if (after != before) {
                weights.put(m.source(), after);
                out.add(new ReputationChanged(m.source(), es.spec().id(), before, after, reason));
            }
        }
    }
}

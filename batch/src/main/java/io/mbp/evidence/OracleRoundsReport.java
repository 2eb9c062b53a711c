package io.mbp.evidence;

import io.mbp.oracle.RoundAggregated;
import io.mbp.sql.Database;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Every oracle aggregation round in the log, in log order: when, the mode after it, its status and
 * answer, and each panel source's part (agree, outlier, stale, silent), with counts per oracle
 * event first. The rounds are the oracle's own logged results, so replay compares them line by line.
 */
final class OracleRoundsReport implements EvidenceReport {
    @Override
    public String name() {
        return "oracle-rounds";
    }

    @Override
    public Pass open(Database db, long treeSize) {
        List<String> rounds = new ArrayList<>();
        Map<String, long[]> perEvent = new TreeMap<>(); // consensus, no_quorum, divergent, other, fallback mode
        return Decoded.pass(Set.of("RoundAggregated"), (seq, ts, p) -> {
            RoundAggregated r = (RoundAggregated) p;
            long[] c = perEvent.computeIfAbsent(r.event(), k -> new long[5]);
            switch (r.status()) {
                case "consensus" -> c[0]++;
                case "no_quorum" -> c[1]++;
                case "divergent" -> c[2]++;
                default -> c[3]++;
            }
            if (!"consensus".equals(r.mode())) {
                c[4]++;
            }
            String answer = r.value() != null ? " value " + r.value() : r.outcome() != null ? " outcome " + r.outcome()
                    : r.fallbackValue() != null ? " fallback " + r.fallbackValue() : "";
            rounds.add("seq " + seq + " event " + r.event() + " at " + r.at() + " mode " + r.mode() + " status " + r.status() + answer
                    + " fresh " + r.freshSources() + " weight_bps counted " + r.countedWeightBps() + " agree " + r.agreeWeightBps()
                    + " panel " + r.panelWeightBps() + " sources " + String.join(",", r.sources()));
        }, () -> {
            List<String> out = new ArrayList<>();
            out.add("oracle rounds " + rounds.size() + " events " + perEvent.size());
            perEvent.forEach((event, c) -> out.add("event " + event + " rounds " + (c[0] + c[1] + c[2] + c[3]) + " consensus " + c[0]
                    + " no_quorum " + c[1] + " divergent " + c[2] + (c[3] > 0 ? " other " + c[3] : "") + " not_in_consensus_mode " + c[4]));
            out.addAll(rounds);
            return out;
        });
    }
}

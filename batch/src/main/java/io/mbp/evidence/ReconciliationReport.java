package io.mbp.evidence;

import io.mbp.recon.ReconCompleted;
import io.mbp.recon.ReconExceptionRaised;
import io.mbp.recon.ReconExceptionResolved;
import io.mbp.sql.Database;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Per business date: the recon service's last logged result (lines, matched count and amount) and
 * the exceptions it raised by kind and status (open, or the resolving action), from the events.
 */
final class ReconciliationReport implements EvidenceReport {
    static final Set<String> TYPES = Set.of("ReconCompleted", "ReconExceptionRaised", "ReconExceptionResolved");

    @Override
    public String name() {
        return "reconciliation";
    }

    @Override
    public Pass open(Database db, long treeSize) {
        Map<String, ReconCompleted> last = new TreeMap<>();
        Map<String, ReconExceptionRaised> raised = new TreeMap<>();
        Map<String, String> resolution = new TreeMap<>();
        return Decoded.pass(TYPES, (seq, ts, p) -> {
            if (p instanceof ReconCompleted c) {
                last.put(c.date(), c);
            } else if (p instanceof ReconExceptionRaised r) {
                raised.putIfAbsent(r.exceptionId(), r);
            } else if (p instanceof ReconExceptionResolved r) {
                resolution.put(r.exceptionId(), r.action());
            }
        }, () -> {
            // date -> "kind status" -> count
            Map<String, Map<String, Long>> exceptions = new TreeMap<>();
            for (ReconExceptionRaised r : raised.values()) {
                String status = resolution.getOrDefault(r.exceptionId(), "open");
                exceptions.computeIfAbsent(r.date(), k -> new TreeMap<>()).merge(r.kind() + " " + status, 1L, Long::sum);
            }
            TreeMap<String, Boolean> dates = new TreeMap<>();
            last.keySet().forEach(d -> dates.put(d, true));
            exceptions.keySet().forEach(d -> dates.put(d, true));
            List<String> out = new ArrayList<>();
            out.add("dates " + dates.size() + " exceptions " + raised.size() + " resolved " + resolution.size());
            for (String d : dates.keySet()) {
                ReconCompleted c = last.get(d);
                out.add(c == null ? "date " + d + " no result logged"
                        : "date " + d + " statement " + c.statementId() + " lines " + c.lines() + " matched " + c.matchedLines()
                        + " amount " + c.matchedAmount() + " expected " + c.expected() + " open " + c.exceptionsOpen()
                        + " resolved " + c.exceptionsResolved() + " rate " + c.rate());
                exceptions.getOrDefault(d, Map.of()).forEach((k, n) -> out.add("  exception " + d + " " + k + " " + n));
            }
            return out;
        });
    }
}

package io.mbp.evidence;

import io.mbp.gate.GateChecked;
import io.mbp.sql.Database;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The Go/No-Go decisions the nightly's gate step recorded (ADR 0025), last first: so each day's bundle
 * carries the day's decision signed, and S24 the run of them. Events only, so replay recomputes it.
 */
final class GatesReport implements EvidenceReport {
    @Override
    public String name() {
        return "gates";
    }

    @Override
    public Pass open(Database db, long treeSize) {
        List<String> checks = new ArrayList<>();
        int[] n = {0};
        return Decoded.pass(Set.of("GateChecked"), (seq, ts, p) -> {
            GateChecked g = (GateChecked) p;
            n[0]++;
            checks.add(0, "gate-check " + g.date() + " " + (g.go() ? "GO" : "NO-GO") + " seq " + seq + " gates " + String.join(", ", g.gates()));
        }, () -> {
            List<String> out = new ArrayList<>();
            out.add("gate checks " + n[0] + (n[0] == 0 ? ": no evidence (the nightly's gate step, or `mbp gate check --record`)" : ""));
            out.addAll(checks);
            return out;
        });
    }
}

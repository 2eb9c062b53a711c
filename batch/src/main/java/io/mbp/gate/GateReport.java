package io.mbp.gate;

import java.util.List;

/** The Go/No-Go decision: go only when every gate is green. */
public record GateReport(boolean go, List<Gate> gates) {
    public GateReport {
        gates = List.copyOf(gates);
    }

    public static GateReport of(List<Gate> gates) {
        return new GateReport(!gates.isEmpty() && gates.stream().allMatch(g -> g.status() == GateStatus.GREEN), gates);
    }

    public List<Gate> withStatus(GateStatus s) {
        return gates.stream().filter(g -> g.status() == s).toList();
    }
}

package io.mbp.gate;

import java.util.List;

/** One of the seven Go/No-Go gates (docs/gates.md) and its checks; its status follows from theirs. */
public record Gate(String id, String name, GateStatus status, List<Check> checks) {
    public Gate {
        checks = List.copyOf(checks);
    }

    public static Gate of(String id, String name, List<Check> checks) {
        return new Gate(id, name, GateStatus.of(checks), checks);
    }
}

package io.mbp.gate;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * A check's or a gate's standing. {@link #NO_EVIDENCE} is never green: a gate whose evidence is
 * absent is not passed, it is unproven (ADR 0025).
 */
public enum GateStatus {
    GREEN("green"), RED("red"), NO_EVIDENCE("no-evidence");

    private final String wire;

    GateStatus(String wire) {
        this.wire = wire;
    }

    @JsonValue
    public String wire() {
        return wire;
    }

    /** A gate's standing from its checks: red if any is red, else no-evidence if any lacks it, else green. */
    static GateStatus of(java.util.List<Check> checks) {
        if (checks.isEmpty()) {
            return NO_EVIDENCE;
        }
        if (checks.stream().anyMatch(c -> c.status() == RED)) {
            return RED;
        }
        return checks.stream().anyMatch(c -> c.status() == NO_EVIDENCE) ? NO_EVIDENCE : GREEN;
    }
}

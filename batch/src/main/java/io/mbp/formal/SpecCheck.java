package io.mbp.formal;

import java.util.List;
import java.util.Objects;

/**
 * One spec of the pack and how TLC must treat it.
 *
 * @param name             module name: {@code specs/tla/<name>.tla} checked with {@code <name>.cfg}
 * @param expectViolation  true for a spec that exists to show the checker failing (expected FAIL)
 * @param deadlockIntended true where a terminal state is the intended end (TLC gets {@code -deadlock})
 * @param dumpGraph        true to keep TLC's state graph ({@code -dump dot}) for conformance runs
 * @param properties       the invariants and temporal properties the .cfg checks, for the evidence
 */
public record SpecCheck(String name, boolean expectViolation, boolean deadlockIntended, boolean dumpGraph,
                        List<String> properties) {
    public SpecCheck {
        Objects.requireNonNull(name, "name");
        if (!name.matches("[A-Za-z][A-Za-z0-9_]*")) {
            throw new IllegalArgumentException("spec name must be a TLA+ module name, got \"" + name + "\"");
        }
        properties = List.copyOf(properties);
    }

    public String expected() {
        return expectViolation ? "FAIL" : "PASS";
    }
}

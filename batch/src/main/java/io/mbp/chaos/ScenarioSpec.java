package io.mbp.chaos;

import java.util.List;

/**
 * What a game day claims before it starts (ADR 0016): the {@code hypothesis}, the {@code blastRadius}
 * (what the fault may touch), the {@code abortCondition} that stops it early, and the steady-state
 * checks run before injection and again after recovery.
 */
public record ScenarioSpec(String name, String hypothesis, String blastRadius, String abortCondition, List<String> steadyState) {
    public ScenarioSpec {
        steadyState = List.copyOf(steadyState);
    }
}

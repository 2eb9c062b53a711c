package io.mbp.formal;

import java.util.List;

/**
 * What a conformance run covered and where Java and the spec disagreed.
 *
 * @param javaModel   the Java code driven (production classes; a reference model only in the harness's self-test)
 * @param statePct    visited / total spec states, percent (two decimals)
 * @param edgePct     taken / total spec transitions, percent (two decimals)
 * @param enabledChecks how many times the enabled-action sets were compared
 * @param passed      no disagreement and {@code edgePct >= requiredEdgePct}
 */
public record ConformanceReport(String spec, String javaModel, int statesTotal, int statesVisited, int edgesTotal,
                                int edgesTaken, double statePct, double edgePct, double requiredEdgePct, int paths,
                                int steps, int enabledChecks, List<String> failures, boolean passed) {
    public ConformanceReport {
        failures = List.copyOf(failures);
    }
}

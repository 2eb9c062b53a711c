package io.mbp.cli.chaos;

import io.mbp.chaos.ScenarioSpec;

/**
 * A scripted, bounded game day (ADR 0016). {@link #run} checks the steady state, injects the fault,
 * watches the abort condition, recovers and checks the steady state again, all through the
 * {@link Trial}; it works in the trial's scratch folder and database, never the operator's.
 */
interface Scenario {
    ScenarioSpec spec();

    void run(Trial trial) throws Exception;
}

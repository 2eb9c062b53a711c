package io.mbp.formal;

import java.util.Set;

/**
 * Puts a Java state machine in front of a spec's state graph. The conformance harness drives it along
 * paths of TLC's graph and, after every step, compares {@link #abstraction()} (the refinement mapping,
 * written down in code) with the spec state TLC says the step leads to.
 *
 * <p>Action names are the spec's (the labels TLC writes on the graph's edges). A spec action's
 * parameters (which answer, which order) are not on the edge; the adapter reads them off the target
 * state it is given.
 */
public interface SpecAdapter {
    /** The spec this adapter maps onto ({@code specs/tla/<spec>.tla}). */
    String spec();

    /** Starts a fresh Java machine in the state that corresponds to the spec's initial state {@code init}. */
    void reset(SpecState init);

    /**
     * The spec actions the Java machine accepts in its current state. Compared with the spec's enabled
     * actions at the same state: an action Java accepts that the spec does not allow is a failure, and
     * so is one the spec allows that Java refuses.
     */
    Set<String> enabledActions();

    /**
     * Performs {@code action} on the Java machine, choosing its parameters so that it should reach
     * {@code target}. Throws if the Java machine refuses.
     */
    void apply(String action, SpecState target);

    /** The refinement mapping: the current Java state as a spec state. */
    SpecState abstraction();
}

package io.mbp.formal;

import java.util.List;

/**
 * What one TLC run found, as recorded in the evidence ({@code result.json}).
 *
 * @param outcome       {@code PASS} (no error found), {@code FAIL} (an invariant, property or deadlock
 *                      check was violated) or {@code ERROR} (TLC could not check: parse error, bad
 *                      config, crash, time-out)
 * @param asExpected    outcome equals {@code expected}; the build fails on false
 * @param violation     TLC's first error line ("Invariant X is violated."), null on PASS
 * @param deadActions   actions that never produced a state: a spec whose action never fires checks less
 *                      than it seems to
 */
public record TlcResult(String spec, String expected, String outcome, boolean asExpected, int exitCode,
                        String tlcVersion, long seed, int fpIndex, int workers, boolean deadlockChecked,
                        long statesGenerated, long distinctStates, int depth, String violation,
                        int counterexampleStates, List<String> deadActions, List<String> properties,
                        double seconds, List<String> command) {
    public TlcResult {
        deadActions = List.copyOf(deadActions);
        properties = List.copyOf(properties);
        command = List.copyOf(command);
    }
}

package io.mbp.chaos;

import io.mbp.events.FieldException;

/**
 * A game day's outcome. PASS: the hypothesis held (every check passed). FAIL: a check failed.
 * ABORTED: the abort condition fired, or the steady state did not hold before injection (nothing
 * is injected into an unhealthy system). SKIPPED: the scenario's precondition is absent (no DR drill
 * in this build, say).
 */
public enum Verdict {
    PASS, FAIL, ABORTED, SKIPPED;

    public static Verdict parse(String field, String text) {
        for (Verdict v : values()) {
            if (v.name().equals(text)) {
                return v;
            }
        }
        throw new FieldException(field, "must be PASS, FAIL, ABORTED or SKIPPED, got \"" + text + "\"");
    }
}

package io.mbp.incident;

import io.mbp.events.FieldException;
import java.time.Duration;

/**
 * Incident severities. P1: the market, settlement or payouts are down or wrong for everyone (pages,
 * counts against the GA gate); P2: a major degradation; P3: a minor one; P4: no customer impact.
 * {@code restoreTarget} is the time to restore the runbook (docs/runbooks/incidents.md) aims at.
 */
public enum Severity {
    P1(Duration.ofHours(1)), P2(Duration.ofHours(4)), P3(Duration.ofHours(24)), P4(Duration.ofDays(5));

    private final Duration restoreTarget;

    Severity(Duration restoreTarget) {
        this.restoreTarget = restoreTarget;
    }

    public Duration restoreTarget() {
        return restoreTarget;
    }

    /** P1..P4, case-insensitive; a {@link FieldException} on {@code field} otherwise. */
    public static Severity parse(String field, String text) {
        if (text != null) {
            for (Severity s : values()) {
                if (s.name().equalsIgnoreCase(text)) {
                    return s;
                }
            }
        }
        throw new FieldException(field, "must be one of P1, P2, P3, P4, got \"" + text + "\"");
    }
}

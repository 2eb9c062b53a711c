package io.mbp.canary;

import static io.mbp.events.FieldException.requireText;

import io.mbp.events.EventType;

/**
 * The canary of {@code release} ended at {@code percent} and its markets return to the stable
 * parameters (each through a {@code MarketParamsApplied} with reason {@code rollback}):
 * {@code automatic} when a failed analysis did it, else an operator's {@code mbp canary rollback}.
 */
@EventType("CanaryRolledBack")
public record CanaryRolledBack(String release, long percent, String reason, boolean automatic) implements CanaryEvent {
    public CanaryRolledBack {
        requireText("release", release);
        requireText("reason", reason);
    }
}

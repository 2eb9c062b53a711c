package io.mbp.privacy.retention;

import static io.mbp.events.FieldException.requireNonNegative;
import static io.mbp.events.FieldException.requireText;

import io.mbp.events.EventType;

/**
 * What one retention run changed, as of {@code as_of}: subjects looked at, moved to the cold tier,
 * shredded by the policy, scheduled erasures executed or pushed back. Logged only when it changed
 * something, so re-running a night adds nothing.
 */
@EventType("RetentionApplied")
public record RetentionApplied(String asOf, long subjects, long archived, long shredded, long erasuresExecuted,
        long rescheduled) implements RetentionEvent {
    public RetentionApplied {
        requireText("as_of", asOf);
        requireNonNegative("subjects", subjects);
        requireNonNegative("archived", archived);
        requireNonNegative("shredded", shredded);
        requireNonNegative("erasures_executed", erasuresExecuted);
        requireNonNegative("rescheduled", rescheduled);
    }

    @Override
    public String streamId() {
        return "retention";
    }
}

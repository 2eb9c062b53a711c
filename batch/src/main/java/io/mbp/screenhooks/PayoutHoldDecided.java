package io.mbp.screenhooks;

import static io.mbp.events.FieldException.requireText;

import io.mbp.events.EventType;
import io.mbp.events.FieldException;

/**
 * A reviewer's decision on a held payout (ADR 0717): {@code released} (a false positive: the next
 * run pays it) or {@code confirmed} (a true hit: it stays blocked). {@code by} is who decided.
 */
@EventType("PayoutHoldDecided")
public record PayoutHoldDecided(String instructionId, String account, String decision, String by, String reason)
        implements ScreeningHookEvent {
    public static final String RELEASED = "released";
    public static final String CONFIRMED = "confirmed";

    public PayoutHoldDecided {
        requireText("instruction_id", instructionId);
        requireText("account", account);
        if (!RELEASED.equals(decision) && !CONFIRMED.equals(decision)) {
            throw new FieldException("decision", "must be released or confirmed");
        }
        requireText("by", by);
        requireText("reason", reason);
    }

    @Override
    public String streamId() {
        return instructionId;
    }
}

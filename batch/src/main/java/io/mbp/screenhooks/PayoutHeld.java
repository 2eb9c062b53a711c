package io.mbp.screenhooks;

import static io.mbp.events.FieldException.requireNonNegative;
import static io.mbp.events.FieldException.requireText;

import io.mbp.events.EventType;
import java.util.List;

/**
 * A payout instruction was not sent because its payee's name hit a screening list (ADR 0717): it
 * stays unpaid until a review releases it ({@link PayoutHoldDecided}). {@code hits} are
 * "list/entity_id score"; {@code amount} centavos. Stream = the instruction id.
 */
@EventType("PayoutHeld")
public record PayoutHeld(String instructionId, String account, long amount, String reason, List<String> hits)
        implements ScreeningHookEvent {
    public PayoutHeld {
        requireText("instruction_id", instructionId);
        requireText("account", account);
        requireNonNegative("amount", amount);
        requireText("reason", reason);
        hits = List.copyOf(hits);
    }

    @Override
    public String streamId() {
        return instructionId;
    }
}

package io.mbp.payout;

import io.mbp.events.EventPayload;

/**
 * The payout engine's event family. Stream = instruction id; the instruction id is also the PSP
 * idempotency id, so every attempt for one instruction reuses it. Amounts are integer centavos.
 */
public sealed interface PayoutEvent extends EventPayload
        permits PayoutInstructed, PayoutSent, PayoutConfirmed, PayoutFailed, PayoutRetried, PayoutParked,
        PayoutReturned {
    String instructionId();
}

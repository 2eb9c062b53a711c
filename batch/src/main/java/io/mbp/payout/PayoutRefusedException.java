package io.mbp.payout;

import io.mbp.error.BadInputException;

/** A command the payout engine refuses in the instruction's current state (nothing is written). */
public final class PayoutRefusedException extends BadInputException {
    public PayoutRefusedException(String message) {
        super(message);
    }
}

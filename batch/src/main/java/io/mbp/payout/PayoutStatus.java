package io.mbp.payout;

/** Where an instruction is in its life; each transition is one {@link PayoutEvent}. */
public enum PayoutStatus {
    PENDING, SENT, CONFIRMED, FAILED, RETRIED, PARKED, RETURNED;

    public String label() {
        return name().toLowerCase();
    }
}

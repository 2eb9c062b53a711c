package io.mbp.payout;

import java.time.LocalDate;
import java.util.List;

/**
 * The port to a PIX PSP. Every call is keyed by our instruction id, which the PSP treats as the
 * idempotency id: sending the same id twice can never pay twice. Adapters: {@code HttpPixRail}
 * (the simulator, later a real PSP), and in-process ones in tests.
 */
public interface PixRail {
    /** Idempotent PUT of a payment under {@code order.instructionId()}. */
    RailResult send(PaymentOrder order);

    /** The current state of a payment sent before; Failed("unknown", true) if the PSP never saw it. */
    RailResult status(String instructionId);

    /** Devoluções the PSP booked on {@code date}. */
    List<RailReturn> returns(LocalDate date);

    /** The D+1 statement of {@code date}, in "csv" or "camt053", as the bank would deliver the file. */
    byte[] statement(LocalDate date, String format);

    record PaymentOrder(String instructionId, String account, String pixKey, long amount) {
        @Override
        public String toString() {
            // the key is personal data: a stray log line must not print it
            return "PaymentOrder[" + instructionId + ", " + account + ", " + amount + " centavos]";
        }
    }

    record RailReturn(String instructionId, String returnId, long amount, String reason) {
    }
}

package io.mbp.payout;

import java.util.Optional;

/**
 * Who may be paid now (ADR 0704): asked before every send of an instruction. A refusal names the
 * reason in words an operator acts on ("kyc pending", "no payouts consent"), never personal data;
 * the instruction stays pending, nothing is sent, and a later run pays it once the account is
 * allowed.
 */
@FunctionalInterface
public interface PayoutGate {
    /**
     * Why {@code p} may not be sent now, or empty. {@code alreadyPaid} is what the account's other
     * instructions have sent or been paid, in centavos (the unverified limit counts it).
     */
    Optional<String> refusal(Payout p, long alreadyPaid);
}

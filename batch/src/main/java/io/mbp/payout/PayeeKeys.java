package io.mbp.payout;

/**
 * Reads the clear PIX key an instruction pays, when it is sent and not before (ADR 0703). An
 * instruction logged before issue 12 holds it in clear; a new one holds a reference, and the key
 * comes from the vault (the registered key, or the instruction's own ciphertext), each read an
 * audited {@code FieldDecrypted} with purpose "payout".
 */
@FunctionalInterface
public interface PayeeKeys {
    /** Instructions of the old shape only: a new one has no key to read without the vault. */
    PayeeKeys CLEAR_ONLY = i -> {
        if (i.pixKey() == null) {
            throw new PayoutRefusedException("instruction " + i.instructionId() + " names its PIX key by reference: "
                    + "paying it needs the vault ($MBP_VAULT_PASSPHRASE, $MBP_KEK_FILE)");
        }
        return i.pixKey();
    };

    /** The clear key to send; a refusal (erased subject, changed registration) is a {@code MbpException} and parks the payout. */
    String clearKey(PayoutInstructed instruction);

    /**
     * Called before anything of a run is sent, with what it will send: an adapter that needs a
     * resource (the vault) opens it here, so a missing passphrase stops the run instead of parking payouts.
     */
    default void prepare(java.util.Collection<PayoutInstructed> toSend) {
    }
}

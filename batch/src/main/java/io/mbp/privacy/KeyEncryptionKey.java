package io.mbp.privacy;

import java.time.Instant;

/**
 * The port the vault wraps data keys through. The local adapter is a passphrase-protected key file
 * ({@link LocalKekFile}); a KMS or HSM adapter implements the same four operations, and the data
 * keys never leave the vault in clear except into this port.
 */
public interface KeyEncryptionKey {
    /** The version new wraps use. */
    KekRef active();

    /** Wraps {@code key} under the active version; the result opens only with the same associated data. */
    byte[] wrap(byte[] key, String associated);

    /** Unwraps under the version that wrapped it; {@link io.mbp.error.VerificationFailedException} if it does not open. */
    byte[] unwrap(KekRef ref, byte[] wrapped, String associated);

    /** Makes a new active version; older versions still unwrap until {@link #retireAllBut} drops them. */
    KekRef rotate(Instant now);

    /** Forgets every version but {@code keep}, once nothing is wrapped under them any more. */
    void retireAllBut(KekRef keep, Instant now);
}

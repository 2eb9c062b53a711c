package io.mbp.privacy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-256-GCM from the JDK's JCE (ADR 0700): a fresh random 96-bit nonce per message, stored in
 * front of the ciphertext and 128-bit tag. Associated data binds a ciphertext to where it belongs
 * (subject, field, key ids), so it cannot be moved to another subject or field and still open.
 */
final class Aead {
    static final int KEY_BYTES = 32;
    private static final int NONCE_BYTES = 12;
    private static final SecureRandom RANDOM = new SecureRandom();

    private Aead() {
    }

    static byte[] newKey() {
        byte[] k = new byte[KEY_BYTES];
        RANDOM.nextBytes(k);
        return k;
    }

    /** nonce ‖ ciphertext ‖ tag. */
    static byte[] seal(byte[] key, byte[] plain, String associated) {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        try {
            Cipher c = cipher(Cipher.ENCRYPT_MODE, key, nonce, associated);
            byte[] ct = c.doFinal(plain);
            return ByteBuffer.allocate(NONCE_BYTES + ct.length).put(nonce).put(ct).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is missing from the JDK", e);
        }
    }

    /** The plaintext, or {@link TagMismatch} when the key, the associated data or the bytes are wrong. */
    static byte[] open(byte[] key, byte[] sealed, String associated) {
        if (sealed.length < NONCE_BYTES + 16) {
            throw new TagMismatch();
        }
        byte[] nonce = java.util.Arrays.copyOfRange(sealed, 0, NONCE_BYTES);
        try {
            Cipher c = cipher(Cipher.DECRYPT_MODE, key, nonce, associated);
            return c.doFinal(sealed, NONCE_BYTES, sealed.length - NONCE_BYTES);
        } catch (AEADBadTagException e) {
            throw new TagMismatch();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is missing from the JDK", e);
        }
    }

    private static Cipher cipher(int mode, byte[] key, byte[] nonce, String associated) throws GeneralSecurityException {
        if (key.length != KEY_BYTES) {
            throw new IllegalArgumentException("AES-256 needs a 32-byte key");
        }
        Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
        c.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, nonce));
        c.updateAAD(associated.getBytes(StandardCharsets.UTF_8));
        return c;
    }

    /** Authentication failed: wrong key, wrong associated data, or altered bytes. */
    static final class TagMismatch extends RuntimeException {
        private static final long serialVersionUID = 1L;

        TagMismatch() {
            super("authentication tag mismatch", null, false, false);
        }
    }
}

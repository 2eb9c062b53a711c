package io.mbp.custody;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.generators.SCrypt;

/**
 * Private keys at rest: scrypt (Bouncy Castle) stretches the passphrase into an AES-256-GCM key
 * (JCE); the key name and id are the GCM associated data, so a ciphertext cannot be moved to
 * another key's entry. Parameters are stored beside the ciphertext so they can be raised later.
 */
public final class SeedCipher {
    /** scrypt N=2^15, r=8, p=1: about 32 MiB and 0.1 s per unlock on a 2-core machine. */
    public static final int N = 1 << 15;
    public static final int R = 8;
    public static final int P = 1;
    private static final SecureRandom RANDOM = new SecureRandom();

    /** What the key file stores for one private key. */
    public record Sealed(String kdf, int n, int r, int p, String salt, String cipher, String nonce, String ciphertext) {
    }

    private SeedCipher() {
    }

    public static Sealed seal(byte[] seed, char[] passphrase, String associated) {
        byte[] salt = new byte[16];
        byte[] nonce = new byte[12];
        RANDOM.nextBytes(salt);
        RANDOM.nextBytes(nonce);
        byte[] key = derive(passphrase, salt, N, R, P);
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, nonce));
            c.updateAAD(associated.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            byte[] ct = c.doFinal(seed);
            Base64.Encoder b64 = Base64.getEncoder();
            return new Sealed("scrypt", N, R, P, b64.encodeToString(salt), "AES-256-GCM", b64.encodeToString(nonce),
                    b64.encodeToString(ct));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is missing from the JDK", e);
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    /** The seed, or {@link WrongPassphraseException} when the passphrase (or the file) is wrong. */
    public static byte[] open(Sealed s, char[] passphrase, String associated) {
        if (!"scrypt".equals(s.kdf()) || !"AES-256-GCM".equals(s.cipher())) {
            throw new IllegalArgumentException("unsupported key encryption " + s.kdf() + "/" + s.cipher());
        }
        Base64.Decoder b64 = Base64.getDecoder();
        byte[] key = derive(passphrase, b64.decode(s.salt()), s.n(), s.r(), s.p());
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, b64.decode(s.nonce())));
            c.updateAAD(associated.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return c.doFinal(b64.decode(s.ciphertext()));
        } catch (AEADBadTagException e) {
            throw new WrongPassphraseException();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is missing from the JDK", e);
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    private static byte[] derive(char[] passphrase, byte[] salt, int n, int r, int p) {
        byte[] pw = new String(passphrase).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        try {
            return SCrypt.generate(pw, salt, n, r, p, 32);
        } finally {
            Arrays.fill(pw, (byte) 0);
        }
    }

    /** The passphrase does not open the key (or the key file was altered). */
    public static final class WrongPassphraseException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        WrongPassphraseException() {
            super("wrong passphrase");
        }
    }
}

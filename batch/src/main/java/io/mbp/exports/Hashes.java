package io.mbp.exports;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;

/** The digests the public files carry: SHA-256 (hex) in the sums and manifests, SHA-384 (base64) for SRI. */
public final class Hashes {
    private Hashes() {
    }

    public static String sha256Hex(byte[] bytes) {
        return HexFormat.of().formatHex(digest("SHA-256", bytes));
    }

    /** A Subresource Integrity value, {@code sha384-<base64>} (W3C SRI §3.1). */
    public static String sri(byte[] bytes) {
        return "sha384-" + Base64.getEncoder().encodeToString(digest("SHA-384", bytes));
    }

    private static byte[] digest(String alg, byte[] bytes) {
        try {
            return MessageDigest.getInstance(alg).digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(alg + " is required of every JDK", e);
        }
    }
}

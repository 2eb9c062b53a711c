package io.mbp.merkle;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * RFC 9162 §2.1.1 hashing: leaf = SHA-256(0x00 ‖ data), interior node = SHA-256(0x01 ‖ left ‖ right),
 * empty tree = SHA-256(""). The distinct prefixes keep a leaf from ever being passed off as a node.
 */
public final class TreeHash {
    public static final int SIZE = 32;
    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(TreeHash::newDigest);
    private static final HexFormat HEX = HexFormat.of();

    private TreeHash() {
    }

    public static byte[] leaf(byte[] data) {
        MessageDigest md = SHA256.get();
        md.reset();
        md.update((byte) 0x00);
        return md.digest(data);
    }

    public static byte[] node(byte[] left, byte[] right) {
        MessageDigest md = SHA256.get();
        md.reset();
        md.update((byte) 0x01);
        md.update(left);
        md.update(right);
        return md.digest();
    }

    public static byte[] empty() {
        MessageDigest md = SHA256.get();
        md.reset();
        return md.digest();
    }

    public static String hex(byte[] hash) {
        return HEX.formatHex(hash);
    }

    /** Parses 64 lowercase or uppercase hex digits; anything else is refused with the reason. */
    public static byte[] parseHex(String text) {
        if (text == null || text.length() != 2 * SIZE) {
            throw new IllegalArgumentException("a hash is 64 hex digits, got "
                    + (text == null ? "nothing" : text.length() + " characters"));
        }
        try {
            return HEX.parseHex(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + text + "' is not hex");
        }
    }

    static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from the JDK", e);
        }
    }
}

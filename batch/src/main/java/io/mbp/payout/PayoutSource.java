package io.mbp.payout;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * What an instruction pays for: its origin kind, the origin's own reference (a withdrawal id; a
 * settlement payout's {@code <market>:<account>}) and the account paid. Every instruction ever
 * logged carries these three, under any id scheme, so "already instructed" is decided on them,
 * never on the instruction id: a log written under an older scheme is not paid twice when the
 * scheme changes (ADR 0506). The account is part of it because a reference alone can be ambiguous
 * (':' may occur in market and account ids alike).
 */
public record PayoutSource(String origin, String ref, String account) {
    public static final String WITHDRAWAL = "withdrawal";
    public static final String SETTLEMENT = "settlement";
    /** Hex digits of SHA-256 kept in an id: 224 bits, so "po-x-" + digest is 61 characters. */
    static final int DIGEST_HEX = 56;

    public static PayoutSource withdrawal(String withdrawalId, String account) {
        return new PayoutSource(WITHDRAWAL, withdrawalId, account);
    }

    public static PayoutSource settlement(String settlementRef, String account) {
        return new PayoutSource(SETTLEMENT, settlementRef, account);
    }

    /** The source a logged instruction pays for, whatever scheme named it. */
    public static PayoutSource of(PayoutInstructed i) {
        return new PayoutSource(i.origin(), i.originRef(), i.account());
    }

    /**
     * The instruction id: {@code prefix} + the first 56 hex digits of SHA-256 over an unambiguous
     * encoding of the source. Collision-free by construction of the encoding (injective) and the
     * hash; always 61 characters of the PSP-safe alphabet, whatever the source's ids look like.
     */
    public String instructionId(String prefix) {
        return prefix + HexFormat.of().formatHex(sha256(encoding())).substring(0, DIGEST_HEX);
    }

    /**
     * Origin, ref and account, each as its length in UTF-16 code units (4 bytes, big-endian)
     * followed by its UTF-16BE code units. Injective for every Java string (lone surrogates included),
     * so different sources always hash different bytes.
     */
    byte[] encoding() {
        ByteBuffer b = ByteBuffer.allocate(12 + 2 * (origin.length() + ref.length() + account.length()));
        put(b, origin);
        put(b, ref);
        put(b, account);
        return b.array();
    }

    private static void put(ByteBuffer b, String s) {
        b.putInt(s.length());
        for (int i = 0; i < s.length(); i++) {
            b.putChar(s.charAt(i));
        }
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from the JDK", e);
        }
    }
}

package io.mbp.anchor;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * The bytes an anchor transaction carries as its data (docs/anchoring.md): the 8 ASCII bytes
 * {@code MBPCKPT1} (format and version), the tree size as an unsigned 64-bit big-endian integer,
 * and the 32-byte root hash: 48 bytes, nothing else, so "exactly this root and size" is one comparison.
 */
public record AnchorPayload(long treeSize, byte[] root) {
    public static final byte[] MAGIC = "MBPCKPT1".getBytes(StandardCharsets.US_ASCII);
    public static final int LENGTH = 8 + 8 + 32;
    private static final HexFormat HEX = HexFormat.of();

    public AnchorPayload {
        if (treeSize < 0 || root == null || root.length != 32) {
            throw new IllegalArgumentException("an anchor carries a size >= 0 and a 32-byte root");
        }
        root = root.clone();
    }

    public byte[] encode() {
        return ByteBuffer.allocate(LENGTH).put(MAGIC).putLong(treeSize).put(root).array();
    }

    public String hex() {
        return "0x" + HEX.formatHex(encode());
    }

    /** Decodes transaction data, or explains why it is not an MBP anchor. */
    public static AnchorPayload decode(byte[] data) {
        if (data == null || data.length != LENGTH) {
            throw new IllegalArgumentException("transaction data is " + (data == null ? 0 : data.length)
                    + " bytes, an MBP anchor is " + LENGTH);
        }
        if (!Arrays.equals(Arrays.copyOf(data, 8), MAGIC)) {
            throw new IllegalArgumentException("transaction data does not start with MBPCKPT1");
        }
        ByteBuffer b = ByteBuffer.wrap(data, 8, 40);
        long size = b.getLong();
        byte[] root = new byte[32];
        b.get(root);
        return new AnchorPayload(size, root);
    }

    public static AnchorPayload decodeHex(String hex) {
        String h = hex == null ? "" : hex.startsWith("0x") ? hex.substring(2) : hex;
        try {
            return decode(HEX.parseHex(h));
        } catch (IllegalArgumentException e) {
            if (e.getMessage() != null && e.getMessage().startsWith("transaction data")) {
                throw e;
            }
            throw new IllegalArgumentException("transaction data is not hex");
        }
    }

    public String rootHex() {
        return HEX.formatHex(root);
    }
}

package io.mbp.merkle;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * A C2SP tlog-checkpoint body: the origin line (the log's unique name), the tree size in decimal,
 * and the base64 root hash, each newline-terminated. This is the text the operator key signs.
 */
public record Checkpoint(String origin, long size, byte[] root) {
    public Checkpoint {
        if (origin == null || origin.isEmpty() || origin.contains("\n")) {
            throw new IllegalArgumentException("a checkpoint origin is one non-empty line");
        }
        if (size < 0) {
            throw new IllegalArgumentException("tree size must be >= 0");
        }
        if (root == null || root.length != TreeHash.SIZE) {
            throw new IllegalArgumentException("a root hash is 32 bytes");
        }
        root = root.clone();
    }

    public String body() {
        return origin + "\n" + size + "\n" + Base64.getEncoder().encodeToString(root) + "\n";
    }

    public byte[] bodyBytes() {
        return body().getBytes(StandardCharsets.UTF_8);
    }

    /** Parses a checkpoint body; extension lines after the root are allowed and ignored. */
    public static Checkpoint parse(String body) {
        String[] lines = body.split("\n", -1);
        if (lines.length < 4 || !body.endsWith("\n")) {
            throw new IllegalArgumentException("a checkpoint has an origin, a size and a root line, each ending in a newline");
        }
        String size = lines[1];
        if (!size.matches("0|[1-9][0-9]{0,18}")) {
            throw new IllegalArgumentException("checkpoint size '" + size + "' is not a decimal number without leading zeros");
        }
        byte[] root;
        try {
            root = Base64.getDecoder().decode(lines[2]);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("checkpoint root '" + lines[2] + "' is not base64");
        }
        if (root.length != TreeHash.SIZE) {
            throw new IllegalArgumentException("checkpoint root is " + root.length + " bytes, not 32");
        }
        return new Checkpoint(lines[0], Long.parseLong(size), root);
    }

    public String rootHex() {
        return TreeHash.hex(root);
    }

    public String rootBase64() {
        return Base64.getEncoder().encodeToString(root);
    }
}

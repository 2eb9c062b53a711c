package io.mbp.events;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * An event in the log. {@code payload} is the canonical payload text as stored; {@code leafHash}
 * is what the log stored, which {@link #computeLeafHash()} recomputes from the other fields.
 */
public record Event(long seq, String type, String stream, String ts, String payload, byte[] leafHash) {

    public byte[] canonicalBytes() {
        return CanonicalJson.eventBytes(seq, type, stream, ts, payload);
    }

    public String canonicalText() {
        return new String(canonicalBytes(), StandardCharsets.UTF_8);
    }

    public byte[] computeLeafHash() {
        return LeafHash.of(canonicalBytes());
    }

    public String leafHashHex() {
        return LeafHash.hex(leafHash);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Event e && seq == e.seq && type.equals(e.type) && stream.equals(e.stream)
                && ts.equals(e.ts) && payload.equals(e.payload) && Arrays.equals(leafHash, e.leafHash);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(seq) * 31 + Arrays.hashCode(leafHash);
    }

    @Override
    public String toString() {
        return canonicalText();
    }
}

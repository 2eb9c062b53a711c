package io.mbp.events;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** RFC 9162 §2.1.1 leaf hash of an event: SHA-256(0x00 ‖ canonical bytes of the whole event). */
public final class LeafHash {
    /** The digest and the event scratch of a thread, fetched together: one thread-local lookup per event. */
    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

    private record Scratch(MessageDigest sha256, EventBytes.Buffer buffer) {
        Scratch() {
            this(newDigest(), new EventBytes.Buffer());
        }

        byte[] hash(int n) {
            MessageDigest md = sha256;
            md.reset();
            md.update(buffer.leafInput(), 0, n + 1);
            return md.digest();
        }
    }

    private LeafHash() {
    }

    public static byte[] of(byte[] canonicalEvent) {
        MessageDigest md = SCRATCH.get().sha256();
        md.reset();
        md.update((byte) 0x00);
        return md.digest(canonicalEvent);
    }

    public static byte[] of(long seq, String type, String stream, String ts, String canonicalPayload) {
        Scratch s = SCRATCH.get();
        int n = EventBytes.writeAscii(s.buffer(), seq, type, stream, ts, canonicalPayload);
        return n < 0 ? of(CanonicalJson.eventBytes(seq, type, stream, ts, canonicalPayload)) : s.hash(n);
    }

    /**
     * The leaf hash from the fields' stored UTF-8 bytes, or null when a field is null or not plain
     * ASCII: then the caller hashes the fields as strings through {@link #of(long, String, String, String, String)},
     * which this equals whenever it answers (LeafHashUtf8Test). The seal reads SQLite's text columns
     * this way: no String is decoded per column, the row's bytes go straight to the digest.
     */
    public static byte[] ofUtf8(long seq, byte[] type, byte[] stream, byte[] ts, byte[] canonicalPayload) {
        Scratch s = SCRATCH.get();
        int n = EventBytes.writeAsciiUtf8(s.buffer(), seq, type, stream, ts, canonicalPayload);
        return n < 0 ? null : s.hash(n);
    }

    public static String hex(byte[] hash) {
        return HexFormat.of().formatHex(hash);
    }

    static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from the JDK", e);
        }
    }
}

package io.mbp.events;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** RFC 9162 §2.1.1 leaf hash of an event: SHA-256(0x00 ‖ canonical bytes of the whole event). */
public final class LeafHash {
    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(LeafHash::newDigest);
    private static final ThreadLocal<EventBytes.Buffer> BUFFER = ThreadLocal.withInitial(EventBytes.Buffer::new);

    private LeafHash() {
    }

    public static byte[] of(byte[] canonicalEvent) {
        MessageDigest md = SHA256.get();
        md.reset();
        md.update((byte) 0x00);
        return md.digest(canonicalEvent);
    }

    public static byte[] of(long seq, String type, String stream, String ts, String canonicalPayload) {
        EventBytes.Buffer buf = BUFFER.get();
        int n = EventBytes.writeAscii(buf, seq, type, stream, ts, canonicalPayload);
        if (n < 0) {
            return of(CanonicalJson.eventBytes(seq, type, stream, ts, canonicalPayload));
        }
        MessageDigest md = SHA256.get();
        md.reset();
        md.update((byte) 0x00);
        md.update(buf.ensure(n), 0, n);
        return md.digest();
    }

    /**
     * The leaf hash from the fields' stored UTF-8 bytes, or null when a field is null or not plain
     * ASCII: then the caller hashes the fields as strings through {@link #of(long, String, String, String, String)},
     * which this equals whenever it answers (LeafHashUtf8Test). The seal reads SQLite's text columns
     * this way: no String is decoded per column, the row's bytes go straight to the digest.
     */
    public static byte[] ofUtf8(long seq, byte[] type, byte[] stream, byte[] ts, byte[] canonicalPayload) {
        EventBytes.Buffer buf = BUFFER.get();
        int n = EventBytes.writeAsciiUtf8(buf, seq, type, stream, ts, canonicalPayload);
        if (n < 0) {
            return null;
        }
        MessageDigest md = SHA256.get();
        md.reset();
        md.update((byte) 0x00);
        md.update(buf.ensure(n), 0, n);
        return md.digest();
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

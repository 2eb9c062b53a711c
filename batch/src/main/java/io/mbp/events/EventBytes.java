package io.mbp.events;

import java.nio.charset.StandardCharsets;

/**
 * The canonical bytes of a whole event without a JSON generator, for the common case where Jackson's
 * RFC 8785 writer would emit every field verbatim: {@code type}, {@code stream} and {@code ts} are
 * printable ASCII with no quote or backslash (nothing to escape) and the payload, already canonical,
 * holds no UTF-16 surrogate. Anything else returns null and the caller takes the Jackson path, so
 * the bytes are identical either way (EventBytesTest compares the two on arbitrary strings). Appends
 * and seals hash every event through here, so it is the log's per-event cost (ADR 0109).
 */
final class EventBytes {
    private static final byte[] PAYLOAD = ascii("{\"payload\":");
    private static final byte[] SEQ = ascii(",\"seq\":");
    private static final byte[] STREAM = ascii(",\"stream\":\"");
    private static final byte[] TS = ascii("\",\"ts\":\"");
    private static final byte[] TYPE = ascii("\",\"type\":\"");
    private static final byte[] END = ascii("\"}");

    private EventBytes() {
    }

    /** The canonical event bytes, or null when a field needs the generator's escaping. */
    static byte[] of(long seq, String type, String stream, String ts, String canonicalPayload) {
        if (!plain(type) || !plain(stream) || !plain(ts) || hasSurrogate(canonicalPayload)) {
            return null;
        }
        byte[] payload = canonicalPayload.getBytes(StandardCharsets.UTF_8);
        String seqText = Long.toString(seq);
        int n = PAYLOAD.length + payload.length + SEQ.length + seqText.length() + STREAM.length + stream.length()
                + TS.length + ts.length() + TYPE.length + type.length() + END.length;
        byte[] out = new byte[n];
        int p = put(out, 0, PAYLOAD);
        p = put(out, p, payload);
        p = put(out, p, SEQ);
        putTail(out, p, seq, stream, ts, type);
        return out;
    }

    /**
     * Writes the canonical event bytes into {@code buf} (grown when short) when every field and the
     * payload are ASCII, the common case, and returns their length; -1 when {@link #of} or the
     * generator must write them. No allocation per event: the seal and the append hash from here.
     */
    static int writeAscii(Buffer buf, long seq, String type, String stream, String ts, String canonicalPayload) {
        if (!plain(type) || !plain(stream) || !plain(ts)) {
            return -1;
        }
        int n = PAYLOAD.length + canonicalPayload.length() + SEQ.length + 20 + STREAM.length + stream.length()
                + TS.length + ts.length() + TYPE.length + type.length() + END.length;
        byte[] out = buf.ensure(n);
        int p = put(out, 0, PAYLOAD);
        if (!ascii(buf, canonicalPayload)) {
            return -1;
        }
        p = putAscii(out, p, canonicalPayload);
        p = put(out, p, SEQ);
        return putTail(out, p, seq, stream, ts, type);
    }

    /**
     * The same bytes as {@link #writeAscii} from the fields' stored UTF-8 (what SQLite hands back
     * without building a String): when every field and the payload are ASCII, their UTF-8 bytes are
     * their chars, so the output is byte-identical (EventBytesTest compares the two). -1 otherwise,
     * and the caller reads the fields as strings.
     */
    static int writeAsciiUtf8(Buffer buf, long seq, byte[] type, byte[] stream, byte[] ts, byte[] canonicalPayload) {
        if (type == null || stream == null || ts == null || canonicalPayload == null
                || !plain(type) || !plain(stream) || !plain(ts) || !ascii(canonicalPayload)) {
            return -1;
        }
        int n = PAYLOAD.length + canonicalPayload.length + SEQ.length + 20 + STREAM.length + stream.length
                + TS.length + ts.length + TYPE.length + type.length + END.length;
        byte[] out = buf.ensure(n);
        int p = put(out, 0, PAYLOAD);
        p = put(out, p, canonicalPayload);
        p = put(out, p, SEQ);
        p = putLong(out, p, seq);
        p = put(out, p, STREAM);
        p = put(out, p, stream);
        p = put(out, p, TS);
        p = put(out, p, ts);
        p = put(out, p, TYPE);
        p = put(out, p, type);
        return put(out, p, END);
    }

    /** Whether every byte is below 0x80: OR-ed in a plain loop the JIT vectorizes, as {@link #ascii(Buffer, String)}. */
    private static boolean ascii(byte[] b) {
        int acc = 0;
        for (byte x : b) {
            acc |= x;
        }
        return acc >= 0;
    }

    /** {@link #plain(String)} on UTF-8 bytes: a byte outside 0x20..0x7e is a control char or part of a multi-byte char. */
    private static boolean plain(byte[] b) {
        for (byte c : b) {
            if (c < 0x20 || c > 0x7e || c == '"' || c == '\\') {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether every char of {@code s} is below 0x80. The chars are copied out in bulk ({@code getChars}
     * inflates a compact string with a vector copy) and OR-ed in a plain array loop the JIT vectorizes:
     * about three times faster than testing {@code charAt} one by one, which was most of an event's
     * canonicalization (ADR 0118).
     */
    private static boolean ascii(Buffer buf, String s) {
        int len = s.length();
        char[] c = buf.chars(len);
        s.getChars(0, len, c, 0);
        int acc = 0;
        for (int i = 0; i < len; i++) {
            acc |= c[i];
        }
        return acc < 0x80;
    }

    /** A reusable byte buffer and char scratch (one per thread in {@link LeafHash}). */
    static final class Buffer {
        private byte[] bytes = new byte[512];
        private char[] chars = new char[512];

        char[] chars(int n) {
            if (chars.length < n) {
                chars = new char[Math.max(n, 2 * chars.length)];
            }
            return chars;
        }

        byte[] ensure(int n) {
            if (bytes.length < n) {
                bytes = new byte[Math.max(n, 2 * bytes.length)];
            }
            return bytes;
        }
    }

    private static int putLong(byte[] out, int at, long v) {
        if (v < 0) {
            out[at++] = '-';
            v = -v; // seq is never negative; Long.MIN_VALUE cannot occur as a seq
        }
        int digits = 1;
        for (long x = v; x >= 10; x /= 10) {
            digits++;
        }
        for (int i = at + digits - 1; i >= at; i--) {
            out[i] = (byte) ('0' + v % 10);
            v /= 10;
        }
        return at + digits;
    }

    static boolean plain(String s) {
        for (int i = 0, n = s.length(); i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c > 0x7e || c == '"' || c == '\\') {
                return false;
            }
        }
        return true;
    }

    private static boolean hasSurrogate(String s) {
        for (int i = 0, n = s.length(); i < n; i++) {
            if (Character.isSurrogate(s.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    /** The fields after the payload, in RFC 8785 key order: seq, stream, ts, type, then the closing brace. */
    private static int putTail(byte[] out, int at, long seq, String stream, String ts, String type) {
        int p = putLong(out, at, seq);
        p = put(out, p, STREAM);
        p = putAscii(out, p, stream);
        p = put(out, p, TS);
        p = putAscii(out, p, ts);
        p = put(out, p, TYPE);
        p = putAscii(out, p, type);
        return put(out, p, END);
    }

    private static int put(byte[] out, int at, byte[] b) {
        System.arraycopy(b, 0, out, at, b.length);
        return at + b.length;
    }

    @SuppressWarnings("deprecation") // the low byte of each char is the char itself: plain(...) checked ASCII
    private static int putAscii(byte[] out, int at, String s) {
        s.getBytes(0, s.length(), out, at);
        return at + s.length();
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}

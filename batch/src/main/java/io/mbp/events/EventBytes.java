package io.mbp.events;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CoderResult;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

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
    /** RFC 9162's leaf prefix, written before the event's bytes in the buffer. */
    private static final char LEAF_PREFIX = 0x00;
    private static final char[] PAYLOAD_CHARS = "{\"payload\":".toCharArray();
    private static final char[] SEQ_CHARS = ",\"seq\":".toCharArray();
    private static final char[] STREAM_CHARS = ",\"stream\":\"".toCharArray();
    private static final char[] TS_CHARS = "\",\"ts\":\"".toCharArray();
    private static final char[] TYPE_CHARS = "\",\"type\":\"".toCharArray();
    private static final char[] END_CHARS = "\"}".toCharArray();
    /** The ASCII chars a JSON string must escape (RFC 8785 follows JSON.stringify): controls, quote, backslash; and DEL, kept off the fast path as before. */
    private static final boolean[] ESCAPED = new boolean[128];

    static {
        for (int c = 0; c < 128; c++) {
            ESCAPED[c] = c < 0x20 || c == '"' || c == '\\' || c == 0x7f;
        }
    }

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
     * The bytes follow the leaf hash's 0x00 prefix ({@link Buffer#leafInput}), so the digest takes
     * them in one update straight from this array.
     * <p>
     * The whole event is laid out as chars first ({@code getChars} inflates a compact string with a
     * vector copy), then narrowed to bytes in one call of the JDK's US-ASCII encoder, whose array loop
     * is a vectorized intrinsic that stops at the first char above 0x7f: one vector pass instead of a
     * char-by-char test and copy of each field, which was most of an event's canonicalization (ADR 0148).
     * Any non-ASCII char, lone surrogates included, makes the encoder report an error, so this answers
     * in exactly the cases the char-by-char test did; type, stream and ts are then checked for the
     * chars JSON would escape on their ASCII bytes.
     */
    static int writeAscii(Buffer buf, long seq, String type, String stream, String ts, String canonicalPayload) {
        int len = canonicalPayload.length();
        int sl = stream.length();
        int tl = ts.length();
        int yl = type.length();
        int n = 1 + PAYLOAD.length + len + SEQ.length + 20 + STREAM.length + sl + TS.length + tl + TYPE.length + yl + END.length;
        char[] c = buf.ensureChars(n);
        c[0] = LEAF_PREFIX;
        int p = put(c, 1, PAYLOAD_CHARS);
        canonicalPayload.getChars(0, len, c, p);
        p = put(c, p + len, SEQ_CHARS);
        p = putLong(c, p, seq);
        p = put(c, p, STREAM_CHARS);
        int streamAt = p;
        stream.getChars(0, sl, c, p);
        p = put(c, p + sl, TS_CHARS);
        int tsAt = p;
        ts.getChars(0, tl, c, p);
        p = put(c, p + tl, TYPE_CHARS);
        int typeAt = p;
        type.getChars(0, yl, c, p);
        p = put(c, p + yl, END_CHARS);
        if (!buf.encodeAscii(p)) {
            return -1;
        }
        byte[] out = buf.bytes;
        return plainAscii(out, streamAt, sl) && plainAscii(out, tsAt, tl) && plainAscii(out, typeAt, yl) ? p - 1 : -1;
    }

    /** Whether the ASCII bytes {@code out[at, at+len)} need no JSON escape: no control char, DEL, quote or backslash. */
    private static boolean plainAscii(byte[] out, int at, int len) {
        boolean escaped = false;
        for (int i = at, end = at + len; i < end; i++) {
            escaped |= ESCAPED[out[i]];
        }
        return !escaped;
    }

    /**
     * The same bytes as {@link #writeAscii}, at the same place, from the fields' stored UTF-8 (what SQLite hands back
     * without building a String): when every field and the payload are ASCII, their UTF-8 bytes are
     * their chars, so the output is byte-identical (EventBytesTest compares the two). -1 otherwise,
     * and the caller reads the fields as strings.
     */
    static int writeAsciiUtf8(Buffer buf, long seq, byte[] type, byte[] stream, byte[] ts, byte[] canonicalPayload) {
        if (type == null || stream == null || ts == null || canonicalPayload == null
                || !plain(type) || !plain(stream) || !plain(ts) || !ascii(canonicalPayload)) {
            return -1;
        }
        int n = 1 + PAYLOAD.length + canonicalPayload.length + SEQ.length + 20 + STREAM.length + stream.length
                + TS.length + ts.length + TYPE.length + type.length + END.length;
        byte[] out = buf.ensure(n);
        out[0] = LEAF_PREFIX;
        int p = put(out, 1, PAYLOAD);
        p = put(out, p, canonicalPayload);
        p = put(out, p, SEQ);
        p = putLong(out, p, seq);
        p = put(out, p, STREAM);
        p = put(out, p, stream);
        p = put(out, p, TS);
        p = put(out, p, ts);
        p = put(out, p, TYPE);
        p = put(out, p, type);
        return put(out, p, END) - 1;
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
     * Reusable scratch for one thread (see {@link LeafHash}): the event's chars, its bytes, and the
     * US-ASCII encoder with the two buffers it works on, rewrapped only when the arrays grow.
     */
    static final class Buffer {
        private final CharsetEncoder ascii = StandardCharsets.US_ASCII.newEncoder();
        private byte[] bytes = new byte[512];
        private char[] chars = new char[512];
        private CharBuffer charView = CharBuffer.wrap(chars);
        private ByteBuffer byteView = ByteBuffer.wrap(bytes);

        /** The char scratch with room for {@code n}; the byte array is kept as long, so encoding never overflows. */
        char[] ensureChars(int n) {
            if (chars.length < n) {
                chars = new char[Math.max(n, 2 * chars.length)];
                charView = CharBuffer.wrap(chars);
                if (bytes.length < chars.length) {
                    bytes = new byte[chars.length];
                    byteView = ByteBuffer.wrap(bytes);
                }
            }
            return chars;
        }

        byte[] ensure(int n) {
            if (bytes.length < n) {
                bytes = new byte[Math.max(n, 2 * bytes.length)];
                byteView = ByteBuffer.wrap(bytes);
            }
            return bytes;
        }

        /**
         * 0x00 ‖ the {@code n} canonical bytes just written, at {@code [0, n + 1)}: the leaf hash's whole
         * input in one array (one digest update instead of two saved about 20 ns of ~300 per event).
         */
        byte[] leafInput() {
            return bytes;
        }

        /** A copy of the {@code n} canonical bytes just written. */
        byte[] copy(int n) {
            return Arrays.copyOfRange(bytes, 1, 1 + n);
        }

        /** Narrows {@code chars[0, n)} into {@code bytes[0, n)}; false at the first char above 0x7f. */
        boolean encodeAscii(int n) {
            CharBuffer in = charView;
            in.limit(n).position(0);
            ByteBuffer out = byteView;
            out.clear();
            ascii.reset();
            CoderResult r = ascii.encode(in, out, true);
            return !r.isError() && !in.hasRemaining();
        }
    }

    /** Writes {@code v} in decimal as Jackson does, Long.MIN_VALUE included: digits taken from the negative value, which cannot overflow. */
    private static int putLong(char[] out, int at, long v) {
        long neg = v < 0 ? v : -v;
        if (v < 0) {
            out[at++] = '-';
        }
        int end = at + digitsOf(neg);
        for (int i = end - 1; i >= at; i--, neg /= 10) {
            out[i] = (char) ('0' - neg % 10);
        }
        return end;
    }

    /** The number of decimal digits of {@code -neg}, for {@code neg <= 0}. */
    private static int digitsOf(long neg) {
        int digits = 1;
        for (long x = neg; x <= -10; x /= 10) {
            digits++;
        }
        return digits;
    }

    private static int put(char[] out, int at, char[] c) {
        System.arraycopy(c, 0, out, at, c.length);
        return at + c.length;
    }

    /** {@link #putLong(char[], int, long)} into bytes. */
    private static int putLong(byte[] out, int at, long v) {
        long neg = v < 0 ? v : -v;
        if (v < 0) {
            out[at++] = '-';
        }
        int end = at + digitsOf(neg);
        for (int i = end - 1; i >= at; i--, neg /= 10) {
            out[i] = (byte) ('0' - neg % 10);
        }
        return end;
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

package io.mbp.market;

import io.mbp.events.Timestamps;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * The instants of a replayed log's timestamps. A full {@link Timestamps#parse} was a third of a warm
 * replay (ADR 0119), and a log's events crowd into few seconds: once a text of the form
 * {@code yyyy-MM-ddTHH:mm:ss[.f{1,9}]Z} has been parsed in full, a later text with the same first 19
 * characters and a 'Z'-terminated fraction of 1 to 9 digits names the same UTC second, so only its
 * fraction is read. Anything else (an offset, another second, a lower-case letter) takes the full parse,
 * which keeps its checks and its error message.
 */
public final class ReplayClock {
    private static final int SECOND = 19; // "2026-11-27T13:05:00".length()
    private String lastText;
    private Instant last;
    private String second; // a text parsed in full whose first 19 characters name epochSecond
    private long epochSecond;
    private byte[] secondBytes; // the first 19 characters of second, when all ASCII (they are, once parsed)

    /**
     * As {@link #parse(String)}, for the text's stored UTF-8 bytes (a replay from SQLite, ADR 0137): within a
     * second already parsed only the fraction is read and no String is made; anything else is decoded and
     * takes {@link #parse(String)}, so it answers and refuses exactly what that answers and refuses.
     */
    public Instant parse(byte[] text) {
        if (secondBytes != null) {
            int nanos = suffixOk(text);
            if (nanos >= 0 && java.util.Arrays.equals(text, 0, SECOND, secondBytes, 0, SECOND)) {
                if (last != null && last.getEpochSecond() == epochSecond && last.getNano() == nanos) {
                    return last;
                }
                return Instant.ofEpochSecond(epochSecond, nanos);
            }
        }
        return parse(new String(text, StandardCharsets.UTF_8));
    }

    public Instant parse(String text) {
        if (text.equals(lastText)) {
            return last;
        }
        Instant at = second == null ? null : sameSecond(text);
        if (at == null) {
            at = Timestamps.parse("ts", text);
            if (suffixOk(text) >= 0) {
                second = text;
                epochSecond = at.getEpochSecond();
                secondBytes = ascii(text);
            }
        }
        lastText = text;
        last = at;
        return at;
    }

    private Instant sameSecond(String text) {
        int nanos = suffixOk(text);
        return nanos >= 0 && text.regionMatches(0, second, 0, SECOND) ? Instant.ofEpochSecond(epochSecond, nanos) : null;
    }

    private static byte[] ascii(String text) {
        byte[] b = new byte[SECOND];
        for (int i = 0; i < SECOND; i++) {
            char c = text.charAt(i);
            if (c > 127) {
                return null;
            }
            b[i] = (byte) c;
        }
        return b;
    }

    /** As {@link #suffixOk(String)}, over UTF-8 bytes (a multi-byte character is never one of "Z.0-9"). */
    private static int suffixOk(byte[] text) {
        int n = text.length;
        if (n == SECOND + 1) {
            return text[SECOND] == 'Z' ? 0 : -1;
        }
        int digits = n - SECOND - 2;
        if (digits < 1 || digits > 9 || text[SECOND] != '.' || text[n - 1] != 'Z') {
            return -1;
        }
        int nanos = 0;
        for (int i = SECOND + 1; i < n - 1; i++) {
            byte c = text[i];
            if (c < '0' || c > '9') {
                return -1;
            }
            nanos = nanos * 10 + (c - '0');
        }
        for (int i = digits; i < 9; i++) {
            nanos *= 10;
        }
        return nanos;
    }

    /**
     * The nanoseconds of a suffix "Z" or ".d{1,9}Z" after the first 19 characters, or -1 for any other. One
     * byte per char (ISO-8859-1, anything wider becomes '?'), so the byte path's check answers for both.
     */
    private static int suffixOk(String text) {
        return suffixOk(text.getBytes(StandardCharsets.ISO_8859_1));
    }
}

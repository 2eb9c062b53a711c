package io.mbp.market;

import io.mbp.events.Timestamps;
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

    /** The nanoseconds of a suffix "Z" or ".d{1,9}Z" after the first 19 characters, or -1 for any other. */
    private static int suffixOk(String text) {
        int n = text.length();
        if (n == SECOND + 1) {
            return text.charAt(SECOND) == 'Z' ? 0 : -1;
        }
        int digits = n - SECOND - 2;
        if (digits < 1 || digits > 9 || text.charAt(SECOND) != '.' || text.charAt(n - 1) != 'Z') {
            return -1;
        }
        int nanos = 0;
        for (int i = SECOND + 1; i < n - 1; i++) {
            char c = text.charAt(i);
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
}

package io.mbp.market;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.mbp.events.FieldException;
import io.mbp.events.Timestamps;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/** The replay's timestamp cache (ADR 0119) answers exactly what {@link Timestamps#parse} answers, text by text. */
class ReplayClockTest {
    private static final String[] SUFFIXES = {"Z", ".5Z", ".05Z", ".123Z", ".123456Z", ".123456789Z", ".1234567890Z", "z",
        ".Z", "+00:00", "-03:00", ".250-03:00", ".12aZ", ".999999999Z", ".000000001Z"};
    private static final String[] SECONDS = {"2026-11-27T12:00:00", "2026-11-27T12:00:01", "2026-11-27t12:00:01",
        "2026-11-28T00:00:00", "1999-12-31T23:59:59", "9999-12-31T23:59:59", "2026-02-29T10:00:00", "2028-02-29T10:00:00"};

    /**
     * The String path and the byte path (a replay from SQLite, ADR 0137), mixed on one clock, answer what the
     * full parse answers.
     */
    @Property(tries = 600)
    void bothPathsAnswerWhatTheFullParseAnswers(@ForAll @Size(max = 60) List<@IntRange(min = 0, max = 1_000_000) Integer> picks) {
        ReplayClock clock = new ReplayClock();
        for (int p : picks) {
            String text = SECONDS[p % SECONDS.length] + SUFFIXES[(p / SECONDS.length) % SUFFIXES.length];
            Object expected = outcome(() -> Timestamps.parse("ts", text));
            byte[] bytes = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            assertEquals(expected, outcome(() -> (p / 7) % 2 == 0 ? clock.parse(text) : clock.parse(bytes)), text);
        }
    }

    @Test
    void theBytePathNeverTakesANonAsciiTextForTheSecondItResembles() {
        ReplayClock clock = new ReplayClock();
        assertEquals(Instant.parse("2026-11-27T12:00:01.5Z"), clock.parse("2026-11-27T12:00:01.5Z".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        for (String bad : List.of("2026-11-27T12:00:0\u00b91.5Z", "2026-11-27T12:00:01.\u00b95Z", "2026-11-27T12:00:01.5\u017a")) {
            assertThrows(FieldException.class, () -> clock.parse(bad.getBytes(java.nio.charset.StandardCharsets.UTF_8)), bad);
        }
        assertEquals(Instant.parse("2026-11-27T12:00:01.25Z"), clock.parse("2026-11-27T12:00:01.25Z".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    @Test
    void readsOnlyTheFractionWithinASecondAlreadyParsed() {
        ReplayClock clock = new ReplayClock();
        List<String> texts = new ArrayList<>(List.of("2026-11-27T12:00:01Z", "2026-11-27T12:00:01.7Z", "2026-11-27T12:00:01.000000007Z",
                "2026-11-27T12:00:01.25Z", "2026-11-27T12:00:01-03:00", "2026-11-27T12:00:01.25Z"));
        for (String t : texts) {
            assertEquals(Instant.from(java.time.OffsetDateTime.parse(t)), clock.parse(t), t);
        }
        assertThrows(FieldException.class, () -> clock.parse("2026-11-27T12:00:01.x5Z"));
    }

    private interface Parse {
        Instant run();
    }

    private static Object outcome(Parse p) {
        try {
            return p.run();
        } catch (FieldException e) {
            return "refused: " + e.getMessage();
        }
    }
}

package io.mbp.events;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The vectorized ASCII path ({@link EventBytes#writeAscii}, ADR 0148) against the char-by-char
 * reference it replaced, kept here: it must answer in exactly the same cases and then write the
 * Jackson generator's bytes, for any seq (negative, Long.MIN_VALUE) and any field text, including
 * chars whose low byte is ASCII (U+0122 ends in '"', U+015C in '\'), Latin-1, surrogates and empty fields.
 */
class EventBytesAsciiPropertiesTest {
    /** One buffer for every try: stale chars or bytes of a longer event must never leak into a shorter one. */
    private final EventBytes.Buffer shared = new EventBytes.Buffer();

    @Property(tries = 3000)
    void answersExactlyWhenTheReferenceDoesAndWritesTheGeneratorsBytes(@ForAll("seqs") long seq, @ForAll("texts") String type,
            @ForAll("texts") String stream, @ForAll("texts") String ts, @ForAll("payloads") String payload) {
        byte[] expected = reference(seq, type, stream, ts, payload);
        int n = EventBytes.writeAscii(shared, seq, type, stream, ts, payload);
        if (expected == null) {
            assertEquals(-1, n, "declined by the reference");
            return;
        }
        assertArrayEquals(expected, shared.copy(n));
        assertArrayEquals(CanonicalJson.generatedEventBytes(seq, type, stream, ts, payload), expected, "reference = generator");
        assertArrayEquals(LeafHash.of(expected), LeafHash.of(seq, type, stream, ts, payload), "leaf hash");
        EventBytes.Buffer fresh = new EventBytes.Buffer();
        assertEquals(n, EventBytes.writeAscii(fresh, seq, type, stream, ts, payload));
        assertArrayEquals(expected, fresh.copy(n), "a fresh buffer");
    }

    @Property(tries = 300)
    void anyFieldsHashAsTheirCanonicalBytes(@ForAll("seqs") long seq, @ForAll("wellFormed") String type,
            @ForAll("wellFormed") String stream, @ForAll("wellFormed") String ts, @ForAll("validPayloads") String payload) {
        byte[] generated = CanonicalJson.generatedEventBytes(seq, type, stream, ts, payload);
        assertArrayEquals(LeafHash.of(generated), LeafHash.of(seq, type, stream, ts, payload));
    }

    /** The ASCII path before ADR 0148: every field tested char by char, the bytes built as text. */
    static byte[] reference(long seq, String type, String stream, String ts, String payload) {
        if (!plain(type) || !plain(stream) || !plain(ts) || !payload.chars().allMatch(c -> c < 0x80)) {
            return null;
        }
        String text = "{\"payload\":" + payload + ",\"seq\":" + seq + ",\"stream\":\"" + stream + "\",\"ts\":\"" + ts
                + "\",\"type\":\"" + type + "\"}";
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    private static boolean plain(String s) {
        return s.chars().allMatch(c -> c >= 0x20 && c <= 0x7e && c != '"' && c != '\\');
    }

    @Provide
    Arbitrary<Long> seqs() {
        return Arbitraries.oneOf(Arbitraries.longs(), Arbitraries.longs().between(0, 10_000_000),
                Arbitraries.of(0L, 9L, 10L, -1L, -10L, 999_999_999L, 1_000_000_000L, Long.MAX_VALUE, Long.MIN_VALUE, Long.MIN_VALUE + 1));
    }

    /** Mostly plain ASCII (the fast path must be exercised), with every kind of char that must decline it. */
    @Provide
    Arbitrary<String> texts() {
        Arbitrary<Character> plain = Arbitraries.chars().range(' ', '~');
        Arbitrary<Character> odd = Arbitraries.of('"', '\\', '\u0000', '\n', '\u001f', '\u007f', '\u0080', 'é', '\u00ff',
                '\u0122', '\u015c', '\u0141', '\u0100', '\u2028', '\ud83d', '\ude00', '\uffff');
        Arbitrary<Character> c = Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(60, plain), net.jqwik.api.Tuple.of(1, odd));
        return c.list().ofMaxSize(40).map(EventBytesAsciiPropertiesTest::text);
    }

    /** Payload text as the path sees it (it does not parse JSON): long and short, now and then non-ASCII. */
    @Provide
    Arbitrary<String> payloads() {
        Arbitrary<Character> ascii = Arbitraries.chars().range('\u0000', '\u007f');
        Arbitrary<Character> odd = Arbitraries.of('\u0080', 'é', '\u00ff', '\u0122', '\u015c', '\u0141', '\ud83d', '\ude00', '\uffff');
        Arbitrary<Character> c = Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(300, ascii), net.jqwik.api.Tuple.of(1, odd));
        return c.list().ofMaxSize(1200).map(EventBytesAsciiPropertiesTest::text);
    }

    /** Any text the generator writes: surrogates only in pairs (it refuses a lone one, and so does the log). */
    @Provide
    Arbitrary<String> wellFormed() {
        Arbitrary<String> plain = Arbitraries.chars().range(' ', '~').map(String::valueOf);
        Arbitrary<String> odd = Arbitraries.of("\"", "\\", "\u0000", "\n", "\u007f", "é", "\u0122", "\u015c", "\u2028", "\ud83d\ude00");
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(20, plain), net.jqwik.api.Tuple.of(1, odd)).list().ofMaxSize(30)
                .map(l -> String.join("", l));
    }

    /** Canonical JSON payloads with arbitrary text (the generator refuses raw text that is not JSON). */
    @Provide
    Arbitrary<String> validPayloads() {
        return wellFormed().map(t -> CanonicalJson.canonicalize(CanonicalJson.MAPPER.createObjectNode().put("note", t).put("n", t.length())));
    }

    private static String text(java.util.List<Character> chars) {
        StringBuilder b = new StringBuilder(chars.size());
        chars.forEach(b::append);
        return b.toString();
    }
}

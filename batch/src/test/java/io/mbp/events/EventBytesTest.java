package io.mbp.events;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.CharRange;
import net.jqwik.api.constraints.Chars;
import net.jqwik.api.constraints.StringLength;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

/** The generator-free event bytes must be the Jackson generator's bytes exactly, or decline. */
class EventBytesTest {

    static void same(long seq, String type, String stream, String ts, String payload) {
        byte[] fast = EventBytes.of(seq, type, stream, ts, payload);
        byte[] generated = CanonicalJson.generatedEventBytes(seq, type, stream, ts, payload);
        if (fast != null) {
            assertArrayEquals(generated, fast, () -> "fast path differs for " + type + "|" + stream + "|" + ts + "|" + payload);
        }
        assertArrayEquals(generated, CanonicalJson.eventBytes(seq, type, stream, ts, payload));
        EventBytes.Buffer buf = new EventBytes.Buffer();
        int n = EventBytes.writeAscii(buf, seq, type, stream, ts, payload);
        if (n >= 0) {
            assertArrayEquals(generated, buf.copy(n), "ASCII path");
        }
        assertArrayEquals(LeafHash.of(generated), LeafHash.of(seq, type, stream, ts, payload));
    }

    @Property(tries = 1000)
    void anyAsciiFieldsGiveTheGeneratorsBytes(@ForAll @LongRange(min = 0) long seq,
                                              @ForAll @StringLength(max = 20) @CharRange(from = 0, to = 0x7f) String type,
                                              @ForAll @StringLength(max = 20) @CharRange(from = 0, to = 0x7f) String stream,
                                              @ForAll @StringLength(max = 30) @Chars({'"', '\\', '0', '9', 'T', ':', '.', 'Z', '-', '\u007f', '\n'}) String ts) {
        same(seq, type, stream, ts, "{\"a\":1}");
    }

    @Property(tries = 1000)
    void anyPayloadTextGivesTheGeneratorsBytes(@ForAll @LongRange(min = 0) long seq, @ForAll @CharRange(from = 0, to = 0xd7ff) String payloadText) {
        String payload = CanonicalJson.canonicalize(CanonicalJson.MAPPER.createObjectNode().put("note", payloadText)
                .put("n", seq % 1000));
        same(seq, "Noted", "acct-1", "2026-11-27T10:00:00Z", payload);
    }

    @Test
    void fieldsThatNeedEscapingOrLoneSurrogatesTakeTheGenerator() {
        assertNull(EventBytes.of(1, "T\"", "s", "t", "{}"));
        assertNull(EventBytes.of(1, "T", "s\\", "t", "{}"));
        assertNull(EventBytes.of(1, "T", "s", "t\u0001", "{}"));
        assertNull(EventBytes.of(1, "T", "sã", "t", "{}"));
        assertNull(EventBytes.of(1, "T", "s", "t", "{\"a\":\"\ud83d\ude00\"}"));
        same(1, "T", "sã", "t", "{\"a\":\"é\ud83d\ude00\"}");
        same(0, "T", "s", "t", "{\"a\":\"é\"}");
        same(0, "T", "s", "t", "{\"a\":\"why?\"}");
        org.junit.jupiter.api.Assertions.assertEquals(-1,
                EventBytes.writeAscii(new EventBytes.Buffer(), 1, "T", "s", "t", "{\"a\":\"\ud83d\"}"), "a lone surrogate");
        same(Long.MAX_VALUE, "T", "s", "t", "{}");
        same(1_000_000_007L, "OrderFilled", "mkt-1", "2026-11-27T10:00:00.007Z", "{\"a\":1}");
    }

    @Test
    void aCharWhoseLowByteIsAsciiStillDeclinesTheAsciiPath() {
        // The ASCII path copies each char's low byte once all chars are checked: U+0141 has low byte 'A'.
        org.junit.jupiter.api.Assertions.assertEquals(-1,
                EventBytes.writeAscii(new EventBytes.Buffer(), 1, "T", "s", "t", "{\"a\":\"\u0141\"}"));
        same(1, "T", "s", "t", "{\"a\":\"\u0141\u0100x\"}");
    }

    @Test
    void longPayloadsGrowTheScratchBuffers() {
        EventBytes.Buffer buf = new EventBytes.Buffer();
        String longText = "x".repeat(5000);
        String payload = "{\"a\":\"" + longText + "\"}";
        int n = EventBytes.writeAscii(buf, 3, "T", "s", "t", payload);
        assertArrayEquals(CanonicalJson.generatedEventBytes(3, "T", "s", "t", payload), buf.copy(n));
        // The same buffer, a short non-ASCII payload after the long one: stale chars must not leak in.
        org.junit.jupiter.api.Assertions.assertEquals(-1, EventBytes.writeAscii(buf, 4, "T", "s", "t", "{\"a\":\"\u00e9\"}"));
        same(5, "T", "s", "t", payload);
    }
}

package io.mbp.events;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.CharRange;
import net.jqwik.api.constraints.Chars;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

/**
 * The seal hashes SQLite rows from their stored UTF-8 bytes: whenever that path answers it must give
 * the leaf hash the string path (what append stored) gives, and it must decline whatever it cannot
 * hash byte-for-byte the same, so the canonical form never depends on how a row was read.
 */
class LeafHashUtf8Test {

    static byte[] fromBytes(long seq, String type, String stream, String ts, String payload) {
        return LeafHash.ofUtf8(seq, type.getBytes(UTF_8), stream.getBytes(UTF_8), ts.getBytes(UTF_8), payload.getBytes(UTF_8));
    }

    @Property(tries = 2000)
    void anyFieldsHashAsTheStringPathOrDecline(@ForAll @LongRange(min = 0) long seq,
                                               @ForAll @StringLength(max = 20) @CharRange(from = 0, to = 0xff) String type,
                                               @ForAll @StringLength(max = 20) @CharRange(from = 0, to = 0x7f) String stream,
                                               @ForAll @StringLength(max = 30) @Chars({'"', '\\', '0', '9', 'T', ':', '.', 'Z', '\u007f', '\n', '\u0141'}) String ts,
                                               @ForAll @CharRange(from = 0, to = 0xd7ff) String payloadText) {
        String payload = CanonicalJson.canonicalize(CanonicalJson.MAPPER.createObjectNode().put("note", payloadText));
        byte[] fast = fromBytes(seq, type, stream, ts, payload);
        if (fast != null) {
            assertArrayEquals(LeafHash.of(seq, type, stream, ts, payload), fast);
            assertArrayEquals(LeafHash.of(CanonicalJson.generatedEventBytes(seq, type, stream, ts, payload)), fast);
        }
    }

    @Property(tries = 1000)
    void plainAsciiRowsAlwaysTakeTheBytePath(@ForAll @LongRange(min = 0) long seq,
                                             @ForAll @StringLength(min = 1, max = 20) @CharRange(from = 0x20, to = 0x7e) String type,
                                             @ForAll @StringLength(max = 40) @CharRange(from = 0x20, to = 0x7e) String payloadText) {
        String t = type.replace("\"", "").replace("\\", "");
        String payload = CanonicalJson.canonicalize(CanonicalJson.MAPPER.createObjectNode().put("note", payloadText).put("seq", seq));
        byte[] fast = fromBytes(seq, t, "mkt-1", "2026-11-27T10:00:00.007Z", payload);
        assertNotNull(fast, "plain ASCII must not fall back");
        assertArrayEquals(LeafHash.of(CanonicalJson.generatedEventBytes(seq, t, "mkt-1", "2026-11-27T10:00:00.007Z", payload)), fast);
    }

    @Test
    void whatTheStringPathMustHashDeclines() {
        assertNull(fromBytes(1, "T\"", "s", "t", "{}"), "a quote needs escaping");
        assertNull(fromBytes(1, "T", "s\\", "t", "{}"), "a backslash needs escaping");
        assertNull(fromBytes(1, "T", "s", "t\u0001", "{}"), "a control char needs escaping");
        assertNull(fromBytes(1, "T", "s\u007f", "t", "{}"), "DEL is not plain");
        assertNull(fromBytes(1, "T", "sã", "t", "{}"), "a multi-byte char in a field");
        assertNull(fromBytes(1, "T", "s", "t", "{\"a\":\"é\"}"), "a multi-byte char in the payload");
        assertNull(fromBytes(1, "T", "s", "t", "{\"a\":\"\ud83d\ude00\"}"), "a supplementary char in the payload");
        assertNull(LeafHash.ofUtf8(1, null, new byte[0], new byte[0], new byte[0]), "a NULL column");
        assertNull(LeafHash.ofUtf8(1, new byte[0], new byte[0], new byte[0], null), "a NULL payload");
    }

    @Test
    void longRowsAndLargeSeqsHashAsTheStringPath() {
        String payload = "{\"a\":\"" + "x".repeat(5000) + "\"}";
        assertArrayEquals(LeafHash.of(3, "T", "s", "t", payload), fromBytes(3, "T", "s", "t", payload));
        assertArrayEquals(LeafHash.of(Long.MAX_VALUE, "OrderFilled", "mkt-1", "2026-11-27T10:00:00.007Z", "{}"),
                fromBytes(Long.MAX_VALUE, "OrderFilled", "mkt-1", "2026-11-27T10:00:00.007Z", "{}"));
        // After a long row, a short one: the shared scratch buffer must not leak the old bytes.
        assertArrayEquals(LeafHash.of(4, "T", "s", "t", "{}"), fromBytes(4, "T", "s", "t", "{}"));
    }
}

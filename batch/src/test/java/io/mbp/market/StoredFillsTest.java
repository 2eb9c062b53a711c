package io.mbp.market;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.mbp.events.EventTypes;
import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** The replay's streaming decoder of stored fills agrees with the general decoder (ADR 0112). */
class StoredFillsTest {
    static final EventTypes TYPES = EventTypes.of(MarketEvent.class);

    @Property(tries = 500)
    void decodesEveryStoredFillAsTheGeneralDecoderDoes(@ForAll("fills") OrderFilled fill) {
        String stored = TYPES.encode(fill);
        assertEquals(TYPES.decode("OrderFilled", stored), StoredFills.decode(stored));
        assertEquals(fill, StoredFills.decode(stored));
        assertEquals(fill, StoredFills.decode(stored.getBytes(StandardCharsets.UTF_8))); // as SQLite hands it over (ADR 0128)
    }

    /** With a table of id Strings (ADR 0137), even one of two slots that every id collides in, the answer is the same. */
    @Property(tries = 200)
    void anIdTableChangesNoAnswer(@ForAll @net.jqwik.api.constraints.Size(max = 30) List<@net.jqwik.api.From("fills") OrderFilled> fills) {
        StoredFills.Ids tiny = new StoredFills.Ids(1);
        StoredFills.Ids ample = new StoredFills.Ids(14);
        for (OrderFilled fill : fills) {
            byte[] stored = TYPES.encode(fill).getBytes(StandardCharsets.UTF_8);
            assertEquals(fill, StoredFills.decode(stored, tiny));
            assertEquals(fill, StoredFills.decode(stored, ample));
        }
    }

    /** Members are matched in canonical order first (ADR 0137); a payload in another order still decodes, as before. */
    @Test
    void membersOutOfCanonicalOrderStillDecode() {
        OrderFilled fill = new OrderFilled("o", "M", "acct-1", "YES", "sell", 10, 5, 9, 1, "k", "h");
        for (String json : List.of(
                "{\"side\":\"sell\",\"shares\":5,\"request_hash\":\"h\",\"outcome\":\"YES\",\"order_id\":\"o\",\"market\":\"M\","
                        + "\"idempotency_key\":\"k\",\"fee\":1,\"cost\":9,\"amount\":10,\"account\":\"acct-1\"}",
                "{\"account\":\"acct-1\",\"amount\":10,\"market\":\"M\",\"cost\":9,\"fee\":1,\"idempotency_key\":\"k\","
                        + "\"order_id\":\"o\",\"outcome\":\"YES\",\"request_hash\":\"h\",\"side\":\"sell\",\"shares\":5}")) {
            assertEquals(fill, StoredFills.decode(json), json);
            assertEquals(fill, StoredFills.decode(json.getBytes(StandardCharsets.UTF_8), new StoredFills.Ids(4)), json);
        }
    }

    @Test
    void aReplayMakesEachIdsStringOnce() {
        StoredFills.Ids ids = new StoredFills.Ids(14);
        OrderFilled a = StoredFills.decode(TYPES.encode(new OrderFilled("o1", "M", "acct-1", "YES", "buy", 10, 5, 10, 0))
                .getBytes(StandardCharsets.UTF_8), ids);
        OrderFilled b = StoredFills.decode(TYPES.encode(new OrderFilled("o2", "M", "acct-1", "YES", "buy", 11, 5, 11, 0))
                .getBytes(StandardCharsets.UTF_8), ids);
        assertSame(a.market(), b.market());
        assertSame(a.outcome(), b.outcome());
        assertSame(a.side(), b.side());
        for (String bad : List.of("{\"account\":1,\"amount\":10,\"cost\":10,\"fee\":0,\"market\":\"M\",\"order_id\":\"o\","
                + "\"outcome\":\"YES\",\"shares\":5,\"side\":\"buy\"}", "{\"account\":\"\",\"amount\":10,\"cost\":10,\"fee\":0,"
                + "\"market\":\"M\",\"order_id\":\"o\",\"outcome\":\"YES\",\"shares\":5,\"side\":\"buy\"}")) {
            assertNull(StoredFills.decode(bad.getBytes(StandardCharsets.UTF_8), ids), bad);
        }
    }

    @Test
    void anythingUnexpectedLeavesTheFastPathForTheGeneralOne() {
        String base = "\"account\":\"acct-1\",\"amount\":10,\"cost\":10,\"fee\":0,\"market\":\"M\",\"order_id\":\"o\","
                + "\"outcome\":\"YES\",\"shares\":5,\"side\":\"buy\"";
        assertEquals(new OrderFilled("o", "M", "acct-1", "YES", "buy", 10, 5, 10, 0), StoredFills.decode("{" + base + "}"));
        for (String bad : List.of(
                "{" + base + ",\"extra\":1}",                 // unknown field
                "{" + base + ",\"fee\":0}",                   // repeated field
                "{\"account\":\"acct-2\"," + base + "}",       // repeated field, first value differs
                "{" + base.replace("\"fee\":0,", "") + "}",   // missing field
                "{" + base.replace("\"amount\":10", "\"amount\":\"10\"") + "}",
                "{" + base.replace("\"amount\":10", "\"amount\":10.5") + "}",
                "{" + base.replace("\"amount\":10", "\"amount\":99999999999999999999") + "}",
                "{" + base.replace("\"side\":\"buy\"", "\"side\":\"hold\"") + "}",  // the constructor refuses it
                "{" + base + ",\"idempotency_key\":null}",
                "{" + base + "} {}",
                "[" + base + "]",
                "{" + base)) {
            assertNull(StoredFills.decode(bad), bad);
            assertNull(StoredFills.decode(bad.getBytes(StandardCharsets.UTF_8)), bad);
        }
    }

    @Provide
    Arbitrary<OrderFilled> fills() {
        Arbitrary<String> id = Arbitraries.strings().withCharRange('!', '~').withChars('é', 'ç', '"', '\\', '\u2028').ofMinLength(1).ofMaxLength(12).filter(s -> !s.isBlank());
        Arbitrary<Long> positive = Arbitraries.longs().between(1, (1L << 53) - 1);
        Arbitrary<String> optional = id.injectNull(0.5);
        return Combinators.combine(id, id, id, Arbitraries.of("YES", "NO"), Arbitraries.of("buy", "sell"), positive, positive,
                        Combinators.combine(positive, Arbitraries.longs().between(0, 1_000_000), optional, optional).as(java.util.Arrays::asList))
                .as((o, m, a, out, side, amount, shares, rest) -> new OrderFilled(o, m, a, out, side, amount, shares,
                        (Long) rest.get(0), (Long) rest.get(1), (String) rest.get(2), (String) rest.get(3)));
    }
}

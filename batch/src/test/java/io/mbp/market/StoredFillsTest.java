package io.mbp.market;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

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

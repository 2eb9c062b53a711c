package io.mbp.market;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** ADR 0159: the keys' answers, kept as numbers where they fit, read back equal to what was kept. */
class AnsweredKeysTest {
    private static OrderFilled fill(String id, String key, String hash, boolean buy, long n) {
        return new OrderFilled(id, "M-" + n % 3, "acct-" + n % 5, n % 2 == 0 ? "YES" : "NO", buy ? "buy" : "sell",
                1 + n, 2 + n, 3 + n, n, key, hash);
    }

    private static void add(AnsweredKeys k, MarketState.Idem a) {
        if (a.answer() instanceof OrderFilled f) {
            k.add(a, f.market(), f.account(), f.outcome());
        } else {
            k.add(a, null, null, null);
        }
    }

    @Test
    void aFillReadsBackEqualWithTheStatesOwnStrings() {
        AnsweredKeys k = new AnsweredKeys();
        String hash = "0123456789abcdef0123456789abcdef";
        OrderFilled f = fill("ord-42", "key-1", hash, true, 7);
        String market = new String(f.market().toCharArray());
        k.add(new MarketState.Idem("key-1", hash, f), market, f.account(), f.outcome());
        MarketState.Idem back = k.get("key-1");
        assertEquals(new MarketState.Idem("key-1", hash, f), back);
        assertSame(market, ((OrderFilled) back.answer()).market(), "the state's string, not the event's copy");
        assertTrue(k.contains("key-1"));
        assertFalse(k.contains("key-2"));
        assertNull(k.get("key-2"));
    }

    @Test
    void whatDoesNotFitTheNumbersIsKeptWhole() {
        List<MarketState.Idem> odd = List.of(
                new MarketState.Idem("", "0123456789abcdef", fill("ord-10", "", "0123456789abcdef", true, 10)),
                new MarketState.Idem("ключ", "00000000000000000000000000000000", fill("ord-1", "ключ", "00000000000000000000000000000000", true, 1)),
                new MarketState.Idem("k-upper", "ABCDEF0123456789", fill("ord-2", "k-upper", "ABCDEF0123456789", true, 2)),
                new MarketState.Idem("k-short", "abc", fill("ord-3", "k-short", "abc", false, 3)),
                new MarketState.Idem("k-null", null, fill("ord-4", "k-null", null, false, 4)),
                new MarketState.Idem("k-zero", "0123456789abcdef", fill("ord-05", "k-zero", "0123456789abcdef", true, 5)),
                new MarketState.Idem("k-named", "0123456789abcdef", fill("order-6", "k-named", "0123456789abcdef", true, 6)),
                new MarketState.Idem("k-other", "0123456789abcdef", fill("ord-7", "k-else", "0123456789abcdef", true, 7)),
                new MarketState.Idem("k-long", "0123456789abcdef".repeat(5), fill("ord-8", "k-long", "0123456789abcdef".repeat(5), true, 8)),
                new MarketState.Idem("k-dep", "0123456789abcdef", new DepositReceived("ana", 100, "E1", "k-dep", "0123456789abcdef")),
                new MarketState.Idem("x".repeat(2000), "0123456789abcdef", fill("ord-9", "x".repeat(2000), "0123456789abcdef", true, 9)));
        AnsweredKeys k = new AnsweredKeys();
        odd.forEach(a -> add(k, a));
        for (MarketState.Idem a : odd) {
            assertEquals(a, k.get(a.key()));
        }
        List<MarketState.Idem> seen = new ArrayList<>();
        k.prefix().forEach(seen::add);
        assertEquals(odd, seen);
    }

    @Test
    void manyAnswersCrossChunksAndGrowTheIndex() {
        AnsweredKeys k = new AnsweredKeys();
        List<MarketState.Idem> all = new ArrayList<>();
        for (int n = 0; n < 20_000; n++) {
            String key = (n % 7 == 0 ? "long-".repeat(150) : "k-") + n; // 750-byte keys cross the key chunks too
            String hash = String.format("%064x", n * 2_654_435_761L);
            MarketState.Idem a = new MarketState.Idem(key, hash, fill("ord-" + (n + 1), key, hash, n % 3 == 0, n));
            add(k, a);
            all.add(a);
        }
        AnsweredKeys.Prefix before = k.prefix();
        add(k, new MarketState.Idem("after", "0123456789abcdef", fill("ord-99999", "after", "0123456789abcdef", true, 1)));
        List<MarketState.Idem> seen = new ArrayList<>();
        before.forEach(seen::add);
        assertEquals(all, seen, "a prefix holds what was there when it was taken");
        assertEquals(20_001, k.keys());
        for (MarketState.Idem a : all) {
            assertEquals(a, k.get(a.key()));
        }
    }

    /** Against a map and a list: the latest answer per key, and every answer in the order it came. */
    @Property(tries = 200)
    void behavesAsAMapOfTheLatestAnswerAndAListOfAll(@ForAll("answers") List<MarketState.Idem> answers) {
        AnsweredKeys k = new AnsweredKeys();
        Map<String, MarketState.Idem> latest = new HashMap<>();
        for (MarketState.Idem a : answers) {
            add(k, a);
            latest.put(a.key(), a);
        }
        assertEquals(answers.size(), k.size());
        assertEquals(latest.size(), k.keys());
        latest.forEach((key, a) -> assertEquals(a, k.get(key)));
        List<MarketState.Idem> seen = new ArrayList<>();
        k.prefix().forEach(seen::add);
        assertEquals(answers, seen);
        assertNull(k.get("never-used"));
    }

    @Provide
    Arbitrary<List<MarketState.Idem>> answers() {
        Arbitrary<String> keys = Arbitraries.oneOf(Arbitraries.strings().alpha().numeric().ofMinLength(1).ofMaxLength(8),
                Arbitraries.strings().ofMinLength(1).ofMaxLength(4)); // any chars, so some keys are not ASCII
        Arbitrary<String> hashes = Arbitraries.oneOf(
                Arbitraries.strings().withChars("0123456789abcdef").ofLength(32),
                Arbitraries.strings().withChars("0123456789abcdef").ofLength(64),
                Arbitraries.strings().withChars("0123456789abcdefABX").ofMinLength(0).ofMaxLength(20),
                Arbitraries.just(null));
        Arbitrary<String> ids = Arbitraries.oneOf(Arbitraries.longs().between(1, 99_999_999_999_999_999L).map(n -> "ord-" + n),
                Arbitraries.strings().withChars("ord-0123456789").ofMinLength(1).ofMaxLength(8));
        Arbitrary<MarketState.Idem> one = Combinators.combine(keys, hashes, ids, Arbitraries.longs().between(0, 1L << 40),
                Arbitraries.integers().between(0, 9)).as((key, hash, id, n, kind) -> {
                    if (kind == 0) {
                        return new MarketState.Idem(key, hash, new DepositReceived("ana", 1 + n, "E" + n, key, hash));
                    }
                    String eventKey = kind == 1 ? key + "!" : key; // a fill whose own key differs: kept whole
                    return new MarketState.Idem(key, hash, fill(id, eventKey, hash, kind % 2 == 0, n));
                });
        return one.list().ofMaxSize(60);
    }
}

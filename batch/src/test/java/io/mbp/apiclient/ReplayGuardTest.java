package io.mbp.apiclient;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** The replay guard's tables answer as a set of (key, first 128 bits) per second does, the form it replaced (session 25). */
class ReplayGuardTest {
    /** One call: which key and signature of the pool, the timestamp's and the clock's seconds ahead of the start. */
    record Call(int key, int signature, int timestamp, int now) { }

    @Provide
    Arbitrary<List<Call>> calls() {
        return Combinators.combine(Arbitraries.integers().between(0, 2), Arbitraries.integers().between(0, 7),
                Arbitraries.integers().between(0, 6), Arbitraries.integers().between(0, 3)).as(Call::new).list().ofMaxSize(300);
    }

    @Property(tries = 300)
    void answersAsTheSetOfSignaturesPerSecond(@ForAll("calls") List<Call> calls, @ForAll @IntRange(min = 1, max = 40) int capacity,
                                              @ForAll @IntRange(min = 1, max = 4) int window, @ForAll long seed) {
        Random r = new Random(seed);
        String[] signatures = new String[8];
        for (int i = 0; i < signatures.length; i++) {
            byte[] b = new byte[32];
            r.nextBytes(b);
            signatures[i] = HexFormat.of().formatHex(b);
        }
        // under key k1 this one is the pair (0, 0), the value that marks a free slot, kept apart
        signatures[7] = HexFormat.of().toHexDigits(ReplayGuard.keyHash("k1")) + "0".repeat(48);
        ReplayGuard guard = new ReplayGuard(window, capacity);
        Model model = new Model(window, capacity);
        long now = 1_000;
        for (Call c : calls) {
            now += c.now() == 3 ? 1 : 0; // the clock moves now and then, never back
            long ts = now - 3 + c.timestamp();
            String key = "k" + c.key();
            assertEquals(model.firstTime(key, ts, signatures[c.signature()], now), guard.firstTime(key, ts, signatures[c.signature()], now),
                    c + " at " + now);
        }
    }

    @Test
    void aSecondWithManySignaturesGrowsItsTableAndStillRefusesEachReplay() {
        ReplayGuard g = new ReplayGuard(300, 1 << 20);
        Random r = new Random(7);
        String[] s = new String[50_000];
        for (int i = 0; i < s.length; i++) {
            byte[] b = new byte[32];
            r.nextBytes(b);
            s[i] = HexFormat.of().formatHex(b);
            assertTrue(g.firstTime("k", 100, s[i], 100));
        }
        for (String each : s) {
            assertFalse(g.firstTime("k", 100, each, 100), "a replay after the table grew");
        }
        assertTrue(g.firstTime("k", 101, s[0], 101), "the same signature in the next second is another request");
    }

    @Test
    void theKeyHashTellsKeysApart() {
        Set<Long> seen = new HashSet<>();
        for (int i = 0; i < 100_000; i++) {
            assertTrue(seen.add(ReplayGuard.keyHash("mbpk_" + Integer.toHexString(i))), "key " + i);
        }
    }

    /** The guard as it was: a set of "key|first 32 hex digits" per second. */
    private static final class Model {
        private final long windowSeconds;
        private final int capacity;
        private final TreeMap<Long, Set<String>> bySecond = new TreeMap<>();
        private int size;
        private long floor = Long.MIN_VALUE;

        Model(long windowSeconds, int capacity) {
            this.windowSeconds = windowSeconds;
            this.capacity = capacity;
        }

        boolean firstTime(String keyId, long timestamp, String signature, long nowSeconds) {
            while (!bySecond.isEmpty() && bySecond.firstKey() < nowSeconds - windowSeconds) {
                size -= bySecond.pollFirstEntry().getValue().size();
            }
            if (timestamp <= floor) {
                return false;
            }
            if (!bySecond.computeIfAbsent(timestamp, t -> new HashSet<>()).add(keyId + "|" + signature.substring(0, 32))) {
                return false;
            }
            size++;
            while (size > capacity) {
                Map.Entry<Long, Set<String>> oldest = bySecond.pollFirstEntry();
                size -= oldest.getValue().size();
                floor = Math.max(floor, oldest.getKey());
            }
            return timestamp > floor;
        }
    }
}

package io.mbp.market;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

/** Issue 18: `mbp daemon --shard i/n` — every market has exactly one owning shard, computable from its id alone. */
class ShardTest {
    @Property
    void exactlyOneShardOwnsEachMarket(@ForAll @StringLength(min = 1, max = 64) String market, @ForAll @IntRange(min = 1, max = 64) int n) {
        int owners = 0;
        int owner = 0;
        for (int i = 1; i <= n; i++) {
            if (new Shard(i, n).owns(market)) {
                owners++;
                owner = i;
            }
        }
        assertEquals(1, owners, market + " over " + n + " shards");
        assertEquals(new Shard(owner, n), new Shard(1, n).ownerOf(market));
    }

    @Property
    void theOwnerIsTheDocumentedHash(@ForAll @StringLength(min = 1, max = 64) String market, @ForAll @IntRange(min = 1, max = 1024) int n)
            throws Exception {
        // docs/adr/0309: first 8 bytes of SHA-256(UTF-8 id), unsigned, mod n, plus one
        byte[] h = MessageDigest.getInstance("SHA-256").digest(market.getBytes(StandardCharsets.UTF_8));
        int expected = new BigInteger(1, Arrays.copyOf(h, 8)).mod(BigInteger.valueOf(n)).intValueExact() + 1;
        assertEquals(expected, Shard.indexOf(market, n));
    }

    @Test
    void marketsSpreadOverTheShards() {
        int[] counts = new int[4];
        for (int k = 0; k < 4000; k++) {
            counts[Shard.indexOf("PTAX-" + k, 4) - 1]++;
        }
        for (int c : counts) {
            assertTrue(c > 800 && c < 1200, Arrays.toString(counts));
        }
    }

    @Test
    void parsesIOverNAndNamesWhatIsWrong() {
        assertEquals(new Shard(2, 4), Shard.parse("2/4"));
        assertEquals("2/4", Shard.parse(" 2/4 ").toString());
        assertEquals(Shard.ALL, Shard.parse("1/1"));
        for (String bad : new String[] {"0/2", "3/2", "1/0", "-1/2", "1/1025"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Shard.parse(bad));
            assertTrue(e.getMessage().contains("1 <= i <= n"), e.getMessage());
        }
        for (String bad : new String[] {"", "2", "/2", "2/", "a/b", "1/2/3"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Shard.parse(bad));
            assertTrue(e.getMessage().contains("i/n"), e.getMessage());
        }
    }

    @Test
    void oneShardOwnsEverything() {
        assertTrue(Shard.ALL.owns("anything"));
        assertEquals(Shard.ALL, Shard.ALL.ownerOf("anything"));
    }
}

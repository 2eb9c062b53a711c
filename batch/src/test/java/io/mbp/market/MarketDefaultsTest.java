package io.mbp.market;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The defaults the daemon's API and {@code mbp market create} share (issue 11): one rule, two callers. */
class MarketDefaultsTest {
    @Test
    void aMarketWithoutFeeOrE2eidGetsTheDefaults() {
        MarketCommand.CreateMarket c = MarketDefaults.createMarket("M-1", "EV", List.of("YES", "NO"), null, null, null, null,
                "lp", 1_000, null);
        assertEquals(200, c.feeBps());
        assertEquals("LIQ-M-1", c.e2eid());
        MarketCommand.CreateMarket named = MarketDefaults.createMarket("M-1", "EV", List.of("YES", "NO"), 50L, null, null, null,
                "lp", 1_000, "E-9");
        assertEquals(50, named.feeBps());
        assertEquals("E-9", named.e2eid());
    }

    @Test
    void apiIdsDeriveFromTheIdempotencyKey() {
        assertEquals("API-k1", MarketDefaults.apiDepositId("k1"));
        assertEquals("WD-k1", MarketDefaults.withdrawalId("k1"));
    }

    @Test
    void aBuyTakesMinSharesASellMinReturn() {
        assertEquals(0, limit("buy", Map.of("amount", 500L)));
        assertEquals(7, limit("buy", Map.of("amount", 500L, "min_shares", 7L)));
        assertEquals(0, limit("buy", Map.of("amount", 500L, "max_cost", 500L)), "max_cost never binds");
        assertEquals(9, limit("sell", Map.of("amount", 5L, "min_return", 9L)));
        assertEquals(0, limit("sell", Map.of("amount", 5L)));
    }

    @Test
    void limitsThatCanNeverBeMetOrBelongToTheOtherSideAreRefusedNamingTheField() {
        assertEquals("min_return", refused("buy", Map.of("amount", 5L, "min_return", 1L)));
        assertEquals("max_cost", refused("sell", Map.of("amount", 5L, "max_cost", 10L)));
        assertEquals("min_shares", refused("sell", Map.of("amount", 5L, "min_shares", 1L)));
        assertEquals("max_cost", refused("buy", Map.of("amount", 5L, "max_cost", 0L)));
        assertEquals("max_cost", refused("buy", Map.of("amount", 500L, "max_cost", 499L)));
        assertEquals("min_shares", refused("buy", Map.of("amount", 500L, "min_shares", 0L)));
    }

    private static long limit(String side, Map<String, Long> body) {
        return MarketDefaults.orderLimit(side, body::containsKey, body::get);
    }

    private static String refused(String side, Map<String, Long> body) {
        MarketRejected e = assertThrows(MarketRejected.class, () -> limit(side, body));
        assertEquals(Reject.INVALID_FIELD, e.code());
        return e.field();
    }
}

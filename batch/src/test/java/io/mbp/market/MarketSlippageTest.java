package io.mbp.market;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.mbp.market.MarketCommand.CreateMarket;
import io.mbp.market.MarketCommand.Deposit;
import io.mbp.market.MarketCommand.PlaceOrder;
import java.time.Instant;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;

/**
 * Issue 19, defect 8: a buy's limit is the minimum of outcome shares received (Gnosis FPMM's
 * minOutcomeTokensToBuy), so it binds on what varies with the price; a sell's is the minimum return.
 */
class MarketSlippageTest {
    private static final Instant NOW = Instant.parse("2026-11-27T12:00:00Z");
    private final MarketEngine engine = new MarketEngine();

    private MarketState market() {
        MarketState s = new MarketState();
        apply(s, new CreateMarket("M", "EV-M", List.of("YES", "NO"), 200, null, null, null, "lp", 10_000_000, "E-M"));
        apply(s, new Deposit("ana", 100_000_000, "E1", null, null));
        return s;
    }

    private List<MarketEvent> apply(MarketState s, MarketCommand c) {
        List<MarketEvent> events = engine.decide(s, c, NOW);
        events.forEach(e -> engine.evolve(s, e, NOW, -1));
        return events;
    }

    private static OrderFilled fill(List<MarketEvent> events) {
        return (OrderFilled) events.stream().filter(e -> e instanceof OrderFilled).findFirst().orElseThrow();
    }

    @Property(tries = 200)
    void aBuyFillsAtItsMinSharesAndIsRefusedOneShareAbove(@ForAll @LongRange(min = 1_000, max = 2_000_000) long amount,
                                                         @ForAll @LongRange(min = 0, max = 3_000_000) long before) {
        MarketState s = market();
        if (before >= 1_000) {
            apply(s, new PlaceOrder("M", "ana", "YES", "buy", before, 0, null, null)); // the price moves first
        }
        long quoted = fill(engine.decide(s, new PlaceOrder("M", "ana", "YES", "buy", amount, 0, null, null), NOW)).shares();
        MarketRejected r = assertThrows(MarketRejected.class,
                () -> engine.decide(s, new PlaceOrder("M", "ana", "YES", "buy", amount, quoted + 1, null, null), NOW));
        assertEquals(Reject.SLIPPAGE_EXCEEDED, r.code());
        assertEquals("min_shares", r.field());
        OrderFilled f = fill(engine.decide(s, new PlaceOrder("M", "ana", "YES", "buy", amount, quoted, null, null), NOW));
        assertEquals(quoted, f.shares());
        assertEquals(amount, f.cost());
    }

    @Property(tries = 100)
    void aBuyExpectingTheOldPriceIsRefusedOnceAnotherBuyMovedIt(@ForAll @LongRange(min = 10_000, max = 1_000_000) long amount) {
        MarketState s = market();
        long atOldPrice = fill(engine.decide(s, new PlaceOrder("M", "ana", "YES", "buy", amount, 0, null, null), NOW)).shares();
        apply(s, new PlaceOrder("M", "ana", "YES", "buy", 500_000, 0, null, null));
        MarketRejected r = assertThrows(MarketRejected.class,
                () -> engine.decide(s, new PlaceOrder("M", "ana", "YES", "buy", amount, atOldPrice, null, null), NOW));
        assertEquals(Reject.SLIPPAGE_EXCEEDED, r.code());
    }
}

package io.mbp.market;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mbp.market.MarketCommand.AddLiquidity;
import io.mbp.market.MarketCommand.CreateMarket;
import io.mbp.market.MarketCommand.Deposit;
import io.mbp.market.MarketCommand.Halt;
import io.mbp.market.MarketCommand.PlaceOrder;
import io.mbp.market.MarketCommand.RemoveLiquidity;
import io.mbp.market.MarketCommand.Resume;
import io.mbp.market.MarketCommand.Settle;
import io.mbp.market.MarketCommand.Tick;
import io.mbp.oracle.FailoverRolled;
import io.mbp.oracle.Finalized;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class MarketEngineTest {
    private final MarketEngine engine = new MarketEngine();
    private final MarketState s = new MarketState();
    private Instant now = Instant.parse("2026-11-27T12:00:00Z");

    private List<MarketEvent> run(MarketCommand c) {
        List<MarketEvent> events = engine.decide(s, c, now);
        for (MarketEvent e : events) {
            engine.evolve(s, e, now, -1);
        }
        assertEquals(List.of(), Invariants.check(s), "after " + c);
        return events;
    }

    private MarketRejected refused(MarketCommand c) {
        String before = s.digest().toString();
        MarketRejected r = assertThrows(MarketRejected.class, () -> engine.decide(s, c, now));
        assertEquals(before, s.digest().toString());
        return r;
    }

    private void binary(String id, long liquidity, long feeBps) {
        run(new CreateMarket(id, "EV-" + id, List.of("YES", "NO"), feeBps, null, null, null, "lp", liquidity, "E-" + id));
    }

    private OrderFilled buy(String acct, String outcome, long amount) {
        return (OrderFilled) run(new PlaceOrder("M", acct, outcome, "buy", amount, 0, null, null)).stream()
                .filter(e -> e instanceof OrderFilled).findFirst().orElseThrow();
    }

    @Test
    void buyFollowsGnosisCalcBuyAmountRoundedForThePool() {
        binary("M", 100_000, 200);
        run(new Deposit("ana", 50_000, "E1", null, null));
        OrderFilled f = buy("ana", "YES", 10_000);
        // fee = ceil(10000 * 2%) = 200; invested 9800; YES left = ceil(100000*100000/109800) = 91075
        assertEquals(200, f.fee());
        assertEquals(100_000 + 9_800 - 91_075, f.shares());
        assertEquals(91_075, s.book("M").pool[0]);
        assertEquals(109_800, s.book("M").pool[1]);
        assertEquals(40_000, s.cash("ana"));
    }

    @Test
    void sellReturnsTheLargestWholeCentavoAmountAndNeverLowersTheProduct() {
        binary("M", 100_000, 200);
        run(new Deposit("ana", 50_000, "E1", null, null));
        OrderFilled b = buy("ana", "YES", 10_000);
        var product = Fpmm.product(s.book("M").pool);
        OrderFilled sell = (OrderFilled) run(new PlaceOrder("M", "ana", "YES", "sell", b.shares(), 0, null, null)).get(0);
        assertTrue(sell.cost() < 10_000 && sell.cost() > 9_500, "round trip pays two fees: " + sell.cost());
        assertTrue(Fpmm.product(s.book("M").pool).compareTo(product) >= 0);
        // one more centavo would need more shares than were sold
        long more = Fpmm.sharesNeeded(new long[] {91_075, 109_800}, 0, sell.cost() + 1, 200);
        assertTrue(more > b.shares());
    }

    @Test
    void dustDegenerateAndSlippageAreRefusedWithAReasonNotClamped() {
        binary("M", 100_000, 200);
        run(new Deposit("ana", 2_000_000, "E1", null, null));
        assertEquals(Reject.DUST_ORDER, refused(new PlaceOrder("M", "ana", "YES", "buy", 1, 0, null, null)).code());
        buy("ana", "YES", 100);
        assertEquals(Reject.DUST_ORDER, refused(new PlaceOrder("M", "ana", "YES", "sell", 1, 0, null, null)).code());
        assertEquals(Reject.SLIPPAGE_EXCEEDED, refused(new PlaceOrder("M", "ana", "YES", "buy", 500, 10_000, null, null)).code());
        assertEquals(Reject.SLIPPAGE_EXCEEDED, refused(new PlaceOrder("M", "ana", "YES", "sell", 150, 150, null, null)).code());
        assertEquals(Reject.INSUFFICIENT_SHARES, refused(new PlaceOrder("M", "ana", "NO", "sell", 5, 0, null, null)).code());
        assertEquals(Reject.INSUFFICIENT_FUNDS, refused(new PlaceOrder("M", "bob", "NO", "buy", 5, 0, null, null)).code());
        assertEquals(Reject.INVALID_FIELD, refused(new PlaceOrder("M", "ana", "NO", "buy", 0, 0, null, null)).code());
        assertEquals(Reject.UNKNOWN_OUTCOME, refused(new PlaceOrder("M", "ana", "MAYBE", "buy", 5, 0, null, null)).code());
        assertEquals(Reject.ORDER_TOO_LARGE, refused(new PlaceOrder("M", "ana", "NO", "buy", Fpmm.MAX_AMOUNT + 1, 0, null, null)).code());
    }

    @Test
    void aLateLiquidityProviderCannotTakeFeesEarnedBeforeItJoined() {
        binary("M", 100_000, 500);
        run(new Deposit("ana", 100_000, "E1", null, null));
        run(new Deposit("late", 100_000, "E2", null, null));
        buy("ana", "YES", 20_000); // 1000 centavos of fees, all the first LP's
        long feesBefore = MarketEngine.withdrawableFees(s.book("M"), "lp");
        assertEquals(1_000, feesBefore);
        run(new AddLiquidity("M", "late", 50_000, null, null));
        assertEquals(0, MarketEngine.withdrawableFees(s.book("M"), "late"));
        assertEquals(feesBefore, MarketEngine.withdrawableFees(s.book("M"), "lp"), "the first LP keeps its fees");
        long lateShares = s.book("M").lpShares.get("late");
        LiquidityRemoved out = (LiquidityRemoved) run(new RemoveLiquidity("M", "late", lateShares, null, null)).get(0);
        assertEquals(0, out.fees());
        assertTrue(out.merged() > 0);
    }

    @Test
    void settlementNeedsFinalizedAndWritesThePayoutVectorOnce() {
        binary("M", 100_000, 200);
        run(new Deposit("ana", 50_000, "E1", null, null));
        OrderFilled f = buy("ana", "YES", 10_000);
        assertEquals(Reject.NOT_FINALIZED, refused(new Settle("M")).code());
        engine.evolve(s, new Finalized("EV-M", "categorical", null, "YES", false, "undisputed", "2026-11-27T13:00:00Z"), now, 7);
        List<MarketEvent> events = run(new Settle("M"));
        MarketSettled st = (MarketSettled) events.get(0);
        assertEquals(List.of(1L, 0L), st.numerators());
        assertEquals(7, st.finalizedSeq());
        SettlementPayout ana = events.stream().filter(e -> e instanceof SettlementPayout p && p.account().equals("ana"))
                .map(e -> (SettlementPayout) e).findFirst().orElseThrow();
        assertEquals(f.shares(), ana.amount());
        assertEquals("M:ana", ana.instructionId());
        assertEquals(Reject.ALREADY_SETTLED, refused(new Settle("M")).code());
        assertEquals(Reject.MARKET_CLOSED, refused(new PlaceOrder("M", "ana", "YES", "buy", 100, 0, null, null)).code());
    }

    @Test
    void anInvalidResultPaysOneNthPerShareRoundedDown() {
        run(new CreateMarket("T", "EV-T", List.of("A", "B", "C"), 0, null, null, null, "lp", 30_000, "E-T"));
        run(new Deposit("ana", 10_000, "E1", null, null));
        run(new PlaceOrder("T", "ana", "A", "buy", 1_000, 0, null, null));
        long[] pos = s.account("ana").positions.get("T").clone();
        engine.evolve(s, new Finalized("EV-T", "categorical", null, null, true, "committee_timeout", "2026-11-27T13:00:00Z"), now, 3);
        List<MarketEvent> ev = run(new Settle("T"));
        assertEquals(List.of(1L, 1L, 1L), ((MarketSettled) ev.get(0)).numerators());
        assertEquals(3, ((MarketSettled) ev.get(0)).denominator());
        long paid = ev.stream().filter(e -> e instanceof SettlementPayout p && p.account().equals("ana"))
                .mapToLong(e -> ((SettlementPayout) e).amount()).sum();
        assertEquals((pos[0] + pos[1] + pos[2]) / 3, paid);
        long total = ev.stream().filter(e -> e instanceof SettlementPayout).mapToLong(e -> ((SettlementPayout) e).amount()).sum();
        assertTrue(total <= 31_000, "never pays out more collateral than came in");
    }

    @Test
    void numericMarketsSettleOnTheThreshold() {
        run(new CreateMarket("P", "PTAX", List.of("YES", "NO"), 0, null, null, "5.40", "lp", 10_000, "E-P"));
        engine.evolve(s, new Finalized("PTAX", "numeric", "5.3999", null, false, "undisputed", "2026-11-27T13:00:00Z"), now, 1);
        MarketSettled st = (MarketSettled) run(new Settle("P")).get(0);
        assertEquals(List.of(0L, 1L), st.numerators());
        assertTrue(st.result().startsWith("NO"));
    }

    @Test
    void aBandBreachHaltsAndOnlyCooldownWithTheMetricBackInsideReopens() {
        binary("M", 100_000, 0);
        run(new Deposit("ana", 1_000_000, "E1", null, null));
        List<MarketEvent> ev = run(new PlaceOrder("M", "ana", "YES", "buy", 100_000, 0, null, null));
        HaltChanged h = (HaltChanged) ev.get(ev.size() - 1);
        assertEquals("hard", h.level());
        assertEquals("price_band", h.trigger());
        assertEquals(Reject.MARKET_HALTED, refused(new PlaceOrder("M", "ana", "NO", "buy", 100, 0, null, null)).code());
        now = now.plusSeconds(30); // inside the cooldown: nothing changes however prices look
        assertEquals(List.of(), run(new Tick("M")));
        now = now.plusSeconds(40); // cooldown over, but the move is still inside the 5-minute window
        assertEquals(List.of(), run(new Tick("M")));
        now = now.plusSeconds(300); // window slid past the move: metric 0, hysteresis satisfied
        HaltChanged reopen = (HaltChanged) run(new Tick("M")).get(0);
        assertEquals("soft", reopen.level(), "one level per cooldown, even with the metric back at 0 (ADR 0404)");
        assertEquals("cooldown_expired", reopen.trigger());
        assertEquals(1, reopen.reopenings());
        assertEquals(Reject.MARKET_SOFT_HALTED, refused(new PlaceOrder("M", "ana", "NO", "buy", 100, 0, null, null)).code());
        now = now.plusSeconds(59); // Soft is held a full cooldown of its own
        assertEquals(List.of(), run(new Tick("M")));
        now = now.plusSeconds(1);
        HaltChanged warn = (HaltChanged) run(new Tick("M")).get(0);
        assertEquals("warn", warn.level());
        assertEquals(1, warn.reopenings(), "only leaving hard counts as a re-opening");
        now = now.plusSeconds(60);
        assertEquals("normal", ((HaltChanged) run(new Tick("M")).get(0)).level());
        assertEquals(List.of(), run(new Tick("M")));
    }

    @Test
    void reopeningsPerDayAreBoundedThenOnlyAnOperatorResumes() {
        binary("M", 100_000, 0);
        run(new Deposit("ana", 10_000_000, "E1", null, null));
        for (int i = 0; i < 4; i++) {
            String side = i % 2 == 0 ? "YES" : "NO";
            List<MarketEvent> ev = run(new PlaceOrder("M", "ana", side, "buy", 100_000 + i * 40_000L, 0, null, null));
            assertEquals("hard", ((HaltChanged) ev.get(ev.size() - 1)).level(), "round " + i);
            now = now.plusSeconds(400);
            List<MarketEvent> t = run(new Tick("M"));
            if (i < 3) {
                assertEquals(1, t.size(), "reopening " + (i + 1));
                assertEquals(i + 1, ((HaltChanged) t.get(0)).reopenings());
                now = now.plusSeconds(60); // soft -> warn -> normal, a cooldown each, before buys are allowed again
                assertEquals("warn", ((HaltChanged) run(new Tick("M")).get(0)).level());
                now = now.plusSeconds(60);
                assertEquals("normal", ((HaltChanged) run(new Tick("M")).get(0)).level());
            } else {
                assertEquals(List.of(), t, "the fourth re-opening of the day is refused");
            }
        }
        assertEquals(HaltLevel.HARD, s.book("M").level());
        run(new Resume("M", "reviewed"));
        assertEquals(HaltLevel.NORMAL, s.book("M").level());
    }

    @Test
    void softHaltAllowsOnlySellsAndOracleFallbackSoftHalts() {
        binary("M", 100_000, 0);
        run(new Deposit("ana", 100_000, "E1", null, null));
        buy("ana", "YES", 1_000);
        run(new Halt("M", HaltLevel.SOFT, "news"));
        assertEquals(Reject.MARKET_SOFT_HALTED, refused(new PlaceOrder("M", "ana", "YES", "buy", 1_000, 0, null, null)).code());
        run(new PlaceOrder("M", "ana", "YES", "sell", 500, 0, null, null));
        run(new Resume("M", "ok"));
        engine.evolve(s, new FailoverRolled("EV-M", "consensus", "fallback", "3 failed rounds", now.toString()), now, 9);
        List<MarketEvent> ev = run(new Tick("M"));
        assertEquals("oracle_fallback", ((HaltChanged) ev.get(0)).trigger());
        assertEquals(HaltLevel.SOFT, s.book("M").level());
        engine.evolve(s, new FailoverRolled("EV-M", "fallback", "consensus", "healthy", now.toString()), now, 10);
        assertEquals(List.of(), run(new Tick("M")), "cooldown first");
        now = now.plusSeconds(61);
        assertEquals("oracle_consensus", ((HaltChanged) run(new Tick("M")).get(0)).trigger());
    }

    @Test
    void closedMarketsRefuseOrders() {
        run(new CreateMarket("C", "EV", List.of("YES", "NO"), 0, null, "2026-11-27T12:30:00Z", null, "lp", 10_000, "E-C"));
        run(new Deposit("ana", 10_000, "E1", null, null));
        now = Instant.parse("2026-11-27T12:30:00Z");
        assertEquals(Reject.MARKET_CLOSED, refused(new PlaceOrder("C", "ana", "YES", "buy", 100, 0, null, null)).code());
    }
}

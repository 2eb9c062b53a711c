package io.mbp.market;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mbp.catalog.EventCatalog;
import io.mbp.events.EventPayload;
import io.mbp.events.EventTypes;
import io.mbp.market.MarketCommand.AddLiquidity;
import io.mbp.market.MarketCommand.CreateMarket;
import io.mbp.market.MarketCommand.Deposit;
import io.mbp.market.MarketCommand.Halt;
import io.mbp.market.MarketCommand.PlaceOrder;
import io.mbp.market.MarketCommand.RemoveLiquidity;
import io.mbp.market.MarketCommand.Resume;
import io.mbp.market.MarketCommand.Settle;
import io.mbp.market.MarketCommand.Tick;
import io.mbp.market.MarketCommand.Withdraw;
import io.mbp.oracle.FailoverRolled;
import io.mbp.oracle.Finalized;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * Random command sequences against the engine: after every step all invariants hold, a refused
 * command changes nothing, trades never lower the pool's product, and replaying the events
 * (through their canonical JSON, as the log stores them) rebuilds the same state.
 */
class MarketPropertiesTest {
    private static final EventTypes TYPES = EventCatalog.standard();
    private static final String[] ACCOUNTS = {"ana", "bia", "caio", "duda"};

    private record Logged(EventPayload payload, Instant ts, long seq) {
    }

    @Property(tries = 500)
    void invariantsHoldAfterEveryCommandAndReplayEqualsLive(
            @ForAll @Size(max = 80) List<@IntRange(min = 0, max = Integer.MAX_VALUE) Integer> ops) {
        MarketEngine engine = new MarketEngine();
        MarketState live = new MarketState();
        List<Logged> log = new ArrayList<>();
        Instant[] now = {Instant.parse("2026-11-27T12:00:00Z")};
        long[] seq = {0};
        java.util.function.Consumer<EventPayload> append = p -> {
            // through canonical JSON, as the log would store it
            EventPayload stored = TYPES.decode(TYPES.nameOf(p), TYPES.encode(p));
            engine.evolve(live, stored, now[0], seq[0]);
            log.add(new Logged(stored, now[0], seq[0]++));
        };
        for (MarketEvent e : engine.decide(live, new CreateMarket("BIN", "EV-BIN", List.of("YES", "NO"), 200, null, null,
                null, "lp1", 100_000, "E-lp1"), now[0])) {
            append.accept(e);
        }
        for (MarketEvent e : engine.decide(live, new CreateMarket("TRI", "EV-TRI", List.of("A", "B", "C"), 0, null, null,
                null, "lp2", 5_000, "E-lp2"), now[0])) {
            append.accept(e);
        }
        int step = 0;
        for (int op : ops) {
            step++;
            now[0] = now[0].plusSeconds(op % 7 == 0 ? 90 : 1);
            String acct = ACCOUNTS[(op >>> 3) % ACCOUNTS.length];
            String market = (op & 4) == 0 ? "BIN" : "TRI";
            MarketState.Book book = live.book(market);
            String outcome = book.spec.outcomes().get((op >>> 5) % book.spec.outcomes().size());
            long amount = 1 + (op >>> 7) % 40_000;
            MarketCommand c;
            switch (op % 13) {
                case 0, 1 -> c = new Deposit(acct, amount * 3, "E" + step, "k" + step, "h");
                case 2, 3, 4 -> c = new PlaceOrder(market, acct, outcome, "buy", amount, (op & 8) == 0 ? 0 : amount - 1, "o" + step, "h");
                case 5, 6 -> {
                    MarketState.Account a = live.account(acct);
                    long[] pos = a == null ? null : a.positions.get(market);
                    long held = pos == null ? 0 : pos[book.outcomeIndex(outcome)];
                    c = new PlaceOrder(market, acct, outcome, "sell", held > 0 && (op & 8) == 0 ? 1 + amount % held : amount, 0, null, null);
                }
                case 7 -> c = new AddLiquidity(market, acct, amount, null, null);
                case 8 -> {
                    long held = book.lpShares.getOrDefault((op & 8) == 0 ? "lp1" : acct, 0L);
                    c = new RemoveLiquidity(market, (op & 8) == 0 ? "lp1" : acct, held > 0 ? 1 + amount % held : amount, null, null);
                }
                case 9 -> c = new Withdraw("w" + step, acct, amount, PixPayee.registered("pix_key-" + "0".repeat(32), "phone", "sub-test"), null, null);
                case 10 -> c = (op & 8) == 0 ? new Halt(market, HaltLevel.values()[1 + (op >>> 4) % 3], "test") : new Resume(market, "test");
                case 11 -> {
                    if ((op & 24) == 24) {
                        append.accept(market.equals("BIN")
                                ? new Finalized("EV-BIN", "categorical", null, (op & 32) == 0 ? "YES" : null, (op & 32) != 0,
                                        "undisputed", now[0].toString())
                                : new Finalized("EV-TRI", "categorical", null, "B", false, "undisputed", now[0].toString()));
                    } else if ((op & 24) == 8) {
                        append.accept(new FailoverRolled("EV-" + market, "consensus", "fallback", "k failed rounds", now[0].toString()));
                    } else if ((op & 24) == 16) {
                        append.accept(new FailoverRolled("EV-" + market, "fallback", "consensus", "m healthy rounds", now[0].toString()));
                    }
                    c = new Tick(market);
                }
                default -> c = new Settle(market);
            }
            String before = live.digest().toString();
            BigInteger productBefore = Fpmm.product(book.pool);
            List<MarketEvent> events;
            try {
                events = engine.decide(live, c, now[0]);
            } catch (MarketRejected r) {
                assertEquals(before, live.digest().toString(), "a refused command changed the state: " + c);
                continue;
            }
            for (MarketEvent e : events) {
                if (e instanceof OrderFilled) {
                    assertTrue(book.level() != HaltLevel.HARD, "filled during a hard halt: " + c);
                }
                if (e instanceof HaltChanged h && "price".equals(h.component()) && "cooldown_expired".equals(h.trigger())) {
                    assertEquals(book.components[MarketState.PRICE].ordinal() - 1, HaltLevel.parse("level", h.level()).ordinal(),
                            "the price halt relaxes one level per cooldown (ADR 0404): " + h);
                }
                append.accept(e);
            }
            if (c instanceof PlaceOrder && book.settlement == null) {
                assertTrue(Fpmm.product(book.pool).compareTo(productBefore) >= 0, "pool product fell on " + c);
            }
            List<Invariants.Violation> v = Invariants.check(live);
            assertTrue(v.isEmpty(), "after " + c + ": " + v);
        }
        MarketState replay = new MarketState();
        for (Logged l : log) {
            engine.evolve(replay, l.payload(), l.ts(), l.seq());
        }
        assertEquals(live.digest(), replay.digest());
    }
}

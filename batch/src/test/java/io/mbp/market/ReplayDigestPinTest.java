package io.mbp.market;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
import io.mbp.market.MarketCommand.Withdraw;
import io.mbp.oracle.Finalized;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Pins the state digest of one generated log (seeded: deposits, buys and sells, liquidity in and
 * out, withdrawals, halts, a settlement with its payouts): the engine's state representation may
 * change for speed (ADR 0119), the state it describes may not. The pinned hash was taken from the
 * engine before ADR 0119 (boxed ledger map); a change to it means replay no longer rebuilds what
 * older releases built from the same log, which needs its own ADR, not a new pin.
 */
class ReplayDigestPinTest {
    private static final EventTypes TYPES = EventCatalog.standard();
    private static final String PINNED = "3529423378ce4f8f946d37a5f7570e8132f22a38c233a2f2158dad6facb279b5 over 2055 events, 1662 fills, settled true";

    private record Logged(EventPayload payload, Instant ts, long seq) {
    }

    @Test
    void replayOfAGeneratedLogRebuildsThePinnedDigest() throws Exception {
        MarketEngine engine = new MarketEngine();
        MarketState live = new MarketState();
        List<Logged> log = new ArrayList<>();
        Instant[] now = {Instant.parse("2026-11-27T12:00:00Z")};
        long[] seq = {0};
        java.util.function.Consumer<EventPayload> append = p -> {
            EventPayload stored = TYPES.decode(TYPES.nameOf(p), TYPES.encode(p)); // as the log stores it
            engine.evolve(live, stored, now[0], seq[0]);
            log.add(new Logged(stored, now[0], seq[0]++));
        };
        java.util.function.Consumer<MarketCommand> run = c -> {
            try {
                engine.decide(live, c, now[0]).forEach(append);
            } catch (MarketRejected r) {
                // refused commands write nothing; the seeded sequence includes some on purpose
            }
        };
        run.accept(new CreateMarket("BIN", "EV-BIN", List.of("YES", "NO"), 200, null, null, null, "lp1", 1_000_000, "E-lp1"));
        run.accept(new CreateMarket("TRI", "EV-TRI", List.of("A", "B", "C"), 50, null, null, null, "lp2", 500_000, "E-lp2"));
        String[] accounts = new String[40];
        for (int a = 0; a < accounts.length; a++) {
            accounts[a] = "acct-" + a;
            run.accept(new Deposit(accounts[a], 5_000_000, "E-d" + a, "dep-" + a, "h" + a));
        }
        SplittableRandom r = new SplittableRandom(20261201);
        for (int step = 0; step < 4_000; step++) {
            now[0] = now[0].plusMillis(200 + r.nextInt(3_000));
            String acct = accounts[r.nextInt(accounts.length)];
            String market = r.nextInt(3) == 0 ? "TRI" : "BIN";
            MarketState.Book book = live.book(market);
            if (book.settlement != null) {
                continue;
            }
            String outcome = book.spec.outcomes().get(r.nextInt(book.spec.outcomes().size()));
            int op = r.nextInt(100);
            if (op < 55) {
                run.accept(new PlaceOrder(market, acct, outcome, "buy", 100 + r.nextLong(30_000), 0,
                        r.nextBoolean() ? "o" + step : null, "h" + step));
            } else if (op < 85) {
                MarketState.Account a = live.account(acct);
                long[] pos = a == null ? null : a.positions.get(market);
                long held = pos == null ? 0 : pos[book.outcomeIndex(outcome)];
                run.accept(new PlaceOrder(market, acct, outcome, "sell", held > 1 ? 1 + r.nextLong(held) : 10, 0, null, null));
            } else if (op < 90) {
                run.accept(new AddLiquidity(market, acct, 1_000 + r.nextLong(50_000), null, null));
            } else if (op < 94) {
                long held = book.lpShares.getOrDefault(acct, 0L);
                run.accept(new RemoveLiquidity(market, acct, held > 0 ? 1 + r.nextLong(held) : 5, null, null));
            } else if (op < 97) {
                run.accept(new Withdraw("w" + step, acct, 1 + r.nextLong(20_000),
                        PixPayee.registered("pix_key-" + "0".repeat(32), "phone", "sub-test"), "wk" + step, "h"));
            } else if (op < 99) {
                run.accept(r.nextBoolean() ? new Halt(market, HaltLevel.SOFT, "test") : new Resume(market, "test"));
            } else if (step > 3_000 && "BIN".equals(market)) {
                append.accept(new Finalized("EV-BIN", "categorical", null, "YES", false, "undisputed", now[0].toString()));
                run.accept(new Resume(market, "test"));
                run.accept(new Settle(market));
            }
        }
        MarketState replay = new MarketState();
        for (Logged l : log) {
            engine.evolve(replay, l.payload(), l.ts(), l.seq());
        }
        assertEquals(live.digest(), replay.digest());
        String text = replay.digest().toString();
        String hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        assertEquals(PINNED, hash + " over " + log.size() + " events, " + replay.orders + " fills, settled "
                + (replay.book("BIN").settlement != null));
    }
}

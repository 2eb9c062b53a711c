package io.mbp.market;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * Hand-written facts offered to {@link MarketEngine#admit} (what a raw {@code events append}
 * does): whatever it admits keeps every invariant once evolved, whatever it refuses leaves the
 * state untouched, and a repeated e2eid is never admitted.
 */
class AdmitPropertiesTest {
    private static final String[] ACCOUNTS = {"ana", "bia", "caio"};

    @Property(tries = 400)
    void admittedFactsKeepTheInvariantsAndRefusedOnesChangeNothing(
            @ForAll @Size(max = 60) List<@IntRange(min = 0, max = Integer.MAX_VALUE) Integer> ops) {
        MarketEngine engine = new MarketEngine();
        MarketState s = new MarketState();
        Instant now = Instant.parse("2026-11-27T12:00:00Z");
        long seq = 0;
        for (MarketEvent e : engine.decide(s, new MarketCommand.CreateMarket("M", "EV", List.of("YES", "NO"), 200, null, null,
                null, "lp", 1_000_000, "E-lp"), now)) {
            engine.evolve(s, e, now, seq++);
        }
        java.util.Set<String> credited = new java.util.HashSet<>(List.of("E-lp"));
        for (int op : ops) {
            String a = ACCOUNTS[op % 3];
            long amount = 1 + (op >>> 4) % 30_000;
            MarketEvent offered = switch ((op >>> 2) % 4) {
                case 0 -> new DepositReceived(a, amount, "E" + (op >>> 8) % 6);
                case 1 -> new OrderFilled("o", (op & 1) == 0 ? "M" : "X", a, (op & 2) == 0 ? "YES" : "NO", "buy", amount,
                        // the exact quote half the time, a made-up one otherwise
                        (op >>> 20) % 2 == 0 ? quote(s, op, amount) : amount * 2, amount, Fpmm.fee(amount, 200), null, null);
                case 2 -> new OrderFilled("o", "M", a, (op & 2) == 0 ? "YES" : "NO", "sell", amount % 5_000 + 1,
                        amount % 5_000 + 1, amount % 3_000 + 1, amount % 60, null, null);
                default -> new WithdrawalRequested("w" + (op >>> 8) % 6, a, amount, PixPayee.registered("pix_key-" + "0".repeat(32), "phone", "sub-test"), null, null);
            };
            Map<String, Object> before = s.digest();
            boolean admitted;
            try {
                engine.admit(s, offered, now);
                admitted = true;
            } catch (MarketRejected r) {
                admitted = false;
            }
            assertEquals(before, s.digest(), "admit never changes the state");
            if (admitted) {
                if (offered instanceof DepositReceived d) {
                    assertTrue(credited.add(d.e2eid()), "e2eid " + d.e2eid() + " admitted twice");
                }
                engine.evolve(s, offered, now, seq++);
                assertEquals(List.of(), Invariants.check(s), "after admitting " + offered);
            }
            now = now.plusSeconds(61);
        }
    }

    private static long quote(MarketState s, int op, long amount) {
        MarketState.Book b = s.book("M");
        try {
            return Fpmm.buy(b.pool, (op & 2) == 0 ? 0 : 1, amount, 200).shares();
        } catch (MarketRejected r) {
            return 1;
        }
    }
}

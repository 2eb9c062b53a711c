package io.mbp.market;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.mbp.market.MarketCommand.CreateMarket;
import io.mbp.market.MarketCommand.Deposit;
import io.mbp.market.MarketCommand.Withdraw;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Issue 19, defects 2 and 3: ids are refused by decide (so by the API and the CLI alike), never rewritten later. */
class MarketIdsTest {
    private final MarketEngine engine = new MarketEngine();
    private final MarketState s = new MarketState();
    private final Instant now = Instant.parse("2026-11-27T12:00:00Z");

    private void run(MarketCommand c) {
        for (MarketEvent e : engine.decide(s, c, now)) {
            engine.evolve(s, e, now, -1);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"x/1", "../../etc", "a b/c\u0000", "-starts-with-dash", "wd\n1", "wd-é",
            "wwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwww"})
    void aWithdrawalIdOutsideTheRuleIsRefusedNamingTheField(String id) {
        run(new Deposit("ana", 10_000, "E1", null, null));
        String before = s.digest().toString();
        MarketRejected r = assertThrows(MarketRejected.class,
                () -> engine.decide(s, new Withdraw(id, "ana", 100, PixPayee.registered("pix_key-" + "0".repeat(32), "phone", "sub-test"), "k", "h"), now));
        assertEquals(Reject.INVALID_FIELD, r.code());
        assertEquals("withdrawal_id", r.field());
        assertEquals(before, s.digest().toString());
    }

    @Test
    void idsUpToTheLimitWithEveryAllowedCharacterAreAccepted() {
        String longest = "W" + "x".repeat(62) + "1";
        assertEquals(64, longest.length());
        run(new Deposit("ana", 10_000, "E1", null, null));
        run(new Withdraw(longest, "ana", 100, PixPayee.registered("pix_key-" + "0".repeat(32), "phone", "sub-test"), null, null));
        run(new Withdraw("x_1", "ana", 100, PixPayee.registered("pix_key-" + "0".repeat(32), "phone", "sub-test"), null, null));
        run(new Withdraw("x:1", "ana", 100, PixPayee.registered("pix_key-" + "0".repeat(32), "phone", "sub-test"), null, null));
        run(new Withdraw("x.1@b-2", "ana", 100, PixPayee.registered("pix_key-" + "0".repeat(32), "phone", "sub-test"), null, null));
        assertEquals(10_000 - 400, s.cash("ana"));
    }

    @Test
    void marketAndAccountIdsFollowTheSameRule() {
        String market = "M".repeat(64);
        run(new CreateMarket(market, "EV", List.of("YES", "NO"), 200, null, null, null, "lp", 100_000, "E-M"));
        MarketRejected tooLong = assertThrows(MarketRejected.class, () -> engine.decide(s,
                new CreateMarket(market + "M", "EV", List.of("YES", "NO"), 200, null, null, null, "lp", 100_000, "E-M2"), now));
        assertEquals("market", tooLong.field());
        MarketRejected slash = assertThrows(MarketRejected.class,
                () -> engine.decide(s, new Deposit("ana/1", 100, "E2", null, null), now));
        assertEquals(Reject.INVALID_FIELD, slash.code());
        assertEquals("account", slash.field());
    }
}

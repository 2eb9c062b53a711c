package io.mbp.payout;

import io.mbp.market.PixPayee;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mbp.market.SettlementPayout;
import io.mbp.market.WithdrawalRequested;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.UniqueElements;

/** Two different sources never share one instruction id (ADR 0506). */
class PayoutIdsPropertiesTest {
    private static final List<String> ORIGINS = List.of(PayoutSource.WITHDRAWAL, PayoutSource.SETTLEMENT);

    /** Ids that look alike: a tiny alphabet rich in separators, and long ones that share a prefix. */
    @Provide
    Arbitrary<String> ids() {
        Arbitrary<String> tiny = Arbitraries.strings().withChars("ab:_@/. \u0000").ofMinLength(1).ofMaxLength(6);
        Arbitrary<String> longs = Arbitraries.strings().withChars("xy_").ofMinLength(0).ofMaxLength(8)
                .map(s -> "M".repeat(58) + s);
        Arbitrary<String> any = Arbitraries.strings().ofMinLength(1).ofMaxLength(80); // any UTF-16, lone surrogates too
        return Arbitraries.oneOf(tiny, longs, any);
    }

    @Provide
    Arbitrary<PayoutSource> sources() {
        return Combinators.combine(Arbitraries.of(ORIGINS), ids(), ids()).as(PayoutSource::new);
    }

    @Property(tries = 3000)
    void differentSourcesNeverShareAnIdOrAnEncoding(@ForAll("sources") PayoutSource a, @ForAll("sources") PayoutSource b) {
        Assume.that(!a.equals(b));
        assertNotEquals(a.instructionId("po-"), b.instructionId("po-"), a + " vs " + b);
        assertTrue(!Arrays.equals(a.encoding(), b.encoding()), a + " vs " + b);
    }

    @Property(tries = 1000)
    void everyIdIsAValidInstructionIdAndAFunctionOfTheSource(@ForAll("sources") PayoutSource a) {
        String id = a.instructionId("po-w-");
        assertEquals(61, id.length());
        assertEquals(id, new PayoutSource(a.origin(), a.ref(), a.account()).instructionId("po-w-"));
        new PayoutInstructed(id, "acct", PixPayee.legacy("key"), 1, a.origin(), "ref"); // the event's own id rule holds
    }

    /** Through the origins: distinct settlement payouts and withdrawals get distinct instructions. */
    @Property(tries = 300)
    void originsGiveEveryDistinctEventItsOwnInstruction(
            @ForAll @Size(min = 2, max = 30) @UniqueElements List<@net.jqwik.api.From("pairs") List<String>> pairs) {
        Map<String, List<String>> seen = new HashMap<>();
        Map<String, PixPayee> keys = new HashMap<>();
        pairs.forEach(p -> keys.put(p.get(1), PixPayee.legacy("key")));
        SettlementOrigin settlement = new SettlementOrigin(new PixKeys(keys));
        WithdrawalOrigin withdrawal = new WithdrawalOrigin();
        for (List<String> p : pairs) {
            String market = p.get(0);
            String account = p.get(1);
            String s = settlement.instructionFor(new SettlementPayout(market + ":" + account, market, account, 1, 1, 0, 0))
                    .orElseThrow().instructionId();
            String w = withdrawal.instructionFor(WithdrawalRequested.legacy(market, account, 1, "key")).orElseThrow()
                    .instructionId();
            assertEquals(null, seen.put(s, p), "settlement " + p + " shares " + s + " with " + seen.get(s));
            assertEquals(null, seen.put(w, p), "withdrawal " + p + " shares " + w + " with " + seen.get(w));
        }
    }

    @Provide
    Arbitrary<List<String>> pairs() {
        Arbitrary<String> id = Arbitraries.oneOf(
                Arbitraries.strings().withChars("XYz_:@/").ofMinLength(1).ofMaxLength(4),
                Arbitraries.strings().withChars("ab").ofMinLength(0).ofMaxLength(3).map(s -> "M".repeat(60) + s));
        return Combinators.combine(id, id).as(List::of);
    }
}

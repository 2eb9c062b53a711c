package io.mbp.recon;

import io.mbp.statement.StatementLine;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MatcherTest {
    static final LocalDate D = LocalDate.parse("2026-11-27");
    static int n;

    static Movement mv(String key, char dir, long amount, String e2e, String ref, String party) {
        return new Movement(key, D, dir, amount, e2e, ref, party, "X", false);
    }

    static StatementLine ln(char dir, long amount, String e2e, String ref, String party, String kind) {
        n++;
        return new StatementLine(n, "L" + n, "acct", D, D, dir, amount, e2e, ref, party, kind);
    }

    static List<String> kinds(Matcher.Result r) {
        return r.exceptions().stream().map(ReconExceptionRaised::kind).sorted().toList();
    }

    @Test
    void e2eidThenReferenceThenAmountDateCounterparty() {
        List<Movement> e = List.of(
                mv("pay:1", 'D', 1000, "E1", "po-1", "a1"),
                mv("fee:1", 'D', 10, "", "FEE-po-1", "PSP"),
                mv("dep:x", 'C', 500, "E9", "", "a2"));
        List<StatementLine> l = List.of(
                ln('D', 1000, "E1", "po-1", "a1", "PIX_OUT"),
                ln('D', 10, "", "FEE-po-1", "PSP", "FEE"),
                ln('C', 500, "", "", "a2", "PIX_IN"));
        Matcher.Result r = Matcher.match(D, e, l, Set.of());
        assertEquals(List.of("e2eid", "reference", "amount+date+counterparty"),
                r.matches().stream().map(Matcher.Match::rule).toList());
        assertEquals(List.of(), r.exceptions());
        assertEquals(3, r.matchedLines());
        assertEquals(1510, r.matchedAmount());
    }

    @Test
    void batchedCreditsNto1AndSplit1toN() {
        List<Movement> e = List.of(
                mv("dep:a", 'C', 300, "Ea", "", "a1"),
                mv("dep:b", 'C', 700, "Eb", "", "a1"),
                mv("pay:2", 'D', 900, "", "", "a3"));
        List<StatementLine> l = List.of(
                ln('C', 1000, "", "LOTE-a1", "a1", "PIX_IN"),
                ln('D', 400, "", "", "a3", "PIX_OUT"),
                ln('D', 500, "", "", "a3", "PIX_OUT"));
        Matcher.Result r = Matcher.match(D, e, l, Set.of());
        assertEquals(List.of(), r.exceptions());
        assertEquals(List.of("amount+date+counterparty N:1", "amount+date+counterparty 1:N"),
                r.matches().stream().map(Matcher.Match::rule).toList());
        assertEquals(List.of("dep:a", "dep:b"), r.matches().get(0).movementKeys());
        assertEquals(3, r.matchedLines());
    }

    @Test
    void zeroToleranceAndEveryExceptionClass() {
        List<Movement> e = new ArrayList<>(List.of(
                mv("pay:1", 'D', 1000, "E1", "po-1", "a1"),     // amount mismatch (999 booked)
                mv("pay:2", 'D', 2000, "E2", "po-2", "a2"),     // duplicate line
                mv("pay:3", 'D', 3000, "E3", "po-3", "a3"),     // missing
                mv("pay:4", 'D', 4000, "E4", "po-4", "a4")));   // late: on the next statement
        List<StatementLine> l = List.of(
                ln('D', 999, "E1", "po-1", "a1", "PIX_OUT"),
                ln('D', 2000, "E2", "po-2", "a2", "PIX_OUT"),
                ln('D', 2000, "E2", "po-2", "a2", "PIX_OUT"),
                ln('C', 2000, "D2", "E2", "a2", "RETURN"),
                ln('C', 77, "E77", "", "zz", "PIX_IN"));
        Matcher.Result r = Matcher.match(D, e, l, Set.of("E4"));
        assertEquals(List.of("amount_mismatch", "duplicate", "late", "missing", "returned", "unexpected"), kinds(r));
        assertEquals(1, r.matchedLines());
        // Deterministic: the same inputs give the same exception ids.
        assertEquals(r.exceptions(), Matcher.match(D, e, l, Set.of("E4")).exceptions());
        assertTrue(r.exceptions().stream().allMatch(x -> x.exceptionId().matches("RX-20261127-[0-9a-f]{10}")));
    }

    @Test
    void carriedMovementsAbsorbLateLinesButAreNeverMissing() {
        Movement carried = new Movement("pay:9", D.minusDays(1), 'D', 900, "E9", "po-9", "a9", "PIX_OUT", true);
        Movement carried2 = new Movement("pay:8", D.minusDays(1), 'D', 800, "E8", "po-8", "a8", "PIX_OUT", true);
        Matcher.Result r = Matcher.match(D, List.of(carried, carried2), List.of(ln('D', 900, "E9", "po-9", "a9", "PIX_OUT")),
                Set.of());
        assertEquals(1, r.matchedLines());
        assertEquals(List.of(), r.exceptions());
    }
}

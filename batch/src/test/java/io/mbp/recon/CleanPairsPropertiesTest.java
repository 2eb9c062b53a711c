package io.mbp.recon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mbp.statement.StatementLine;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/**
 * ADR 0121: taking the clean E2EID pairs out first and giving the Matcher only the rest must give the
 * same exceptions (same ids, same order), the same matched lines and amount, and the same matches as
 * the Matcher over everything. Small alphabets make duplicates, shared ids across directions,
 * amount mismatches, 1:N splits, references and counterparty batches common.
 */
class CleanPairsPropertiesTest {
    static final LocalDate D = LocalDate.parse("2026-11-27");

    record Row(char dir, long amount, String e2e, String ref, String party, boolean carried) {
    }

    @Provide
    Arbitrary<Row> rows() {
        return rowArbitrary();
    }

    /** Small rows with colliding ids, refs and amounts, so pairs, ties and exceptions all occur (DailyCleanPairsTest too). */
    static Arbitrary<Row> rowArbitrary() {
        return Combinators.combine(Arbitraries.of('C', 'D'), Arbitraries.of(100L, 200L, 300L, 500L),
                Arbitraries.of("", "", "E1", "E2", "E3", "E4", "E5", "E6", "Eé7"), Arbitraries.of("", "po-1", "po-2", "po-3"),
                Arbitraries.of("", "a1", "a2"), Arbitraries.of(false, false, false, true)).as(Row::new);
    }

    static List<Movement> movements(List<Row> ledger) {
        List<Movement> ms = new ArrayList<>();
        for (int i = 0; i < ledger.size(); i++) {
            Row r = ledger.get(i);
            ms.add(new Movement("m" + i, D, r.dir(), r.amount(), r.e2e(), r.ref(), r.party(), "X", r.carried()));
        }
        return ms;
    }

    static List<StatementLine> lines(List<Row> statement) {
        List<StatementLine> ls = new ArrayList<>();
        for (int j = 0; j < statement.size(); j++) {
            Row r = statement.get(j);
            ls.add(new StatementLine(j + 1, "L" + j, "acct", D, D, r.dir(), r.amount(), r.e2e(), r.ref(), r.party(),
                    r.carried() ? "RETURN" : "PIX_OUT"));
        }
        return ls;
    }

    @Property(tries = 400)
    void sameOutcomeAsTheMatcherAlone(@ForAll @Size(max = 14) List<@From("rows") Row> ledger,
                                      @ForAll @Size(max = 14) List<@From("rows") Row> statement) {
        List<Movement> ms = movements(ledger);
        List<StatementLine> ls = lines(statement);
        Matcher.Result whole = Matcher.match(D, ms, ls, Set.of("E5", "po-3"));

        CleanPairs.Result pairs = CleanPairs.pair(side(ms.stream().map(m -> new Object[] {m.e2eid(), m.direction(), m.amount()}).toList()),
                side(ls.stream().map(l -> new Object[] {l.e2eid(), l.direction(), l.amount()}).toList()));
        List<Movement> restE = new ArrayList<>();
        List<String> pairMatches = new ArrayList<>();
        for (int i = 0; i < ms.size(); i++) {
            if (!pairs.pairedMovements()[i]) {
                restE.add(ms.get(i));
            }
        }
        List<StatementLine> restL = new ArrayList<>();
        for (int j = 0; j < ls.size(); j++) {
            if (!pairs.pairedLines()[j]) {
                restL.add(ls.get(j));
            }
        }
        for (int i = 0; i < ms.size(); i++) {
            if (pairs.pairedMovements()[i]) {
                Movement m = ms.get(i);
                int j = indexOfPairedLine(ls, pairs, m.e2eid());
                pairMatches.add(new Matcher.Match(List.of(m.key()), List.of(ls.get(j).lineId()), "e2eid", m.amount(), 1).toString());
            }
        }
        Matcher.Result rest = Matcher.match(D, restE, restL, Set.of("E5", "po-3"));

        assertEquals(whole.exceptions(), rest.exceptions());
        assertEquals(whole.matchedLines(), rest.matchedLines() + pairs.matchedLines());
        assertEquals(whole.matchedAmount(), rest.matchedAmount() + pairs.matchedAmount());
        List<String> expected = new ArrayList<>(whole.matches().stream().map(Matcher.Match::toString).toList());
        List<String> got = new ArrayList<>(pairMatches);
        rest.matches().forEach(m -> got.add(m.toString()));
        expected.sort(null);
        got.sort(null);
        assertEquals(expected, got);
    }

    /** ADR 0130: the pairing split by hash into parts (one thread each) adds up to the pairing in one piece. */
    @Property(tries = 300)
    void partsAddUpToTheWhole(@ForAll @Size(max = 30) List<@From("rows") Row> ledger,
                              @ForAll @Size(max = 30) List<@From("rows") Row> statement,
                              @ForAll @net.jqwik.api.constraints.IntRange(min = 2, max = 5) int parts) {
        CleanPairs.Side m = side(ledger.stream().map(r -> new Object[] {r.e2e(), r.dir(), r.amount()}).toList());
        CleanPairs.Side l = side(statement.stream().map(r -> new Object[] {r.e2e(), r.dir(), r.amount()}).toList());
        CleanPairs.Result whole = CleanPairs.pair(m, l);
        CleanPairs.Result sum = CleanPairs.pair(m, l, 0, parts);
        for (int p = 1; p < parts; p++) {
            sum = sum.plus(CleanPairs.pair(m, l, p, parts));
        }
        assertEquals(booleans(whole.pairedMovements()), booleans(sum.pairedMovements()));
        assertEquals(booleans(whole.pairedLines()), booleans(sum.pairedLines()));
        assertEquals(whole.matchedLines(), sum.matchedLines());
        assertEquals(whole.matchedAmount(), sum.matchedAmount());
    }

    @Test
    void onlyOneToOneSameDirectionSameAmountIsClean() {
        // E1 clean; E2 two lines; E3 amount differs; E4 direction differs; E5 two movements; "" never.
        CleanPairs.Result r = CleanPairs.pair(
                side(List.of(row("E1", 'C', 100), row("E2", 'C', 100), row("E3", 'D', 100), row("E4", 'C', 100),
                        row("E5", 'C', 1), row("E5", 'C', 1), row("", 'C', 7))),
                side(List.of(row("E2", 'C', 100), row("E4", 'D', 100), row("E1", 'C', 100), row("E2", 'C', 100),
                        row("E3", 'D', 101), row("E5", 'C', 1), row("", 'C', 7))));
        assertEquals(List.of(true, false, false, false, false, false, false), booleans(r.pairedMovements()));
        assertEquals(List.of(false, false, true, false, false, false, false), booleans(r.pairedLines()));
        assertEquals(1, r.matchedLines());
        assertEquals(100, r.matchedAmount());
    }

    @Test
    void manyIdsWithCollidingPrefixesAllPair() {
        List<Object[]> m = new ArrayList<>();
        List<Object[]> l = new ArrayList<>();
        for (int i = 0; i < 50_000; i++) {
            m.add(row("E6070119020261127120000000" + i, i % 7 == 0 ? 'D' : 'C', i));
            l.add(0, row("E6070119020261127120000000" + i, i % 7 == 0 ? 'D' : 'C', i));
        }
        CleanPairs.Result r = CleanPairs.pair(side(m), side(l));
        assertEquals(50_000, r.matchedLines());
        assertEquals(50_000L * 49_999 / 2, r.matchedAmount());
        for (boolean b : r.pairedLines()) {
            assertTrue(b);
        }
    }

    private static int indexOfPairedLine(List<StatementLine> ls, CleanPairs.Result pairs, String e2e) {
        for (int j = 0; j < ls.size(); j++) {
            if (pairs.pairedLines()[j] && ls.get(j).e2eid().equals(e2e)) {
                return j;
            }
        }
        throw new AssertionError("no paired line for " + e2e);
    }

    private static Object[] row(String e2e, char dir, long amount) {
        return new Object[] {e2e, dir, amount};
    }

    private static List<Boolean> booleans(boolean[] b) {
        List<Boolean> out = new ArrayList<>();
        for (boolean x : b) {
            out.add(x);
        }
        return out;
    }

    /** Columns as a spill file would give them: all ids in one byte buffer. */
    private static CleanPairs.Side side(List<Object[]> rows) {
        int n = rows.size();
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        buf.write(0x7F); // ids never start at offset 0, like in a real file
        int[] off = new int[n];
        int[] len = new int[n];
        byte[] dir = new byte[n];
        long[] amount = new long[n];
        for (int i = 0; i < n; i++) {
            byte[] b = ((String) rows.get(i)[0]).getBytes(StandardCharsets.UTF_8);
            off[i] = buf.size();
            len[i] = b.length;
            buf.writeBytes(b);
            buf.write(0x2C);
            dir[i] = (byte) (char) rows.get(i)[1];
            amount[i] = (long) rows.get(i)[2];
        }
        return new CleanPairs.Side(n, buf.toByteArray(), off, len, dir, amount);
    }

    /** ADR 0139: the benchmark hashes E2EIDs from the CSV reader's chars; pairing compares their UTF-8 bytes. */
    @Property(tries = 500)
    void hashOfCharsIsTheHashOfTheirUtf8Bytes(@ForAll @Size(max = 40) String id, @ForAll @Size(max = 3) String pad) {
        String around = pad + id + pad;
        byte[] utf8 = id.getBytes(StandardCharsets.UTF_8);
        byte[] padded = (pad + id).getBytes(StandardCharsets.UTF_8);
        int at = pad.getBytes(StandardCharsets.UTF_8).length;
        int expected = CleanPairs.hash(utf8, 0, utf8.length);
        assertEquals(expected, CleanPairs.hash(around.toCharArray(), pad.length(), id.length()));
        assertEquals(expected, CleanPairs.hash(padded, at, utf8.length));
    }

    @Test
    void idsThatDifferInOneByteHashApart() {
        // the generated E2EIDs differ only in their last chars: every one of them must land on its own hash
        java.util.Set<Integer> seen = new java.util.HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            byte[] id = String.format("E60701190202611271200%011d", i).getBytes(StandardCharsets.US_ASCII);
            seen.add(CleanPairs.hash(id, 0, id.length));
        }
        assertTrue(seen.size() > 9_990, seen.size() + " distinct hashes of 10,000 ids");
    }
}

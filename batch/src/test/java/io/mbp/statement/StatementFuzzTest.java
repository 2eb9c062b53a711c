package io.mbp.statement;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.mbp.error.BadInputException;

/**
 * Fuzzes the statement readers of {@code mbp recon import} (docs/security.md): our CSV and
 * camt.053. A file is either a {@link Statement} or a {@link BadInputException} (exit 4); any
 * other throwable is a finding. What is read survives a round trip through the writers.
 */
class StatementFuzzTest {

    /** As `recon import` reads a file: the layout picked by content, then a round trip through both writers. */
    @FuzzTest(maxDuration = "1m")
    void read(byte[] input) {
        Statement s;
        try {
            s = StatementFormat.read(input, "fuzz.statement");
        } catch (BadInputException refused) {
            return;
        }
        if (s.lines().stream().allMatch(l -> l.booked() && !l.reversal())) {
            // our CSV carries booked lines and no balances
            assertSame(s.withBalances(java.util.List.of()), StatementFormat.readCsv(StatementFormat.writeCsv(s), "again.csv"));
        }
        if (xmlSafe(s)) {
            Statement b = s.opening().isPresent() && s.closing().isPresent() ? s : s.balancedFrom(0);
            assertSame(b, StatementFormat.readCamt053(StatementFormat.writeCamt053(b, "MSG-1", "2026-11-27T23:00:00Z"),
                    "again.xml"));
        }
    }

    /**
     * camt.053 trims element text, cannot carry XML-illegal characters and its schema bounds each text
     * (Max35Text, Max140Text; ADR 0508; a reference over 35 characters goes to RmtInf/Ustrd), and "L7/1", "L7/2" ids are the details of one batched entry,
     * so the camt round trip is asserted for values it can hold; the CSV round trip for every
     * statement of booked lines.
     */
    private static boolean xmlSafe(Statement s) {
        if (s.account().length() > 34) {
            return false;
        }
        for (StatementLine l : s.lines()) {
            if (l.lineId().length() > 35 || l.e2eid().length() > 35 || l.reference().length() > 140
                    || l.counterparty().length() > 140 || l.kind().length() > 35 || l.lineId().contains("/")) {
                return false;
            }
            for (String v : new String[] {l.lineId(), l.account(), l.e2eid(), l.reference(), l.counterparty()}) {
                if (!v.equals(v.strip()) || !v.codePoints().allMatch(StatementFuzzTest::xmlChar)) {
                    return false;
                }
            }
        }
        return true;
    }

    private static boolean xmlChar(int c) {
        // XML 1.0 characters, less CR (parsers normalise line ends) and DEL
        return c == 0x9 || c == 0xA || c >= 0x20 && c <= 0xD7FF && c != 0x7F || c >= 0xE000 && c <= 0xFFFD
                || c >= 0x10000 && c <= 0x10FFFF;
    }

    /** Equal statements; line numbers say where a line was in its file, so they are compared by position. */
    private static void assertSame(Statement expected, Statement actual) {
        assertEquals(byPosition(expected), byPosition(actual));
    }

    private static Statement byPosition(Statement s) {
        java.util.List<StatementLine> lines = new java.util.ArrayList<>();
        for (int i = 0; i < s.lines().size(); i++) {
            lines.add(s.lines().get(i).renumber(i + 1));
        }
        return new Statement(s.account(), s.date(), lines, s.balances());
    }
}

package io.mbp.statement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mbp.error.BadInputException;
import io.mbp.input.InputLimits;
import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class Cnab240Test {
    static final LocalDateTime AT = LocalDateTime.parse("2026-11-28T05:00:00");

    static List<String> records(Statement s) {
        return new ArrayList<>(Arrays.asList(new String(BankStatements.writeCnab240(s, AT), StandardCharsets.UTF_8)
                .split("\r\n")));
    }

    static Statement read(List<String> records) {
        return BankStatements.readCnab240(new StringReader(String.join("\r\n", records) + "\r\n"), "x.cnab240",
                InputLimits.STATEMENTS);
    }

    static String refused(List<String> records) {
        return assertThrows(BadInputException.class, () -> read(records)).getMessage();
    }

    static String set(String record, int from, String value) {
        return record.substring(0, from - 1) + value + record.substring(from - 1 + value.length());
    }

    @Test
    void everyRecordIs240CharactersOfTheFiveTypesInOrder() {
        List<String> r = records(StatementSamples.day());
        assertEquals(2 + 5 + 2, r.size());
        StringBuilder types = new StringBuilder();
        for (String x : r) {
            assertEquals(240, x.length(), x);
            types.append(x.charAt(7));
        }
        assertEquals("013333359", types.toString());
        assertEquals("E", r.get(2).substring(13, 14));
        // The E2EID sits in the document field (202-240), the amount in 151-168 as 9(16)V99.
        assertEquals("E60701190202611272000ZOTNIOH2EQL", r.get(2).substring(201, 233));
        assertEquals("000000000000003000D120", r.get(2).substring(150, 172));
    }

    @Test
    void whatIsWrittenReadsBackWithBalances() {
        Statement s = StatementSamples.day();
        Statement back = read(records(s));
        assertEquals(StatementSamples.byPosition(s), StatementSamples.byPosition(back));
        assertEquals(-2500, back.opening().orElseThrow().amount());
        assertEquals(s.closing(), back.closing());
        assertTrue(back.lines().get(4).reversal());
    }

    @Test
    void theImporterPicksCnabByContent() {
        byte[] data = BankStatements.writeCnab240(StatementSamples.day(), AT);
        StatementFormat.Parsed p = StatementFormat.parse(new ByteArrayInputStream(data), "x", InputLimits.STATEMENTS);
        assertEquals(StatementFormat.Layout.CNAB240, p.layout());
        assertEquals(5, p.statement().lines().size());
    }

    @Test
    void aLetterInAnAmountNamesRecordAndPosition() {
        List<String> r = records(StatementSamples.day());
        r.set(3, set(r.get(3), 160, "O"));
        assertEquals("x.cnab240: record 4, position 160 (amount, 151-168): must be digits, got '000000000O00000010'; "
                + "nothing was imported", refused(r));
    }

    @Test
    void aShortRecordNamesItsLength() {
        List<String> r = records(StatementSamples.day());
        r.set(2, r.get(2).substring(0, 239));
        assertTrue(refused(r).startsWith("x.cnab240: record 3, position 240: the record has 239 characters"), refused(r));
    }

    @Test
    void aBadDirectionDateOrCategoryIsNamed() {
        List<String> r = records(StatementSamples.day());
        r.set(2, set(r.get(2), 169, "X"));
        assertTrue(refused(r).startsWith("x.cnab240: record 3, position 169 (entry_type, 169-169): must be D or C"));
        r = records(StatementSamples.day());
        r.set(2, set(r.get(2), 143, "31022026"));
        assertTrue(refused(r).startsWith("x.cnab240: record 3, position 143 (entry_date, 143-150): must be a date DDMMAAAA"));
        r = records(StatementSamples.day());
        r.set(2, set(r.get(2), 170, "209"));
        assertTrue(refused(r).startsWith("x.cnab240: record 3, position 170 (category, 170-172): a debit's category is 1xx"));
    }

    @Test
    void trailerTotalsMustAgreeWithTheEntries() {
        List<String> r = records(StatementSamples.day());
        r.remove(3); // an entry lost in transit: the bank's control totals no longer agree
        r.set(2 + 3, set(r.get(2 + 3), 9, "00004")); // renumber the entries after it
        r.set(3, set(r.get(3), 9, "00002"));
        r.set(4, set(r.get(4), 9, "00003"));
        assertTrue(refused(r).startsWith("x.cnab240: record 7, position 171 (record_count, 171-176): says 7 but there are 6 "
                + "records in the batch"), refused(r));
    }

    @Test
    void entriesAreNumberedFromOne() {
        List<String> r = records(StatementSamples.day());
        r.set(3, set(r.get(3), 9, "00005"));
        assertTrue(refused(r).startsWith("x.cnab240: record 4, position 9 (record_seq, 9-13): must be 2"), refused(r));
    }

    @Test
    void aMissingTrailerOrASecondBatchIsRefused() {
        List<String> r = records(StatementSamples.day());
        r.remove(r.size() - 1);
        assertTrue(refused(r).startsWith("x.cnab240: record 9: the file ends where a file trailer"), refused(r));
        List<String> two = records(StatementSamples.day());
        two.add(8, two.get(1));
        assertTrue(refused(two).startsWith("x.cnab240: record 9, position 8 (record_type, 8-8): a second batch"), refused(two));
        List<String> after = records(StatementSamples.day());
        after.add("junk");
        assertTrue(refused(after).startsWith("x.cnab240: record 10, position 1: text after the file trailer"), refused(after));
    }

    @Test
    void aRecordOfTheWrongTypeIsNamed() {
        List<String> r = records(StatementSamples.day());
        r.set(1, set(r.get(1), 8, "3"));
        assertTrue(refused(r).startsWith("x.cnab240: record 2, position 8: record type '3' where a batch header"), refused(r));
    }

    @Test
    void tooManyEntriesStopAtTheLimit() {
        List<String> r = records(StatementSamples.day());
        BadInputException e = assertThrows(BadInputException.class, () -> BankStatements.readCnab240(
                new StringReader(String.join("\n", r)), "x", new InputLimits(1 << 20, 3, 1024)));
        assertTrue(e.getMessage().startsWith("x: record 6, position 8 (record_type, 8-8): more than the limit of 3 entries"),
                e.getMessage());
    }

    @Test
    void anAccountNotOfTheIspbBranchNumberFormIsNotWritten() {
        Statement s = new Statement("acct-1", StatementSamples.DAY, StatementSamples.day().lines());
        assertThrows(IllegalArgumentException.class, () -> BankStatements.writeCnab240(s, AT));
    }

    @Test
    void aDayWithoutEntriesIsABatchOfBalancesOnly() {
        Statement quiet = new Statement(StatementSamples.ACCOUNT, StatementSamples.DAY, List.of()).balancedFrom(-700);
        List<String> r = records(quiet);
        assertEquals(4, r.size());
        assertEquals(quiet, read(r));
    }
}

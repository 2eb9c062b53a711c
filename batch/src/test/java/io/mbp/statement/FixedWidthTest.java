package io.mbp.statement;

import static io.mbp.statement.FixedWidth.Type.NUM;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mbp.error.BadInputException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FixedWidthTest {
    static final FixedWidth T = new FixedWidth("test record", 10, FixedWidth.num("n", 1, 3),
            FixedWidth.fixed("t", 4, 4, NUM, "3"), FixedWidth.alfa("a", 5, 10));

    @Test
    void aTableWithAGapAnOverlapOrAShortEndIsRefusedWhenBuilt() {
        assertThrows(IllegalStateException.class, () -> new FixedWidth("gap", 5, FixedWidth.num("a", 1, 2),
                FixedWidth.num("b", 4, 5)));
        assertThrows(IllegalStateException.class, () -> new FixedWidth("overlap", 5, FixedWidth.num("a", 1, 3),
                FixedWidth.num("b", 3, 5)));
        assertThrows(IllegalStateException.class, () -> new FixedWidth("short", 5, FixedWidth.num("a", 1, 4)));
    }

    @Test
    void theCnabTablesTileTheirRecords() {
        // Built at class load: a table that does not tile 240 characters fails here.
        for (FixedWidth f : Cnab240Layout.BY_TYPE.values()) {
            FixedWidth.Field last = f.fields().get(f.fields().size() - 1);
            assertEquals(240, last.to(), f.name());
        }
    }

    @Test
    void formatPadsNumbersWithZerosAndTextWithBlanks() {
        assertEquals("0073ab    ", T.format(Map.of("n", "7", "a", "ab")));
        assertThrows(IllegalArgumentException.class, () -> T.format(Map.of("n", "1234")));
        assertThrows(IllegalArgumentException.class, () -> T.format(Map.of("n", "1a")));
    }

    @Test
    void parseReadsFieldsBack() {
        FixedWidth.Record r = T.parse("0423 xy z ", "f", 1);
        assertEquals(42, r.number("n"));
        assertEquals("xy z", r.alfa("a"));
    }

    @Test
    void aLetterInANumericFieldNamesRecordPositionAndField() {
        BadInputException e = assertThrows(BadInputException.class, () -> T.parse("0x23abcdef", "f.cnab", 7));
        assertEquals("f.cnab: record 7, position 2 (n, 1-3): must be digits, got '0x2'; nothing was imported", e.getMessage());
    }

    @Test
    void aWrongFixedValueOrLengthIsNamed() {
        BadInputException e = assertThrows(BadInputException.class, () -> T.parse("0425abcdef", "f", 2));
        assertTrue(e.getMessage().startsWith("f: record 2, position 4 (t, 4-4): must be '3', got '5'"), e.getMessage());
        e = assertThrows(BadInputException.class, () -> T.parse("0423abc", "f", 3));
        assertTrue(e.getMessage().startsWith("f: record 3, position 8: the record has 7 characters, a test record has 10"),
                e.getMessage());
    }
}

package io.mbp.input;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mbp.error.BadInputException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.junit.jupiter.api.Test;

class StrictCsvTest {
    static final List<String> COLUMNS = List.of("id", "name", "weight");
    static final InputLimits SMALL = new InputLimits(1 << 20, 3, 8);

    static List<StrictCsv.Row> rows(String text, InputLimits limits) {
        List<StrictCsv.Row> out = new ArrayList<>();
        StrictCsv.read(new StringReader(text), "f.csv", CSVFormat.DEFAULT, COLUMNS, limits, out::add);
        return out;
    }

    static String refused(String text, InputLimits limits) {
        return assertThrows(BadInputException.class, () -> rows(text, limits)).getMessage();
    }

    @Test
    void columnsByNameInAnyOrderWithPhysicalLineNumbers() {
        List<StrictCsv.Row> r = rows("\nweight,id,name\n1,a,A\n\n2,b,\"two\nlines\"\n3,c\n", InputLimits.DEFAULT);
        assertEquals(3, r.size());
        assertEquals(3, r.get(0).line(), "the blank line before the header counts");
        assertEquals("a", r.get(0).get("id"));
        assertEquals("1", r.get(0).get("weight"));
        assertEquals(5, r.get(1).line());
        assertEquals("two\nlines", r.get(1).get("name"));
        assertEquals(7, r.get(2).line(), "a quoted line break counts");
        assertTrue(!r.get(2).complete() && r.get(2).get("name") == null);
    }

    @Test
    void everyHeaderProblemIsNamedAtOnce() {
        assertEquals("f.csv: line 1: the header must name the columns id,name,weight (any order, each once): "
                + "column 4 has no name (a trailing comma?); nothing was written", refused("id,name,weight,\n", InputLimits.DEFAULT));
        assertEquals("f.csv: line 1: the header must name the columns id,name,weight (any order, each once): "
                + "column 2 has no name; column id appears twice; unknown column note; missing name; nothing was written",
                refused("id,,weight,id,note\n", InputLimits.DEFAULT));
        assertTrue(refused("", InputLimits.DEFAULT).startsWith("f.csv: the file is empty"));
        assertTrue(refused("\n\n", InputLimits.DEFAULT).startsWith("f.csv: the file is empty"));
    }

    @Test
    void brokenQuotingIsBadInputNamedByLine() {
        assertTrue(refused("id,name,weight\na,\"A,1\n", InputLimits.DEFAULT).startsWith("f.csv: line 2: not readable as CSV: "));
        assertTrue(refused("id,name,weight\na,\"A\"x,1\n", InputLimits.DEFAULT).startsWith("f.csv: line 2: not readable as CSV: "));
    }

    @Test
    void rowAndFieldLimitsAreNamed() {
        assertEquals(3, rows("id,name,weight\na,A,1\nb,B,2\nc,C,3\n", SMALL).size());
        assertEquals("f.csv: line 5: more than the limit of 3 rows for one input file (ADR 0507); nothing was written",
                refused("id,name,weight\na,A,1\nb,B,2\nc,C,3\nd,D,4\n", SMALL));
        assertEquals("f.csv: line 2: field name: 9 characters, over the limit of 8 (ADR 0507); nothing was written",
                refused("id,name,weight\na,ABCDEFGHI,1\n", SMALL));
        assertTrue(refused("id,name,weight,ABCDEFGHI\n", SMALL).startsWith("f.csv: line 1: header column 4: 9 characters"));
    }
}

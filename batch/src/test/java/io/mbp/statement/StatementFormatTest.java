package io.mbp.statement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mbp.error.BadInputException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

class StatementFormatTest {
    static final LocalDate D = LocalDate.parse("2026-11-27");

    static Statement sample(List<Long> amounts, String party) {
        List<StatementLine> lines = new ArrayList<>();
        for (int i = 0; i < amounts.size(); i++) {
            lines.add(new StatementLine(i + 1, "L" + (i + 1), "acct-1", D, D, i % 2 == 0 ? 'C' : 'D', amounts.get(i),
                    i % 3 == 0 ? "" : "E" + i, "ref,\"" + i, party, i % 2 == 0 ? "PIX_IN" : "PIX_OUT"));
        }
        return new Statement("acct-1", D, lines).balancedFrom(-12_345);
    }

    static List<StatementLine> strip(List<StatementLine> ls) {
        return ls.stream().map(l -> l.renumber(0)).toList();
    }

    @Property(tries = 50)
    void csvAndCamt053RoundTripExactly(@ForAll @Size(min = 1, max = 30) List<@LongRange(min = 1, max = 999_999_999_99L) Long> amounts,
                                       @ForAll @AlphaChars @StringLength(min = 1, max = 12) String party) {
        Statement s = sample(amounts, party + " & <Ltda>");
        Statement csv = StatementFormat.read(StatementFormat.writeCsv(s), "s.csv");
        Statement xml = StatementFormat.read(StatementFormat.writeCamt053(s, "M1", "2026-11-28T06:00:00Z"), "s.xml");
        assertEquals(strip(s.lines()), strip(csv.lines()));
        assertEquals(strip(s.lines()), strip(xml.lines()));
        assertEquals(s.balances(), xml.balances());
        assertEquals(s.total('C'), xml.total('C'));
    }

    @Test
    void malformedCsvLineIsNamed() {
        String csv = String.join(",", StatementFormat.CSV_HEADER) + "\n"
                + "acct-1,2026-11-27,2026-11-27,L1,D,100,E1,r,p,PIX_OUT\n"
                + "acct-1,2026-11-27,2026-11-27,L2,D,12.50,E2,r,p,PIX_OUT\n";
        BadInputException e = assertThrows(BadInputException.class,
                () -> StatementFormat.read(csv.getBytes(StandardCharsets.UTF_8), "st.csv"));
        assertTrue(e.getMessage().contains("st.csv: line 3: field amount_centavos"), e.getMessage());
        String mixed = String.join(",", StatementFormat.CSV_HEADER) + "\n"
                + "acct-1,2026-11-27,2026-11-27,L1,D,100,E1,r,p,PIX_OUT\n"
                + "acct-1,2026-11-28,2026-11-27,L2,D,100,E2,r,p,PIX_OUT\n";
        e = assertThrows(BadInputException.class, () -> StatementFormat.read(mixed.getBytes(StandardCharsets.UTF_8), "m.csv"));
        assertTrue(e.getMessage().contains("m.csv: line 3: field booking_date"), e.getMessage());
        // a signed or five-digit year parses as a LocalDate but is no statement's date (a fuzz finding: the camt
        // round trip of "-2026-11-27" failed); refused where it is read, with its field
        for (String year : new String[] {"-2026", "+2026", "+12026", "20261"}) {
            String signed = String.join(",", StatementFormat.CSV_HEADER) + "\n"
                    + "acct-1," + year + "-11-27,2026-11-27,L1,D,100,E1,r,p,PIX_OUT\n";
            e = assertThrows(BadInputException.class, () -> StatementFormat.read(signed.getBytes(StandardCharsets.UTF_8), "y.csv"));
            assertTrue(e.getMessage().contains("y.csv: line 2: field booking_date: must be a date like 2026-11-27"), e.getMessage());
        }
    }

    @Test
    void malformedCamtEntryIsNamedByLine() {
        String xml = new String(StatementFormat.writeCamt053(sample(List.of(100L, 200L), "p"), "M", "2026-11-28T06:00:00Z"),
                StandardCharsets.UTF_8).replace(">2.00<", ">2.005<");
        BadInputException e = assertThrows(BadInputException.class,
                () -> StatementFormat.read(xml.getBytes(StandardCharsets.UTF_8), "st.xml"));
        assertTrue(e.getMessage().matches("st\\.xml: line \\d+: field Amt: .*2\\.005.*"), e.getMessage());
        String broken = xml.substring(0, xml.length() / 2);
        e = assertThrows(BadInputException.class, () -> StatementFormat.read(broken.getBytes(StandardCharsets.UTF_8), "b.xml"));
        assertTrue(e.getMessage().startsWith("b.xml: line "), e.getMessage());
    }
}

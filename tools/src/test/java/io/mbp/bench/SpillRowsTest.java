package io.mbp.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.mbp.recon.CleanPairs;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.CharRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

/**
 * A spill row reads back as the fields it was written from {@link ReconCsv}'s UTF-8 byte slices, ASCII or
 * not, with the E2EID's hash stored beside it; a text over the 2-byte length is refused, one at the
 * limit is kept.
 */
class SpillRowsTest {
    /** A text's length is 2 bytes. */
    private static final int LIMIT = 0xFFFF;

    /** One row's six fields as {@link SpillRows.Columns#decode} gives them. */
    record Row(String key, String dir, long amount, String e2e, String ref, String cp) {
        String[] fields() {
            return new String[] {key, dir, Long.toString(amount), e2e, ref, cp};
        }
    }

    /** As the CSV reader hands them over: the fields are UTF-8 slices of one byte buffer, fields 1 and 2 unused. */
    private static byte[] asSlices(List<Row> rows) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (SpillRows.Writer w = new SpillRows.Writer(out)) {
            for (Row r : rows) {
                String[] f = {r.key(), "", "", r.e2e(), r.ref(), r.cp()};
                ByteArrayOutputStream line = new ByteArrayOutputStream();
                line.write('#');
                int[] off = new int[6];
                int[] len = new int[6];
                for (int k = 0; k < 6; k++) {
                    byte[] t = f[k].getBytes(StandardCharsets.UTF_8);
                    off[k] = line.size();
                    len[k] = t.length;
                    line.writeBytes(t);
                    line.write(',');
                }
                byte[] b = line.toByteArray();
                w.row(b, off, len, (byte) r.dir().charAt(0), r.amount(), CleanPairs.hash(b, off[3], len[3]));
            }
        }
        return out.toByteArray();
    }

    private static void assertReadsBack(List<Row> rows, byte[] written) {
        SpillRows.Columns c = SpillRows.read(written, written.length);
        assertEquals(rows.size(), c.n());
        for (int r = 0; r < rows.size(); r++) {
            assertArrayEquals(rows.get(r).fields(), c.decode(r), "row " + r);
            byte[] e2e = rows.get(r).e2e().getBytes(StandardCharsets.UTF_8);
            assertEquals(CleanPairs.hash(e2e, 0, e2e.length), c.side().hash()[r], "row " + r + ": the stored E2EID hash");
        }
    }

    private static Row row(String e2e) {
        return new Row("acct-1|2026-11-27", "C", 12_345, e2e, "ref", "cp");
    }

    // ASCII, Latin and a few CJK chars: the CSV reader decodes UTF-8, so it never hands over a lone surrogate
    @Property(tries = 200)
    void rowsReadBackAsWritten(@ForAll @Size(max = 20) List<@StringLength(max = 40) @CharRange(from = ' ', to = '~')
            @CharRange(from = '\u00a0', to = '\u024f') @CharRange(from = '\u4e00', to = '\u4e20') String> texts,
            @ForAll long amount) throws IOException {
        List<Row> rows = new ArrayList<>();
        for (int k = 0; k < texts.size(); k++) {
            String t = texts.get(k);
            rows.add(new Row("k" + k + t, k % 2 == 0 ? "C" : "D", amount + k, t, t + "é", "São " + t));
        }
        assertReadsBack(rows, asSlices(rows));
    }

    @Test
    void rowsOverManyBufferFlushesReadBack() throws IOException {
        List<Row> rows = new ArrayList<>();
        for (int k = 0; k < 5_000; k++) {
            rows.add(new Row("acct-" + k, "D", -k, "E2E" + "x".repeat(k % 97), k % 3 == 0 ? "Pagamento João " + k : "ref " + k, "cp"));
        }
        assertReadsBack(rows, asSlices(rows));
    }

    @Test
    void aTextOfExactlyTheLimitIsKeptAsciiOrNot() throws IOException {
        // 65,535 bytes: ASCII, and 'é' (2 bytes each) with one ASCII char to make it odd
        List<Row> rows = List.of(row("a".repeat(LIMIT)), row("é".repeat(LIMIT / 2) + "a"),
                row("after the long ones"));
        assertReadsBack(rows, asSlices(rows));
    }

    @Test
    void aTextOverTheLimitIsRefusedAsciiOrNot() {
        // one byte over, as ASCII chars; and fewer chars than the limit that take more bytes than it
        for (String e2e : new String[] {"a".repeat(LIMIT + 1), "é".repeat(LIMIT / 2 + 1)}) {
            List<Row> rows = List.of(row(e2e));
            IllegalArgumentException c = assertThrows(IllegalArgumentException.class, () -> asSlices(rows));
            assertEquals("a field longer than 65535 bytes", c.getMessage());
        }
    }
}

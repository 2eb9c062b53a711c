package io.mbp.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.mbp.error.BadInputException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/**
 * The byte-level reader of plain lines (ADR 0143) gives what FastCSV alone gives over the whole file
 * (ADR 0130): the same rows, fields, directions, amounts and line numbers, and the same refusal naming
 * the same file and line, on files that mix plain lines with quoted fields, quoted newlines, CRLF,
 * empty lines, UTF-8 that is and is not valid, stray CRs and every kind of bad row — read in chunks
 * small enough that lines cross them.
 */
class ReconCsvTest {
    /** What a sink saw, as text; or the refusal that ended the read. */
    private static List<String> read(Path file, boolean fastCsvOnly, int chunk) throws IOException {
        List<String> seen = new ArrayList<>();
        ReconCsv.RowSink sink = (b, off, len, d, amount, line) -> {
            StringBuilder r = new StringBuilder().append(line).append(':').append((char) d).append(':').append(amount);
            for (int k = 0; k < ReconCsv.FIELDS; k++) {
                r.append('|').append(new String(b, off[k], len[k], StandardCharsets.UTF_8));
            }
            seen.add(r.toString());
        };
        try {
            long rows;
            if (fastCsvOnly) {
                try (InputStream in = Files.newInputStream(file)) {
                    rows = ReconCsv.fastCsv(file, in, 0, true, sink);
                }
            } else {
                rows = ReconCsv.read(file, sink, chunk);
            }
            seen.add("rows " + rows);
        } catch (BadInputException e) {
            seen.add("refused: " + e.getMessage());
        }
        return seen;
    }

    private static final String[] NAMES = {"acct-1", "José", "São Paulo", "株式会社", "po-77", ""};

    /** One line (or more, for a quoted newline) of kind {@code kind}: most are plain, the rest one irregularity each. */
    private static void line(ByteArrayOutputStream out, int kind, SplittableRandom rnd) {
        String dir = rnd.nextBoolean() ? "C" : "D";
        String amount = Long.toString(rnd.nextLong(-1_000_000_000_000L, 1_000_000_000_000L));
        String e2e = "E" + Long.toString(rnd.nextLong(1L << 40), 36).toUpperCase();
        String cp = NAMES[rnd.nextInt(NAMES.length)];
        String plain = "m" + rnd.nextInt(1000) + "," + dir + "," + amount + "," + e2e + ",po-" + rnd.nextInt(99) + "," + cp;
        String text = switch (kind) {
            case 8 -> "m1," + dir + "," + amount + "," + e2e + ",\"po, \"\"quoted\"\"\"," + cp + "\n";
            case 9 -> "m2," + dir + "," + amount + ",\"" + e2e + "\nsecond line\",po-1," + cp + "\n";
            case 10 -> plain + "\r\n";
            case 11 -> rnd.nextBoolean() ? "\n" : "\r\n";
            case 12 -> new String[] {"m3,X," + amount + "," + e2e + ",po,cp\n", "m3," + dir + ",12x4," + e2e + ",po,cp\n",
                "m3," + dir + ",," + e2e + ",po,cp\n", "m3," + dir + ",1234567890123456789," + e2e + ",po,cp\n",
                "m3," + dir + ",-,e,po,cp\n", "m3,CD,1,e,po,cp\n"}[rnd.nextInt(6)];
            case 13 -> rnd.nextBoolean() ? "m4," + dir + "," + amount + "," + e2e + ",po\n" : plain + ",extra\n";
            case 14 -> "m5," + dir + "," + amount + "," + e2e + ",po,a\rb\n";
            case 15 -> "m6," + dir + "," + amount + "," + e2e + ",\"po\"x,cp\n";
            default -> plain + "\n";
        };
        out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
        if (kind == 16) { // bytes that are not UTF-8 in a plain line
            out.writeBytes(new byte[] {'m', '7', ',', 'C', ',', '1', ',', 'E', (byte) 0xFF, ',', 'p', ',', (byte) 0xC3, '\n'});
        }
    }

    @Property(tries = 400)
    void plainLinesAsBytesReadAsFastCsvReadsTheWholeFile(
            @ForAll @Size(max = 40) List<@IntRange(min = 0, max = 24) Integer> kinds, @ForAll long seed,
            @ForAll boolean lastNewline, @ForAll boolean quotedHeader, @ForAll @IntRange(min = 1, max = 64) int chunk)
            throws IOException {
        SplittableRandom rnd = new SplittableRandom(seed);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes((quotedHeader ? "\"key\",direction,amount,e2eid,reference,counterparty\n"
                : "key,direction,amount,e2eid,reference,counterparty\n").getBytes(StandardCharsets.UTF_8));
        for (int kind : kinds) {
            line(out, kind, rnd);
        }
        byte[] bytes = out.toByteArray();
        if (!lastNewline && bytes[bytes.length - 1] == '\n') {
            bytes = java.util.Arrays.copyOf(bytes, bytes.length - 1);
        }
        Path file = Files.createTempFile("recon-csv", ".csv");
        try {
            Files.write(file, bytes);
            assertEquals(read(file, true, 0), read(file, false, chunk));
        } finally {
            Files.delete(file);
        }
    }

    @Test
    void aBadRowAfterAQuotedOneIsRefusedAtItsOwnLine() throws IOException {
        Path file = Files.createTempFile("recon-csv", ".csv");
        try {
            Files.writeString(file, "key,direction,amount,e2eid,reference,counterparty\nm1,C,1,E1,po,cp\n"
                    + "m2,C,2,E2,\"po\nstill po\",cp\nm3,C,3,E3,po,cp\nm4,C,4x,E4,po,cp\n");
            List<String> seen = read(file, false, 8);
            assertEquals(List.of("2:C:1|m1|C|1|E1|po|cp", "3:C:2|m2|C|2|E2|po\nstill po|cp", "5:C:3|m3|C|3|E3|po|cp",
                    "refused: " + file + " line 6: amount must be a whole number of centavos (up to 18 digits)"), seen);
        } finally {
            Files.delete(file);
        }
    }
}

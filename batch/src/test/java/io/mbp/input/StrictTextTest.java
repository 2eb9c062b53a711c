package io.mbp.input;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mbp.error.BadInputException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StrictTextTest {
    static final InputLimits SMALL = new InputLimits(64 * 1024, 1_000, 64);

    @TempDir
    Path tmp;

    static String readAll(byte[] data, InputLimits limits) throws IOException {
        try (Reader r = StrictText.reader(new ByteArrayInputStream(data), "f.txt", limits)) {
            StringWriter w = new StringWriter();
            r.transferTo(w);
            return w.toString();
        }
    }

    @Property(tries = 200)
    void validUtf8ReadsBackExactlyWhateverTheChunking(@ForAll String text) throws IOException {
        String clean = text.codePoints().filter(c -> c != 0xFEFF && !Character.isSurrogate((char) c) || c > 0xFFFF)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        String big = clean.repeat(1 + 20_000 / Math.max(1, clean.length()));
        assertEquals(big, readAll(big.getBytes(StandardCharsets.UTF_8), InputLimits.DEFAULT));
    }

    @Property(tries = 50)
    void aBadByteIsNamedByItsLineEvenPastTheFirstBuffer(@ForAll @IntRange(min = 1, max = 5_000) int badLine,
                                                        @ForAll @IntRange(min = 0xF8, max = 0xFF) int bad) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (int i = 1; i < badLine; i++) {
            b.writeBytes(("línea " + i + "\n").getBytes(StandardCharsets.UTF_8));
        }
        b.writeBytes("abc".getBytes(StandardCharsets.UTF_8));
        b.write(bad);
        b.writeBytes("\nmore\n".getBytes(StandardCharsets.UTF_8));
        BadInputException e = assertThrows(BadInputException.class, () -> readAll(b.toByteArray(), InputLimits.DEFAULT));
        assertTrue(e.getMessage().startsWith("f.txt: line " + badLine + ": not valid UTF-8 (byte 0x"
                + Integer.toHexString(bad).toUpperCase() + " at byte offset " + (b.size() - 7) + ")"), e.getMessage());
    }

    @Test
    void overlongEncodedSurrogatesAndTruncatedSequencesAreRefused() {
        for (byte[] bad : new byte[][] {{(byte) 0xC0, (byte) 0x80}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
            {'a', (byte) 0xE2, (byte) 0x82}, {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}}) {
            BadInputException e = assertThrows(BadInputException.class, () -> readAll(bad, InputLimits.DEFAULT));
            assertTrue(e.getMessage().startsWith("f.txt: line 1: not valid UTF-8"), e.getMessage());
        }
    }

    @Test
    void aLeadingByteOrderMarkIsSkippedAndOnlyThatOne() throws IOException {
        assertEquals("a\uFEFFb", readAll("\uFEFFa\uFEFFb".getBytes(StandardCharsets.UTF_8), InputLimits.DEFAULT));
        assertEquals("", readAll("\uFEFF".getBytes(StandardCharsets.UTF_8), InputLimits.DEFAULT));
        assertEquals("", readAll(new byte[0], InputLimits.DEFAULT));
    }

    @Test
    void aStreamPastTheByteLimitIsRefusedWithoutReadingFurther() {
        long[] served = new long[1];
        // An endless input (a pipe, a file still growing): only the limit and one buffer may be read.
        java.io.InputStream endless = new java.io.InputStream() {
            @Override
            public int read() {
                served[0]++;
                return 'x';
            }

            @Override
            public int read(byte[] b, int off, int len) {
                java.util.Arrays.fill(b, off, off + len, (byte) 'x');
                served[0] += len;
                return len;
            }
        };
        BadInputException e = assertThrows(BadInputException.class, () -> {
            try (Reader r = StrictText.reader(endless, "pipe", SMALL)) {
                r.transferTo(Writer.nullWriter());
            }
        });
        assertEquals("pipe: larger than the limit of 65,536 bytes for one input file (ADR 0507); nothing was written",
                e.getMessage());
        assertTrue(served[0] <= SMALL.maxBytes() + 8192, "read " + served[0] + " bytes");
    }

    @Test
    void aFileLargerThanTheLimitIsRefusedBeforeItIsOpened() throws IOException {
        Path big = tmp.resolve("big.csv");
        try (var f = new java.io.RandomAccessFile(big.toFile(), "rw")) {
            f.setLength(8L << 30); // sparse: 8 GiB that would take seconds to read, and no disk
        }
        BadInputException e = assertThrows(BadInputException.class, () -> StrictText.open(big, "big.csv", InputLimits.DEFAULT));
        assertEquals("big.csv: larger than the limit of 67,108,864 bytes (64 MiB) for one input file (ADR 0507); "
                + "nothing was written", e.getMessage());
        Path small = tmp.resolve("small.csv");
        Files.writeString(small, "x".repeat(65_537));
        e = assertThrows(BadInputException.class, () -> {
            try (Reader r = StrictText.open(small, "small.csv", SMALL)) {
                r.transferTo(Writer.nullWriter());
            }
        });
        assertTrue(e.getMessage().startsWith("small.csv: larger than the limit of 65,536 bytes"), e.getMessage());
        e = assertThrows(BadInputException.class, () -> StrictText.open(tmp.resolve("none.csv"), "none.csv", SMALL));
        assertEquals("none.csv: no such file", e.getMessage());
    }
}

package io.mbp.bench;

import de.siegmar.fastcsv.reader.AbstractBaseCsvCallbackHandler;
import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import io.mbp.error.BadInputException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * Reads one of the recon benchmark's CSVs ({@code id, direction, amount, e2eid, reference,
 * counterparty} after a header). The file's bytes are split on the spot while every record is a
 * plain line: no quote, no stray CR, exactly six fields, a valid direction and amount, ASCII or
 * valid UTF-8 (ADR 0143). That is all such a line can mean in CSV, so FastCSV would give the same
 * fields; the first record that is anything else — a quote, an empty line, a bad row — and the rest
 * of the file go to FastCSV (ADR 0130), which reads them, or refuses them naming the file and line,
 * exactly as it did before. The sink sees each record's fields as UTF-8 byte slices either way.
 */
final class ReconCsv {
    private ReconCsv() {
    }

    static final int FIELDS = 6;

    private static final java.lang.invoke.VarHandle LONGS =
            java.lang.invoke.MethodHandles.byteArrayViewVarHandle(long[].class, java.nio.ByteOrder.LITTLE_ENDIAN);

    /** One data record: field {@code k} is the UTF-8 bytes {@code buf[off[k] .. off[k]+len[k])}; {@code line} is where it starts. */
    interface RowSink {
        void row(byte[] buf, int[] off, int[] len, byte dir, long amount, long line) throws IOException;
    }

    /** Streams {@code file} into {@code sink}; returns the data records read. Bad input names the file and line. */
    static long read(Path file, RowSink sink) throws IOException {
        return read(file, sink, 1 << 20);
    }

    /** {@link #read(Path, RowSink)} with the plain lines read {@code chunk} bytes at a time (a test's small chunks cross lines). */
    static long read(Path file, RowSink sink, int chunk) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            Lines plain = new Lines(ch, sink, chunk);
            plain.run();
            if (plain.stopAt < 0) {
                return plain.rows;
            }
            ch.position(plain.stopAt);
            return plain.rows + fastCsv(file, Channels.newInputStream(ch), plain.line - 1, plain.header, sink);
        }
    }

    /** FastCSV from where the plain lines stopped: {@code linesBefore} lines were read before {@code in}'s first byte. */
    static long fastCsv(Path file, InputStream in, long linesBefore, boolean header, RowSink sink) throws IOException {
        Handler h = new Handler(file, sink, linesBefore, header);
        try (CsvReader<Object> csv = CsvReader.builder().allowExtraFields(true).allowMissingFields(true)
                .build(h, in, StandardCharsets.UTF_8)) {
            for (Object ignored : csv) {
                // the handler hands each record to the sink as it is built
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        } catch (CsvParseException e) {
            // FastCSV wraps what the handler throws; ours already names the file and line.
            if (e.getCause() instanceof BadInputException b) {
                throw b;
            }
            if (e.getCause() instanceof UncheckedIOException u) {
                throw u.getCause();
            }
            // FastCSV's own message counts lines from where it started: ours counts them from the file's first byte.
            throw new BadInputException(file + " line " + h.line + ": not valid CSV (text after a closing quote,"
                    + " or a quote left open)", e);
        }
        return h.rows;
    }

    /** The plain-line fast path over the file's bytes; {@code stopAt} is the byte where FastCSV must take over (-1: never). */
    private static final class Lines {
        private final FileChannel ch;
        private final RowSink sink;
        private byte[] buf;
        private final int[] off = new int[FIELDS];
        private final int[] len = new int[FIELDS];
        private long base; // file offset of buf[0]
        long stopAt = -1;
        long line = 1;
        long rows;
        boolean header = true;

        Lines(FileChannel ch, RowSink sink, int chunk) {
            this.buf = new byte[chunk];
            this.ch = ch;
            this.sink = sink;
        }

        private static final int MORE = -1;
        private static final int STOP = -2;

        void run() throws IOException {
            int start = 0;
            int end = 0;
            boolean eof = false;
            while (true) {
                int next = start < end ? record(start, end) : MORE;
                if (next == STOP) {
                    stopAt = base + start;
                    return;
                }
                if (next != MORE) {
                    line++;
                    start = next;
                    continue;
                }
                if (eof) {
                    if (start < end) {
                        stopAt = base + start; // a last line without its newline: FastCSV's
                    }
                    return;
                }
                if (start > 0) {
                    System.arraycopy(buf, start, buf, 0, end - start);
                    base += start;
                    end -= start;
                    start = 0;
                } else if (end == buf.length) {
                    buf = Arrays.copyOf(buf, buf.length * 2);
                }
                int n = ch.read(java.nio.ByteBuffer.wrap(buf, end, buf.length - end));
                if (n < 0) {
                    eof = true;
                } else {
                    end += n;
                }
            }
        }

        /**
         * The line at {@code buf[from..]}, in one pass: handed to the sink if it is a plain, valid record,
         * returning where the next line starts; {@link #MORE} if its newline is not in {@code buf[..end)} yet;
         * {@link #STOP} (nothing handed) if it is anything else.
         */
        private int record(int from, int end) throws IOException {
            // Locals, not fields, in the scan: the benchmark runs C1 only (ADR 0149), which reloads a field on every use.
            byte[] buf = this.buf;
            int[] off = this.off;
            int[] len = this.len;
            int f = 0;
            long bits = 0;
            off[0] = from;
            int k = from;
            int to = -1;
            while (true) {
                if (k + 8 <= end) {
                    // Eight bytes at a time: a word with no byte below '-' (',' '\n' '\r' '"' all are) is field
                    // text, skipped whole; else k jumps to its first such byte (the lowest flag is always a true
                    // one), which the code below looks at alone. So a line costs about one step per word and one
                    // per delimiter, not one per byte.
                    long w = (long) LONGS.get(buf, k);
                    long low = (w - 0x2D2D2D2D2D2D2D2DL) & ~w & 0x8080808080808080L;
                    if (low == 0) {
                        bits |= w;
                        k += 8;
                        continue;
                    }
                    // The lowest flag's byte index: its bit, moved to bit 8i, times 0x0001020304050607 puts i in
                    // the top byte (Long.numberOfTrailingZeros is a call under C1, not an instruction).
                    int i = (int) ((((low & -low) >>> 7) * 0x0001020304050607L) >>> 56);
                    bits |= w & ((1L << (i << 3)) - 1);
                    k += i;
                } else if (k >= end) {
                    break;
                }
                byte c = buf[k];
                bits |= c;
                if (c > ',') {
                    k++;
                    continue; // letters, digits, '-', '.' (only the last few bytes of the buffer come here)
                }
                if (c == ',') {
                    if (++f == FIELDS) {
                        return STOP;
                    }
                    len[f - 1] = k - off[f - 1];
                    off[f] = k + 1;
                } else if (c == '\n') {
                    to = k;
                    break;
                } else if (c == '\r') {
                    if (k + 1 == end) {
                        return MORE;
                    }
                    if (buf[k + 1] != '\n') {
                        return STOP; // a lone CR ends a record in FastCSV
                    }
                    to = k++;
                    break;
                } else if (c == '"') {
                    return STOP;
                }
                k++;
            }
            if (to < 0) {
                return MORE;
            }
            if (to == from) {
                return STOP; // an empty line: FastCSV skips it
            }
            if (f != FIELDS - 1) {
                return STOP;
            }
            len[FIELDS - 1] = to - off[FIELDS - 1];
            if ((bits & 0x8080808080808080L) != 0 && !utf8(from, to)) {
                return STOP;
            }
            if (header) {
                header = false;
                return k + 1;
            }
            byte d = buf[off[1]];
            if (len[1] != 1 || (d != 'C' && d != 'D')) {
                return STOP;
            }
            long amount = amount(off[2], len[2]);
            if (amount == Long.MIN_VALUE) {
                return STOP;
            }
            rows++;
            sink.row(buf, off, len, d, amount, line);
            return k + 1;
        }

        /** The centavos as {@link Handler} reads them; {@code Long.MIN_VALUE} when it would refuse them. */
        private long amount(int o, int n) {
            int k = o;
            boolean negative = n > 0 && buf[o] == '-';
            if (negative) {
                k++;
            }
            if (k == o + n || o + n - k > 18) {
                return Long.MIN_VALUE;
            }
            long v = 0;
            for (; k < o + n; k++) {
                int c = buf[k] - '0';
                if (c < 0 || c > 9) {
                    return Long.MIN_VALUE;
                }
                v = v * 10 + c;
            }
            return negative ? -v : v;
        }

        /** Whether the line's bytes are UTF-8 that decodes and encodes back to itself (else FastCSV's decoder decides). */
        private boolean utf8(int from, int to) {
            byte[] again = new String(buf, from, to - from, StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_8);
            return Arrays.equals(again, 0, again.length, buf, from, to);
        }
    }

    private static final class Handler extends AbstractBaseCsvCallbackHandler<Object> {
        private final Path file;
        private final RowSink sink;
        private final long linesBefore;
        private char[] scratch = new char[256];
        private byte[] bytes = new byte[256];
        private final int[] off = new int[FIELDS];
        private final int[] len = new int[FIELDS];
        private final int[] boff = new int[FIELDS];
        private final int[] blen = new int[FIELDS];
        private int used;
        private long line;
        private long rows;
        private boolean header;

        Handler(Path file, RowSink sink, long linesBefore, boolean header) {
            this.file = file;
            this.sink = sink;
            this.linesBefore = linesBefore;
            this.header = header;
        }

        @Override
        protected void handleBegin(long startingLineNumber) {
            line = linesBefore + startingLineNumber;
            used = 0;
        }

        @Override
        protected void handleField(int idx, char[] buf, int offset, int n, boolean quoted) {
            if (idx >= FIELDS) {
                return; // counted by getFieldCount and refused in buildRecord
            }
            // The parser's buffer may be compacted between two fields of one record: copy each field as it comes.
            if (used + n > scratch.length) {
                scratch = Arrays.copyOf(scratch, Math.max(scratch.length * 2, used + n));
            }
            System.arraycopy(buf, offset, scratch, used, n);
            off[idx] = used;
            len[idx] = n;
            used += n;
        }

        @Override
        protected Object buildRecord() {
            if (getFieldCount() != FIELDS) {
                throw bad(getFieldCount() + " fields, expected " + FIELDS);
            }
            if (header) {
                header = false;
                return this;
            }
            if (len[1] != 1 || (scratch[off[1]] != 'C' && scratch[off[1]] != 'D')) {
                throw bad("direction must be C or D");
            }
            long amount = amount(scratch, off[2], len[2]);
            rows++;
            try {
                sink.row(utf8(), boff, blen, (byte) scratch[off[1]], amount, line);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return this;
        }

        /** The record's fields as UTF-8 bytes, at {@code boff/blen}. */
        private byte[] utf8() {
            int at = 0;
            for (int k = 0; k < FIELDS; k++) {
                byte[] b = new String(scratch, off[k], len[k]).getBytes(StandardCharsets.UTF_8);
                if (at + b.length > bytes.length) {
                    bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, at + b.length));
                }
                System.arraycopy(b, 0, bytes, at, b.length);
                boff[k] = at;
                blen[k] = b.length;
                at += b.length;
            }
            return bytes;
        }

        /** Centavos as written by the generator and any ledger export: an optional '-' and up to 18 digits. */
        private long amount(char[] b, int o, int n) {
            int k = o;
            boolean negative = n > 0 && b[o] == '-';
            if (negative) {
                k++;
            }
            if (k == o + n || o + n - k > 18) {
                throw bad("amount must be a whole number of centavos (up to 18 digits)");
            }
            long v = 0;
            for (; k < o + n; k++) {
                char c = b[k];
                if (c < '0' || c > '9') {
                    throw bad("amount must be a whole number of centavos (up to 18 digits)");
                }
                v = v * 10 + (c - '0');
            }
            return negative ? -v : v;
        }

        private BadInputException bad(String what) {
            // Field values stay out of the message: the counterparty and ids can be personal data.
            return new BadInputException(file + " line " + line + ": " + what);
        }
    }
}

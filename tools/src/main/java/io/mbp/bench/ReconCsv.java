package io.mbp.bench;

import de.siegmar.fastcsv.reader.AbstractBaseCsvCallbackHandler;
import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import io.mbp.error.BadInputException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Reads one of the recon benchmark's CSVs ({@code id, direction, amount, e2eid, reference,
 * counterparty} after a header) with FastCSV (ADR 0130): each record's fields arrive as char slices
 * and go to a {@link RowSink} as such, never as a String per field, which is where Commons CSV spent
 * its time. The slices are copied into this reader's own scratch first: the parser's buffer may be
 * compacted between two fields of one record.
 */
final class ReconCsv {
    private ReconCsv() {
    }

    static final int FIELDS = 6;

    /** One data record: text field {@code k} is {@code buf[off[k] .. off[k]+len[k])}; {@code line} is where it starts. */
    interface RowSink {
        void row(char[] buf, int[] off, int[] len, byte dir, long amount, long line) throws IOException;
    }

    /** Streams {@code file} into {@code sink}; returns the data records read. Bad input names the file and line. */
    static long read(Path file, RowSink sink) throws IOException {
        Handler h = new Handler(file, sink);
        try (CsvReader<Object> csv = CsvReader.builder().allowExtraFields(true).allowMissingFields(true)
                .build(h, file, StandardCharsets.UTF_8)) {
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
            throw new BadInputException(file + ": not valid CSV (" + e.getMessage() + ")", e);
        }
        return h.rows;
    }

    private static final class Handler extends AbstractBaseCsvCallbackHandler<Object> {
        private final Path file;
        private final RowSink sink;
        private char[] scratch = new char[256];
        private final int[] off = new int[FIELDS];
        private final int[] len = new int[FIELDS];
        private int used;
        private long line;
        private long rows;
        private boolean header = true;

        Handler(Path file, RowSink sink) {
            this.file = file;
            this.sink = sink;
        }

        @Override
        protected void handleBegin(long startingLineNumber) {
            line = startingLineNumber;
            used = 0;
        }

        @Override
        protected void handleField(int idx, char[] buf, int offset, int n, boolean quoted) {
            if (idx >= FIELDS) {
                return; // counted by getFieldCount and refused in buildRecord
            }
            if (used + n > scratch.length) {
                scratch = java.util.Arrays.copyOf(scratch, Math.max(scratch.length * 2, used + n));
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
                sink.row(scratch, off, len, (byte) scratch[off[1]], amount, line);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return this;
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

package io.mbp.bench;

import io.mbp.recon.CleanPairs;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The recon benchmark's spill rows: {@code key, direction byte, amount (8 bytes), the e2eid's hash (4 bytes),
 * e2eid, reference, counterparty}, each text as a 2-byte length and its UTF-8 bytes; the amount and the hash
 * are little-endian, the machine's own order, so each is one store and one load (a spill file lives for one
 * run). Copied straight from the CSV record's bytes into one buffer per partition, and read back as a whole
 * file into primitive columns ({@link Columns}) without a String per field: only the rows {@link CleanPairs}
 * leaves for the Matcher are ever decoded (ADR 0121).
 */
final class SpillRows {
    private SpillRows() {
    }

    // Little-endian: C1 (ADR 0149) calls Long/Integer.reverseBytes for a big-endian view rather than inlining it.
    private static final java.lang.invoke.VarHandle LONGS =
            java.lang.invoke.MethodHandles.byteArrayViewVarHandle(long[].class, java.nio.ByteOrder.LITTLE_ENDIAN);
    private static final java.lang.invoke.VarHandle INTS =
            java.lang.invoke.MethodHandles.byteArrayViewVarHandle(int[].class, java.nio.ByteOrder.LITTLE_ENDIAN);

    /** One partition's spill file being written. */
    static final class Writer implements AutoCloseable {
        /** The longest text a row can hold: its length is written in 2 bytes. */
        static final int MAX_TEXT = 0xFFFF;

        private final OutputStream out;
        // room for the longest text and its length, so any one text fits after a flush
        private final byte[] buf = new byte[1 << 17];
        private int pos;

        Writer(Path file) throws IOException {
            this(Files.newOutputStream(file));
        }

        Writer(OutputStream out) {
            this.out = out;
        }

        /**
         * A row from {@link ReconCsv}'s UTF-8 byte slices: fields 0, 3, 4, 5 are the texts; {@code idHash} is
         * {@link CleanPairs#hash} of field 3, computed once in the parsing thread (it also picks the partition)
         * and stored so reading the partition back does not hash again (ADR 0139).
         */
        void row(byte[] b, int[] off, int[] len, byte dir, long amount, int idHash) throws IOException {
            int n0 = len[0];
            int n3 = len[3];
            int n4 = len[4];
            int n5 = len[5];
            int size = 21 + n0 + n3 + n4 + n5;
            if (n0 > MAX_TEXT || n3 > MAX_TEXT || n4 > MAX_TEXT || n5 > MAX_TEXT || size > buf.length) {
                rowByParts(b, off, len, dir, amount, idHash); // refuses the long text, or a row longer than the buffer
                return;
            }
            room(size);
            // One room check and the write position in a local for the whole row: the benchmark runs C1 only
            // (ADR 0149), which keeps a field in memory across every store, and this runs once per CSV row.
            byte[] o = buf;
            int p = pos;
            p = put(o, p, b, off[0], n0);
            header(o, p, dir, amount, idHash);
            p = put(o, p + 13, b, off[3], n3);
            p = put(o, p, b, off[4], n4);
            pos = put(o, p, b, off[5], n5);
        }

        /** The 13 bytes between the key and the E2EID: direction, amount, the E2EID's hash. */
        private static void header(byte[] o, int p, byte dir, long amount, int idHash) {
            o[p] = dir;
            LONGS.set(o, p + 1, amount);
            INTS.set(o, p + 9, idHash);
        }

        /** A text's 2-byte length and its bytes at {@code o[p..]}, which has room for them; returns the next position. */
        private static int put(byte[] o, int p, byte[] b, int from, int n) {
            o[p] = (byte) (n >>> 8);
            o[p + 1] = (byte) n;
            System.arraycopy(b, from, o, p + 2, n);
            return p + 2 + n;
        }

        /** {@link #row} one text at a time, flushing between them: a row longer than the buffer. */
        private void rowByParts(byte[] b, int[] off, int[] len, byte dir, long amount, int idHash) throws IOException {
            text(b, off[0], len[0]);
            room(13);
            header(buf, pos, dir, amount, idHash);
            pos += 13;
            text(b, off[3], len[3]);
            text(b, off[4], len[4]);
            text(b, off[5], len[5]);
        }

        private void text(byte[] b, int o, int n) throws IOException {
            if (n > MAX_TEXT) {
                throw new IllegalArgumentException("a field longer than " + MAX_TEXT + " bytes");
            }
            room(2 + n);
            pos = put(buf, pos, b, o, n);
        }

        private void room(int n) throws IOException {
            if (pos + n > buf.length) {
                out.write(buf, 0, pos);
                pos = 0;
            }
        }

        @Override
        public void close() throws IOException {
            try (out) {
                out.write(buf, 0, pos);
            }
        }
    }

    /** A whole spill file as columns: where each row starts, its E2EID's bytes, direction and amount. */
    record Columns(byte[] bytes, int[] start, CleanPairs.Side side) {
        int n() {
            return side.n();
        }

        /** The row's six fields as strings (only for the rows the Matcher has to see). */
        String[] decode(int r) {
            String[] f = new String[6];
            int p = start[r];
            int n = len(p);
            f[0] = new String(bytes, p + 2, n, StandardCharsets.UTF_8);
            p += 2 + n;
            f[1] = String.valueOf((char) bytes[p]);
            f[2] = Long.toString(side.amount()[r]);
            p += 13;
            for (int k = 3; k < 6; k++) {
                n = len(p);
                f[k] = new String(bytes, p + 2, n, StandardCharsets.UTF_8);
                p += 2 + n;
            }
            return f;
        }

        private int len(int p) {
            return ((bytes[p] & 0xFF) << 8) | (bytes[p + 1] & 0xFF);
        }
    }

    /**
     * Where the rows go when both files fit the heap (ADR 0130): one array sized from the CSV's length
     * up front (a row takes about as many bytes as its CSV line), so it is not copied while it grows.
     */
    static final class Arena extends OutputStream {
        private byte[] bytes;
        private int size;

        Arena(long expected) {
            bytes = new byte[(int) Math.min(Integer.MAX_VALUE - 16, Math.max(1 << 16, expected))];
        }

        @Override
        public void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            if (size + len > bytes.length) {
                long grown = Math.max((long) size + len, bytes.length + (bytes.length >> 1));
                if (grown > Integer.MAX_VALUE - 16) {
                    throw new IllegalStateException("more than 2 GB of rows in one arena: use the spill path");
                }
                bytes = java.util.Arrays.copyOf(bytes, (int) grown);
            }
            System.arraycopy(b, off, bytes, size, len);
            size += len;
        }

        Columns columns() {
            return read(bytes, size);
        }
    }

    /**
     * A whole spill file read into {@code reuse} when it fits (null: never), else into a new array an eighth
     * larger than the file; the caller hands {@link Columns#bytes} back for its next file once done with these
     * columns. A partition is a few MB: a new array for each one costs the JVM's zeroing of it, page
     * faults and humongous-allocation GCs, and {@code readAllBytes}' one read of the whole file a native
     * buffer as large, allocated anew whenever the file is larger than the last; reads of at most 1 MiB
     * reuse the thread's cached native buffer instead.
     */
    static Columns read(Path file, byte[] reuse) throws IOException {
        try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(file)) {
            long size = ch.size();
            if (size > Integer.MAX_VALUE - 16) {
                throw new OutOfMemoryError("Required array size too large");
            }
            byte[] b = reuse != null && reuse.length >= size ? reuse
                    : new byte[(int) Math.min(Integer.MAX_VALUE - 16, size + size / 8)];
            int n = 0;
            while (n < size) {
                int r = ch.read(java.nio.ByteBuffer.wrap(b, n, (int) Math.min(1 << 20, size - n)));
                if (r < 0) {
                    throw new java.io.EOFException(file + ": shorter than its size while read");
                }
                n += r;
            }
            return read(b, n);
        }
    }

    static Columns read(byte[] b, int length) {
        int cap = Math.max(1024, length / 64);
        int[] start = new int[cap];
        int[] off = new int[cap];
        int[] len = new int[cap];
        byte[] dir = new byte[cap];
        long[] amount = new long[cap];
        int[] hash = new int[cap];
        int n = 0;
        int p = 0;
        while (p < length) {
            if (n == cap) {
                cap *= 2;
                start = java.util.Arrays.copyOf(start, cap);
                off = java.util.Arrays.copyOf(off, cap);
                len = java.util.Arrays.copyOf(len, cap);
                dir = java.util.Arrays.copyOf(dir, cap);
                amount = java.util.Arrays.copyOf(amount, cap);
                hash = java.util.Arrays.copyOf(hash, cap);
            }
            start[n] = p;
            p += 2 + (((b[p] & 0xFF) << 8) | (b[p + 1] & 0xFF));
            dir[n] = b[p];
            // One load each, not a loop of bytes: C1 (ADR 0149) neither unrolls it nor drops its range checks.
            amount[n] = (long) LONGS.get(b, p + 1);
            hash[n] = (int) INTS.get(b, p + 9);
            p += 13;
            int idLen = ((b[p] & 0xFF) << 8) | (b[p + 1] & 0xFF);
            len[n] = idLen;
            off[n] = p + 2;
            p += 2 + idLen;
            for (int k = 0; k < 2; k++) {
                p += 2 + (((b[p] & 0xFF) << 8) | (b[p + 1] & 0xFF));
            }
            n++;
        }
        return new Columns(b, start, new CleanPairs.Side(n, b, off, len, dir, amount, hash));
    }
}

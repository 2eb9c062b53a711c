package io.mbp.recon;

import java.util.Arrays;

/**
 * The pre-pass of large reconciliations (ADR 0121): on primitive columns, finds every E2EID that
 * occurs on exactly one movement and exactly one statement line, with the same direction and the
 * same amount. {@link Matcher} would match each such pair in its first pass and nothing else could
 * ever touch either row (no other line shares the id, so no duplicate; used rows skip passes 2–3),
 * so the caller counts them as "e2eid" matches and hands only the rest, in its original order, to
 * {@link Matcher}: the exceptions come out identical, and the string-keyed indexes are built over
 * the residue (~0.2% of a normal day) instead of every row. Pure; no I/O.
 */
public final class CleanPairs {
    private CleanPairs() {
    }

    /**
     * One side in columns: row {@code i}'s E2EID is the UTF-8 bytes {@code bytes[off[i] .. off[i]+len[i])}
     * (length 0: none), its direction {@code dir[i]} ('C'/'D'), amount {@code amount[i]} in centavos and
     * {@code hash[i]} = {@link #hash} of the id (computed here when not given: a reader can compute it
     * while it parses, in its own thread).
     */
    public record Side(int n, byte[] bytes, int[] off, int[] len, byte[] dir, long[] amount, int[] hash) {
        public Side(int n, byte[] bytes, int[] off, int[] len, byte[] dir, long[] amount) {
            this(n, bytes, off, len, dir, amount, hashes(n, bytes, off, len));
        }

        private static int[] hashes(int n, byte[] bytes, int[] off, int[] len) {
            int[] h = new int[n];
            for (int i = 0; i < n; i++) {
                h[i] = CleanPairs.hash(bytes, off[i], len[i]);
            }
            return h;
        }
    }

    /**
     * A side from the ids, directions and amounts of rows already in memory (the daily path, ADR 0131).
     * A row whose direction is not one byte of ASCII is left out of pairing (as if it had no id): the
     * Matcher compares directions as chars, and this keeps the two comparisons the same.
     */
    static Side side(int n, java.util.function.IntFunction<String> e2eid, java.util.function.IntUnaryOperator dir,
                     java.util.function.IntToLongFunction amount) {
        java.io.ByteArrayOutputStream buf = new java.io.ByteArrayOutputStream(n * 32 + 16);
        int[] off = new int[n];
        int[] len = new int[n];
        byte[] d = new byte[n];
        long[] a = new long[n];
        for (int i = 0; i < n; i++) {
            int c = dir.applyAsInt(i);
            byte[] b = c < 0x80 ? e2eid.apply(i).getBytes(java.nio.charset.StandardCharsets.UTF_8) : new byte[0];
            off[i] = buf.size();
            len[i] = b.length;
            buf.writeBytes(b);
            d[i] = (byte) c;
            a[i] = amount.applyAsLong(i);
        }
        return new Side(n, buf.toByteArray(), off, len, d, a);
    }

    /**
     * {@code paired*[i]} true for rows of a clean pair, {@code lineOf[i]} the line paired with movement
     * {@code i} (-1: none); the totals are those of the pairs (1 line each).
     */
    public record Result(boolean[] pairedMovements, boolean[] pairedLines, int[] lineOf, long matchedLines, long matchedAmount) {
        /** Two parts of one pairing ({@link #pair(Side, Side, int, int)}): their rows never overlap. */
        public Result plus(Result o) {
            boolean[] pm = pairedMovements.clone();
            boolean[] pl = pairedLines.clone();
            int[] lo = lineOf.clone();
            for (int i = 0; i < pm.length; i++) {
                if (o.pairedMovements[i]) {
                    pm[i] = true;
                    lo[i] = o.lineOf[i];
                }
            }
            for (int j = 0; j < pl.length; j++) {
                pl[j] |= o.pairedLines[j];
            }
            return new Result(pm, pl, lo, matchedLines + o.matchedLines, matchedAmount + o.matchedAmount);
        }
    }

    public static Result pair(Side movements, Side lines) {
        return pair(movements, lines, 0, 1);
    }

    /**
     * The pairs among ids whose hash falls in part {@code part} of {@code parts} (a pair's two rows have
     * one id, so one hash, so one part): parts are independent and can run in separate threads; their
     * results {@link Result#plus add up} to {@link #pair(Side, Side)}'s.
     */
    public static Result pair(Side movements, Side lines, int part, int parts) {
        int mine = 0;
        for (int j = 0; j < lines.n(); j++) {
            if (lines.len()[j] != 0 && ofPart(lines.hash()[j], parts) == part) {
                mine++;
            }
        }
        int cap = Integer.highestOneBit(Math.max(4, mine) * 2 - 1) << 1;
        int mask = cap - 1;
        // One slot = 4 ints side by side, so a probe touches one cache line, not four arrays:
        // [line index + 1 of the first line with the id (0: empty slot), the id's hash,
        //  lines with the id (counted up to 2), movement index + 1 (-1: two or more movements)].
        int[] t = new int[cap * 4];
        for (int j = 0; j < lines.n(); j++) {
            if (lines.len()[j] == 0 || ofPart(lines.hash()[j], parts) != part) {
                continue;
            }
            int s = slot(t, mask, lines, j, lines) * 4;
            if (t[s] == 0) {
                t[s] = j + 1;
                t[s + 1] = lines.hash()[j];
            }
            if (t[s + 2] < 2) {
                t[s + 2]++;
            }
        }
        for (int i = 0; i < movements.n(); i++) {
            if (movements.len()[i] == 0 || ofPart(movements.hash()[i], parts) != part) {
                continue;
            }
            int s = slot(t, mask, movements, i, lines) * 4;
            if (t[s] != 0) {
                t[s + 3] = t[s + 3] == 0 ? i + 1 : -1;
            }
        }
        boolean[] pm = new boolean[movements.n()];
        boolean[] pl = new boolean[lines.n()];
        int[] lineOf = new int[movements.n()];
        Arrays.fill(lineOf, -1);
        long matched = 0;
        long amount = 0;
        for (int s = 0; s < t.length; s += 4) {
            if (t[s + 2] != 1 || t[s + 3] <= 0) {
                continue;
            }
            int i = t[s + 3] - 1;
            int j = t[s] - 1;
            if (movements.dir()[i] == lines.dir()[j] && movements.amount()[i] == lines.amount()[j]) {
                pm[i] = true;
                pl[j] = true;
                lineOf[i] = j;
                matched++;
                amount += lines.amount()[j];
            }
        }
        return new Result(pm, pl, lineOf, matched, amount);
    }

    private static int ofPart(int hash, int parts) {
        // The slot takes the hash's low bits; the part comes from all bits, mixed into the top ones.
        return parts == 1 ? 0 : ((hash * 0x9E3779B9) >>> 24) % parts;
    }

    private static final java.lang.invoke.VarHandle LONGS =
            java.lang.invoke.MethodHandles.byteArrayViewVarHandle(long[].class, java.nio.ByteOrder.LITTLE_ENDIAN);

    /**
     * The id's bytes eight at a time (multiply and rotate per word, the tail as one last word), then a
     * 64-bit finalizer: a 32-byte E2EID costs four multiplies instead of FNV-1a's 32 dependent ones
     * (ADR 0139). The callers partition by the hash's top bits and take slots from its low bits.
     */
    public static int hash(byte[] b, int off, int len) {
        long x = 0x9E3779B97F4A7C15L ^ len;
        int k = off;
        int end = off + len;
        for (; k + 8 <= end; k += 8) {
            x = Long.rotateLeft((x ^ (long) LONGS.get(b, k)) * 0xFF51AFD7ED558CCDL, 29);
        }
        long tail = 0;
        for (int shift = 0; k < end; k++, shift += 8) {
            tail |= (b[k] & 0xFFL) << shift;
        }
        return finish(x, tail);
    }

    /**
     * {@link #hash(byte[], int, int)} of the UTF-8 bytes of {@code len} chars, without encoding them
     * first when they are all ASCII (a CSV reader's char slices: the benchmark's parsing threads).
     */
    public static int hash(char[] c, int off, int len) {
        long x = 0x9E3779B97F4A7C15L ^ len;
        int k = off;
        int end = off + len;
        int bits = 0;
        for (; k + 8 <= end; k += 8) {
            long w = 0;
            for (int i = 0; i < 8; i++) {
                char ch = c[k + i];
                bits |= ch;
                w |= (long) (ch & 0xFF) << (8 * i);
            }
            x = Long.rotateLeft((x ^ w) * 0xFF51AFD7ED558CCDL, 29);
        }
        long tail = 0;
        for (int shift = 0; k < end; k++, shift += 8) {
            bits |= c[k];
            tail |= (long) (c[k] & 0xFF) << shift;
        }
        if (bits >= 0x80) { // not ASCII: its UTF-8 bytes are not its chars
            byte[] utf8 = new String(c, off, len).getBytes(java.nio.charset.StandardCharsets.UTF_8);
            return hash(utf8, 0, utf8.length);
        }
        return finish(x, tail);
    }

    private static int finish(long x, long tail) {
        x = (x ^ tail) * 0xC4CEB9FE1A85EC53L;
        x ^= x >>> 33;
        x *= 0xFF51AFD7ED558CCDL;
        x ^= x >>> 33;
        return (int) x;
    }

    /** Open addressing, linear probing: the slot holding row {@code r} of {@code side}'s id, or the empty slot where it goes. */
    private static int slot(int[] t, int mask, Side side, int r, Side lines) {
        byte[] b = side.bytes();
        int o = side.off()[r];
        int n = side.len()[r];
        int h = side.hash()[r];
        for (int s = h & mask; ; s = (s + 1) & mask) {
            int at = t[s * 4];
            if (at == 0) {
                return s;
            }
            if (t[s * 4 + 1] != h) {
                continue; // another id: most probes end here without touching the ids' bytes
            }
            int j = at - 1;
            int lo = lines.off()[j];
            if (lines.len()[j] == n && Arrays.equals(b, o, o + n, lines.bytes(), lo, lo + n)) {
                return s;
            }
        }
    }
}

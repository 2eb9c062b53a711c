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
     * (length 0: none), its direction {@code dir[i]} ('C'/'D') and amount {@code amount[i]} in centavos.
     */
    public record Side(int n, byte[] bytes, int[] off, int[] len, byte[] dir, long[] amount) {
    }

    /** {@code paired*[i]} true for rows of a clean pair; the totals are those of the pairs (1 line each). */
    public record Result(boolean[] pairedMovements, boolean[] pairedLines, long matchedLines, long matchedAmount) {
    }

    public static Result pair(Side movements, Side lines) {
        int cap = Integer.highestOneBit(Math.max(4, lines.n()) * 2 - 1) << 1;
        int mask = cap - 1;
        int[] lineAt = new int[cap]; // line index + 1 of the first line with that id; 0 empty slot
        int[] lineCount = new int[cap];
        int[] movementAt = new int[cap];
        int[] movementCount = new int[cap];
        for (int j = 0; j < lines.n(); j++) {
            if (lines.len()[j] == 0) {
                continue;
            }
            int s = slot(lineAt, mask, lines, j, lines);
            if (lineAt[s] == 0) {
                lineAt[s] = j + 1;
            }
            lineCount[s]++;
        }
        for (int i = 0; i < movements.n(); i++) {
            if (movements.len()[i] == 0) {
                continue;
            }
            int s = slot(lineAt, mask, movements, i, lines);
            if (lineAt[s] != 0) {
                movementAt[s] = i + 1;
                movementCount[s]++;
            }
        }
        boolean[] pm = new boolean[movements.n()];
        boolean[] pl = new boolean[lines.n()];
        long matched = 0;
        long amount = 0;
        for (int s = 0; s < cap; s++) {
            if (lineCount[s] != 1 || movementCount[s] != 1) {
                continue;
            }
            int i = movementAt[s] - 1;
            int j = lineAt[s] - 1;
            if (movements.dir()[i] == lines.dir()[j] && movements.amount()[i] == lines.amount()[j]) {
                pm[i] = true;
                pl[j] = true;
                matched++;
                amount += lines.amount()[j];
            }
        }
        return new Result(pm, pl, matched, amount);
    }

    /** Open addressing, linear probing: the slot holding row {@code r} of {@code side}'s id, or the empty slot where it goes. */
    private static int slot(int[] lineAt, int mask, Side side, int r, Side lines) {
        byte[] b = side.bytes();
        int o = side.off()[r];
        int n = side.len()[r];
        // FNV-1a then a 64-bit finalizer: the callers partition by String.hashCode, which fixes the low bits
        // of any 31-polynomial hash within a partition and made linear probing cluster (4 probes a row, not 0.5).
        long x = 0xCBF29CE484222325L;
        for (int k = o; k < o + n; k++) {
            x = (x ^ b[k]) * 0x100000001B3L;
        }
        x ^= x >>> 33;
        x *= 0xFF51AFD7ED558CCDL;
        x ^= x >>> 33;
        int h = (int) x;
        for (int s = h & mask; ; s = (s + 1) & mask) {
            int at = lineAt[s];
            if (at == 0) {
                return s;
            }
            int j = at - 1;
            int lo = lines.off()[j];
            if (lines.len()[j] == n && Arrays.equals(b, o, o + n, lines.bytes(), lo, lo + n)) {
                return s;
            }
        }
    }
}

package io.mbp.merkle;

import java.util.ArrayList;
import java.util.List;

/**
 * RFC 9162 §2.1 proof shapes as leaf ranges, before any hash is read: a proof element is the
 * Merkle tree hash of a range, and a range is a few complete subtrees. Computing the shape first
 * lets a store fetch every node a proof needs in one query.
 */
final class Ranges {
    private Ranges() {
    }

    /** Leaf range {@code [start, end)}. */
    record Range(long start, long end) {
    }

    /** Largest power of two strictly less than {@code n} (n ≥ 2): RFC 9162's split point k. */
    static long split(long n) {
        return Long.highestOneBit(n - 1);
    }

    /** The complete aligned subtrees whose fold (right to left) is MTH of the range, left first. */
    static void decompose(long start, long end, List<NodeId> out) {
        long n = end - start;
        if (n <= 0) {
            throw new IllegalArgumentException("empty range " + start + ".." + end);
        }
        if (Long.bitCount(n) == 1 && (start & (n - 1)) == 0) {
            out.add(new NodeId(Long.numberOfTrailingZeros(n), start >> Long.numberOfTrailingZeros(n)));
            return;
        }
        long k = split(n);
        decompose(start, start + k, out);
        decompose(start + k, end, out);
    }

    /** PATH(m, D[0:size]) of RFC 9162 §2.1.3.1 as ranges, in proof order. */
    static List<Range> inclusion(long index, long size) {
        List<Range> out = new ArrayList<>();
        inclusion(index, 0, size, out);
        // The recursion appends the outermost sibling first; the proof lists the leaf's sibling first.
        java.util.Collections.reverse(out);
        return out;
    }

    private static void inclusion(long m, long start, long end, List<Range> out) {
        long n = end - start;
        if (n == 1) {
            return;
        }
        long k = split(n);
        if (m < start + k) {
            out.add(new Range(start + k, end));
            inclusion(m, start, start + k, out);
        } else {
            out.add(new Range(start, start + k));
            inclusion(m, start + k, end, out);
        }
    }

    /** PROOF(m, D[0:size]) of RFC 9162 §2.1.4.1 as ranges, in proof order; empty for m = 0 or m = size. */
    static List<Range> consistency(long m, long size) {
        List<Range> out = new ArrayList<>();
        if (m > 0 && m < size) {
            subproof(m, 0, size, true, out);
        }
        return out;
    }

    private static void subproof(long m, long start, long end, boolean b, List<Range> out) {
        long n = end - start;
        if (m == n) {
            if (!b) {
                out.add(new Range(start, end));
            }
            return;
        }
        long k = split(n);
        if (m <= k) {
            subproof(m, start, start + k, b, out);
            out.add(new Range(start + k, end));
        } else {
            subproof(m - k, start + k, end, false, out);
            out.add(new Range(start, start + k));
        }
    }
}

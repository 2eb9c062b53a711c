package io.mbp.bench;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/** The synthetic ledger and bank statement {@code mbp bench recon} reconciles: reproducible from a seed. */
final class ReconFiles {
    static final String[] LEDGER_HEADER = {"key", "direction", "amount", "e2eid", "reference", "counterparty"};
    static final String[] STATEMENT_HEADER = {"line_id", "direction", "amount", "e2eid", "reference", "counterparty"};
    private ReconFiles() {
    }

    /**
     * Writes ledger.csv and statement.csv: the statement in another order (a permutation), with
     * ~0.05% amount mismatches, missing lines, unexpected lines and duplicated lines each.
     */
    static ReconBench.Generated write(Path dir, int n, long seed) throws IOException {
        long t0 = System.nanoTime();
        Files.createDirectories(dir);
        SplittableRandom rnd = new SplittableRandom(seed);
        int[] perm = new int[n];
        for (int i = 0; i < n; i++) {
            perm[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            int t = perm[i];
            perm[i] = perm[j];
            perm[j] = t;
        }
        CSVFormat fmt = CSVFormat.RFC4180.builder().setRecordSeparator('\n').get();
        long lines = 0;
        try (Writer lw = Files.newBufferedWriter(dir.resolve("ledger.csv"), StandardCharsets.UTF_8);
             CSVPrinter ledger = new CSVPrinter(lw, fmt)) {
            ledger.printRecord((Object[]) LEDGER_HEADER);
            for (int i = 0; i < n; i++) {
                ledger.printRecord("m" + i, dir(i), amount(i), e2e(i), "po-" + i, "acct-" + (i % 5000));
            }
        }
        try (Writer sw = Files.newBufferedWriter(dir.resolve("statement.csv"), StandardCharsets.UTF_8);
             CSVPrinter st = new CSVPrinter(sw, fmt)) {
            st.printRecord((Object[]) STATEMENT_HEADER);
            for (int k = 0; k < n; k++) {
                int i = perm[k];
                int roll = (int) (mix(seed, i) % 10_000);
                if (roll < 5) {
                    continue; // missing from the statement
                }
                long amt = roll < 10 ? amount(i) + 1 : amount(i); // amount mismatch
                st.printRecord("L" + k, dir(i), amt, e2e(i), "po-" + i, "acct-" + (i % 5000));
                lines++;
                if (roll >= 10 && roll < 15) {
                    st.printRecord("L" + k + "d", dir(i), amt, e2e(i), "po-" + i, "acct-" + (i % 5000));
                    lines++;
                }
                if (roll >= 15 && roll < 20) {
                    st.printRecord("X" + k, "C", 1 + roll, e2e(n + i), "", "unknown-" + i);
                    lines++;
                }
            }
        }
        long bytes = Files.size(dir.resolve("ledger.csv")) + Files.size(dir.resolve("statement.csv"));
        return new ReconBench.Generated(n, lines, (System.nanoTime() - t0) / 1e9, bytes);
    }

    private static String dir(int i) {
        return i % 7 == 0 ? "D" : "C";
    }

    private static long amount(int i) {
        return 100 + (i * 7919L) % 500_000;
    }

    private static String e2e(int i) {
        String s = Long.toString(i, 36).toUpperCase();
        return "E60701190202611271200" + "0".repeat(11 - s.length()) + s;
    }

    private static long mix(long seed, long i) {
        long z = seed + i * 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return (z ^ (z >>> 31)) & Long.MAX_VALUE;
    }
}

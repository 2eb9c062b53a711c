package io.mbp.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mbp.error.BadInputException;
import io.mbp.recon.Matcher;
import io.mbp.recon.Movement;
import io.mbp.statement.StatementLine;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The benchmark's own side (FastCSV into columns, ADR 0130; in the heap or through spill partitions;
 * clean pairs on columns, Matcher on the rest, ADR 0121) gives the totals the daily Matcher gives
 * over both files in memory, and refuses a bad row naming its file and line. Speed is `mbp bench recon`'s, not here.
 */
class ReconBenchTest {
    @TempDir Path dir;

    @ParameterizedTest
    @EnumSource(value = ReconBench.Mode.class, names = {"IN_MEMORY", "SPILL"})
    void generatedDayMatchesTheMatcherOverEverything(ReconBench.Mode mode) throws Exception {
        ReconBench bench = new ReconBench(8);
        bench.generate(dir, 20_000, 27);
        assertSameTotals(bench.ours(dir, mode), reference(dir));
    }

    @Test
    void smallFilesStayInTheHeapLargeOnesSpill() throws Exception {
        ReconBench bench = new ReconBench(8);
        bench.generate(dir, 1_000, 27);
        assertTrue(bench.ours(dir).name().contains("in the heap"));
        assertTrue(bench.ours(dir, ReconBench.Mode.SPILL).name().contains("grace hash join"));
    }

    @Test
    void theResultNamesTheJitItRanWith() throws Exception {
        new ReconBench(4).generate(dir, 100, 27);
        // scripts/mbp runs the benchmark C1 only (ADR 0149); a run with another JIT must say so.
        String expected = java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments()
                .contains("-XX:TieredStopAtLevel=1") ? "JIT C1 only)" : "JIT C1 + C2)";
        assertTrue(new ReconBench(4).ours(dir, ReconBench.Mode.SPILL).name().endsWith(expected));
        assertTrue(new ReconBench(4).ours(dir, ReconBench.Mode.IN_MEMORY).name().endsWith(expected));
    }

    @ParameterizedTest
    @EnumSource(value = ReconBench.Mode.class, names = {"IN_MEMORY", "SPILL"})
    void aBadRowIsRefusedNamingTheFileAndLineButNotItsFields(ReconBench.Mode mode) throws Exception {
        new ReconBench(4).generate(dir, 50, 27);
        List<String> ledger = new ArrayList<>(Files.readAllLines(dir.resolve("ledger.csv")));
        ledger.set(7, "m6,C,12x4,E6070119020261127120SECRET,po-6,acct-6");
        Files.write(dir.resolve("ledger.csv"), ledger);
        BadInputException e = assertThrows(BadInputException.class, () -> new ReconBench(4).ours(dir, mode));
        assertEquals(dir.resolve("ledger.csv") + " line 8: amount must be a whole number of centavos (up to 18 digits)",
                e.getMessage());
        assertFalse(Files.exists(dir.resolve("spill")), "no spill file is left behind the error");
        ledger.set(7, "m6,C,124,E6070119020261127120SECRET,po-6");
        Files.write(dir.resolve("ledger.csv"), ledger);
        e = assertThrows(BadInputException.class, () -> new ReconBench(4).ours(dir, mode));
        assertEquals(dir.resolve("ledger.csv") + " line 8: 5 fields, expected 6", e.getMessage());
        ledger.set(7, "m6,X,124,E6070119020261127120SECRET,po-6,acct-6");
        Files.write(dir.resolve("ledger.csv"), ledger);
        e = assertThrows(BadInputException.class, () -> new ReconBench(4).ours(dir, mode));
        assertFalse(e.getMessage().contains("SECRET"), e.getMessage());
        assertTrue(e.getMessage().startsWith(dir.resolve("ledger.csv") + " line 8: direction"), e.getMessage());
        assertFalse(Files.exists(dir.resolve("spill")), "no spill file is left behind the error");
    }

    @ParameterizedTest
    @EnumSource(value = ReconBench.Mode.class, names = {"IN_MEMORY", "SPILL"})
    void textThatIsNotAsciiAndRowsWithoutE2eidSurviveTheSpill(ReconBench.Mode mode) throws Exception {
        Files.writeString(dir.resolve("ledger.csv"), """
                key,direction,amount,e2eid,reference,counterparty
                m1,C,100,Eção1,po-1,José
                m2,D,250,E2,po-2,acct-1
                m3,C,70,,po-3,Zoë
                m4,C,80,E4,po-4,acct-2
                m5,C,90,E5,,acct-3
                """, StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("statement.csv"), """
                line_id,direction,amount,e2eid,reference,counterparty
                L1,C,100,Eção1,po-1,José
                L2,D,250,E2,po-2,acct-1
                L2d,D,250,E2,po-2,acct-1
                L3,C,70,,po-3,Zoë
                L4,C,81,E4,po-4,acct-2
                L5,C,90,,,acct-3
                X1,C,7,E9,,ninguém
                """, StandardCharsets.UTF_8);
        ReconBench.Outcome ours = new ReconBench(4).ours(dir, mode);
        Matcher.Result ref = reference(dir);
        assertSameTotals(ours, ref);
        // m1, m2 (+ duplicate L2d), m3 by reference, m5 by amount+counterparty; m4 an amount mismatch; X1 unexpected
        assertEquals(4, ours.matchedLines());
        assertEquals(3, ours.exceptions());
    }

    private static void assertSameTotals(ReconBench.Outcome ours, Matcher.Result ref) {
        assertEquals(ref.matchedLines(), ours.matchedLines(), "matched lines");
        assertEquals(ref.matchedAmount(), ours.matchedAmount(), "matched amount");
        assertEquals(ref.exceptions().size(), ours.exceptions(), "exceptions");
    }

    /** Both files in memory through the daily Matcher, one pass. */
    private static Matcher.Result reference(Path dir) throws Exception {
        List<Movement> ms = new ArrayList<>();
        for (CSVRecord r : records(dir.resolve("ledger.csv"))) {
            ms.add(new Movement(r.get(0), ReconBench.DAY, r.get(1).charAt(0), Long.parseLong(r.get(2)), r.get(3), r.get(4),
                    r.get(5), "BENCH", false));
        }
        List<StatementLine> ls = new ArrayList<>();
        for (CSVRecord r : records(dir.resolve("statement.csv"))) {
            ls.add(new StatementLine(ls.size() + 1, r.get(0), "bench", ReconBench.DAY, ReconBench.DAY, r.get(1).charAt(0),
                    Long.parseLong(r.get(2)), r.get(3), r.get(4), r.get(5), "PIX_OUT"));
        }
        return Matcher.match(ReconBench.DAY, ms, ls, Set.of());
    }

    private static List<CSVRecord> records(Path file) throws Exception {
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8);
             CSVParser p = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(r)) {
            return p.getRecords();
        }
    }
}

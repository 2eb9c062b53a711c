package io.mbp.recon;

import io.mbp.sql.testing.EveryEngine;
import io.mbp.sql.testing.TestDatabase;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mbp.error.BadInputException;
import io.mbp.sql.Database;
import io.mbp.statement.BalanceType;
import io.mbp.statement.EntryStatus;
import io.mbp.statement.Statement;
import io.mbp.statement.StatementBalance;
import io.mbp.statement.StatementFormat;
import io.mbp.statement.StatementLine;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;

/** Balance continuity in the D+1 reconciliation (ADR 0509), on every engine (H2, SQLite, PostgreSQL). */
class BalanceContinuityTest {
    static final LocalDate D = ReconServiceTest.D;
    static final String ACCT = ReconServiceTest.ACCT;
    static final long OPENING = 1_000_000;

    @TempDir
    Path tmp;

    Database open(TestDatabase engine) {
        return Database.openMigrated(engine.url());
    }

    /** The lines that match {@link ReconServiceTest#ledger} exactly. */
    static List<StatementLine> cleanDay() {
        return new ArrayList<>(List.of(ReconServiceTest.line(1, 'C', 5000, "EDEP1", "", "a1", "PIX_IN"),
                ReconServiceTest.line(2, 'C', 7000, "EDEP2", "", "a2", "PIX_IN"),
                ReconServiceTest.line(3, 'D', 1000, "EPAY1", "po-1", "a1", "PIX_OUT"),
                ReconServiceTest.line(4, 'D', 10, "", "FEE-po-1", "PSP", "FEE"),
                ReconServiceTest.line(5, 'D', 2000, "EPAY2", "po-2", "a2", "PIX_OUT")));
    }

    static byte[] camt(Statement s) {
        return StatementFormat.writeCamt053(s, "M", "2026-11-28T05:00:00Z");
    }

    static Statement day(LocalDate d, long opening, List<StatementLine> lines) {
        List<StatementLine> ls = lines.stream().map(l -> new StatementLine(l.lineNo(), l.lineId(), l.account(), d, d,
                l.direction(), l.amount(), l.e2eid(), l.reference(), l.counterparty(), l.kind(), l.status(), l.reversal()))
                .toList();
        return new Statement(ACCT, d, ls).balancedFrom(opening);
    }

    static long open(ReconService.Report r, String kind) {
        long[] k = r.byKind().get(kind);
        return k == null ? 0 : k[0];
    }

    @EveryEngine
    void aCleanDayAddsUpAndMatchesTheLedger(TestDatabase engine) {
        try (Database db = open(engine)) {
            ReconServiceTest.ledger(db);
            ReconService svc = new ReconService(db, ReconServiceTest.CLOCK);
            svc.importStatement(camt(day(D, OPENING, cleanDay())), "d.xml", ACCT, D);
            ReconService.Report r = svc.reconcile(ACCT, D);
            assertEquals(10_000, r.rateBasisPoints(), ReconReports.text(r));
            assertEquals("checked", r.balance().status());
            assertEquals(0L, r.balance().difference());
            assertEquals(OPENING + 12_000 - 3010, r.balance().closing());
            assertEquals(r.balance().closing(), r.balance().ledgerBalance());
            assertEquals(0L, r.balance().ledgerDifference());
            assertTrue(ReconReports.json(r).contains("\"ledger_difference\" : 0"), ReconReports.json(r));
        }
    }

    @EveryEngine
    void aClosingBalanceOffByOneCentavoIsABalanceMismatchEvenWhenEveryEntryMatches(TestDatabase engine) {
        try (Database db = open(engine)) {
            ReconServiceTest.ledger(db);
            ReconService svc = new ReconService(db, ReconServiceTest.CLOCK);
            Statement s = day(D, OPENING, cleanDay());
            long closing = s.closing().orElseThrow().amount();
            Statement off = s.withBalances(List.of(s.opening().orElseThrow(),
                    new StatementBalance(BalanceType.CLOSING_BOOKED, closing - 1, D)));
            svc.importStatement(camt(off), "off.xml", ACCT, D);
            ReconService.Report r = svc.reconcile(ACCT, D);
            assertEquals(5, r.matchedLines(), "every entry matches");
            assertEquals(1, open(r, "balance_mismatch"), ReconReports.text(r));
            assertEquals(-1L, r.balance().difference());
            assertTrue(r.rateBasisPoints() < 10_000, "an open balance exception keeps the rate under 100%");
            ReconExceptionRaised x = r.exceptions().stream().map(ReconService.ExceptionView::raised)
                    .filter(e -> e.kind().equals("balance_mismatch")).findFirst().orElseThrow();
            assertTrue(x.detail().contains("off by -0.01 (-1 centavos)"), x.detail());
            assertEquals(1, x.statementAmount());
            // the bank's closing is one centavo short of the ledger too, and no item explains it
            assertEquals(1, open(r, "ledger_balance_mismatch"), ReconReports.text(r));
            BadInputException e = assertThrows(BadInputException.class,
                    () -> svc.resolve(x.exceptionId(), "correct", "ops", "no"));
            assertTrue(e.getMessage().contains("has no ledger correction"), e.getMessage());
        }
    }

    @EveryEngine
    void theNextDayMustOpenAtThisClosingAndNoDayMayBeMissing(TestDatabase engine) {
        try (Database db = open(engine)) {
            ReconServiceTest.ledger(db);
            ReconService svc = new ReconService(db, ReconServiceTest.CLOCK);
            Statement d0 = day(D, OPENING, cleanDay());
            svc.importStatement(camt(d0), "d0.xml", ACCT, D);
            long closing = d0.closing().orElseThrow().amount();
            LocalDate d1 = D.plusDays(1);
            svc.importStatement(camt(day(d1, closing + 100, List.of())), "d1.xml", ACCT, d1);
            ReconService.Report r1 = svc.reconcile(ACCT, d1);
            assertEquals(1, open(r1, "statement_gap"), ReconReports.text(r1));
            assertEquals(100L, r1.balance().gap());
            assertEquals(0, open(r1, "missing_statement"));
            LocalDate d3 = D.plusDays(3);
            svc.importStatement(camt(day(d3, closing + 100, List.of())), "d3.xml", ACCT, d3);
            ReconService.Report r3 = svc.reconcile(ACCT, d3);
            assertEquals(List.of(D.plusDays(2).toString()), r3.balance().missingDays());
            assertEquals(1, open(r3, "missing_statement"), ReconReports.text(r3));
            assertEquals(0, open(r3, "statement_gap"), "d1 closed where d3 opens");
        }
    }

    @EveryEngine
    void pendingLinesDoNotMoveTheBalanceAndReversalPairsCancel(TestDatabase engine) {
        try (Database db = open(engine)) {
            ReconServiceTest.ledger(db);
            ReconService svc = new ReconService(db, ReconServiceTest.CLOCK);
            List<StatementLine> ls = cleanDay();
            ls.add(new StatementLine(6, "L6", ACCT, D, D, 'D', 4000, "EPEND", "", "a9", "PIX_OUT", EntryStatus.PENDING, false));
            ls.add(ReconServiceTest.line(7, 'D', 2000, "EPAY2", "po-2", "a2", "PIX_OUT"));
            ls.add(new StatementLine(8, "L8", ACCT, D, D, 'C', 2000, "EPAY2", "po-2", "a2", "PIX_OUT", EntryStatus.BOOKED, true));
            svc.importStatement(camt(day(D, OPENING, ls)), "v.xml", ACCT, D);
            ReconService.Report r = svc.reconcile(ACCT, D);
            assertEquals(10_000, r.rateBasisPoints(), ReconReports.text(r));
            assertEquals(1, r.balance().pendingLines());
            assertEquals(2, r.balance().reversalLines());
            assertEquals(0L, r.balance().difference());
            assertEquals(0L, r.balance().ledgerDifference());
        }
    }

    @EveryEngine
    void ourCsvStatesNoBalancesAndIsNotChecked(TestDatabase engine) {
        try (Database db = open(engine)) {
            ReconServiceTest.ledger(db);
            ReconService svc = new ReconService(db, ReconServiceTest.CLOCK);
            svc.importStatement(StatementFormat.writeCsv(new Statement(ACCT, D, cleanDay())), "d.csv", ACCT, D);
            ReconService.Report r = svc.reconcile(ACCT, D);
            assertEquals("not_stated", r.balance().status());
            assertNull(r.balance().ledgerBalance());
            assertEquals(10_000, r.rateBasisPoints());
        }
    }
}

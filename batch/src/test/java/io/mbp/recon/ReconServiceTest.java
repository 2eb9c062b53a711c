package io.mbp.recon;

import io.mbp.sql.testing.EveryEngine;
import io.mbp.sql.testing.TestDatabase;
import io.mbp.statement.Statement;
import io.mbp.statement.StatementFormat;
import io.mbp.statement.StatementLine;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mbp.catalog.EventCatalog;
import io.mbp.error.BadInputException;
import io.mbp.events.EventLog;
import io.mbp.events.EventPayload;
import io.mbp.events.NewEvent;
import io.mbp.market.DepositReceived;
import io.mbp.payout.PayoutConfirmed;
import io.mbp.payout.PayoutInstructed;
import io.mbp.payout.PayoutSent;
import io.mbp.sql.Database;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.io.TempDir;

class ReconServiceTest {
    static final LocalDate D = LocalDate.parse("2026-11-27");
    static final String ACCT = "bank-acct-1";
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-28T06:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path tmp;


    static Database open(TestDatabase engine) {
        return Database.openMigrated(engine.url());
    }

    static void append(Database db, String stream, String ts, EventPayload p) {
        new EventLog(db).append(List.of(NewEvent.of(EventCatalog.standard(), stream, Instant.parse(ts), p)));
    }

    /** Ledger: two deposits and two confirmed payouts (one with a fee) on D. */
    static void ledger(Database db) {
        append(db, "a1", "2026-11-27T10:00:00Z", new DepositReceived("a1", 5000, "EDEP1"));
        append(db, "a2", "2026-11-27T11:00:00Z", new DepositReceived("a2", 7000, "EDEP2"));
        for (int i = 1; i <= 2; i++) {
            String id = "po-" + i;
            append(db, id, "2026-11-27T20:00:00Z", new PayoutInstructed(id, "a" + i, io.mbp.market.PixPayee.legacy("k" + i), 1000L * i, "withdrawal", "wd-" + i));
            append(db, id, "2026-11-27T20:00:01Z", new PayoutSent(id, 1));
            append(db, id, "2026-11-27T20:00:02Z", new PayoutConfirmed(id, 1, "EPAY" + i, i == 1 ? 10 : 0));
        }
    }

    static StatementLine line(int n, char dir, long amount, String e2e, String ref, String party, String kind) {
        return new StatementLine(n, "L" + n, ACCT, D, D, dir, amount, e2e, ref, party, kind);
    }

    static byte[] csv(StatementLine... lines) {
        return StatementFormat.writeCsv(new Statement(ACCT, D, List.of(lines)));
    }

    static long events(Database db) {
        return new EventLog(db).size();
    }

    @EveryEngine
    void cleanDayIs100AndRerunAppendsNothing(TestDatabase engine) {
        try (Database db = open(engine)) {
            ledger(db);
            ReconService svc = new ReconService(db, CLOCK);
            byte[] st = csv(line(1, 'C', 5000, "EDEP1", "", "a1", "PIX_IN"), line(2, 'C', 7000, "EDEP2", "", "a2", "PIX_IN"),
                    line(3, 'D', 1000, "EPAY1", "po-1", "a1", "PIX_OUT"), line(4, 'D', 10, "", "FEE-po-1", "PSP", "FEE"),
                    line(5, 'D', 2000, "EPAY2", "po-2", "a2", "PIX_OUT"));
            assertFalse(svc.importStatement(st, "st.csv", ACCT, D).alreadyImported());
            ReconService.Report r = svc.reconcile(ACCT, D);
            assertEquals(10_000, r.rateBasisPoints());
            assertEquals(5, r.matchedLines());
            assertEquals(15010, r.matchedAmount());
            long size = events(db);
            assertTrue(svc.importStatement(st, "again.csv", ACCT, D).alreadyImported());
            ReconService.Report again = svc.reconcile(ACCT, D);
            assertEquals(size, events(db), "re-import and re-run append nothing");
            assertEquals(ReconReports.json(r), ReconReports.json(again));
        }
    }

    @EveryEngine
    void badStatementsImportNothing(TestDatabase engine) {
        try (Database db = open(engine)) {
            ReconService svc = new ReconService(db, CLOCK);
            byte[] ok = csv(line(1, 'C', 5000, "EDEP1", "", "a1", "PIX_IN"));
            BadInputException e = assertThrows(BadInputException.class, () -> svc.importStatement(ok, "st.csv", "other", D));
            assertTrue(e.getMessage().contains("for account " + ACCT + ", not other"), e.getMessage());
            e = assertThrows(BadInputException.class, () -> svc.importStatement(ok, "st.csv", ACCT, D.plusDays(1)));
            assertTrue(e.getMessage().contains("is for 2026-11-27, not 2026-11-28"), e.getMessage());
            byte[] bad = (new String(ok, StandardCharsets.UTF_8) + ACCT + ",2026-11-27,2026-11-27,L2,X,10,,,,PIX_IN\n")
                    .getBytes(StandardCharsets.UTF_8);
            e = assertThrows(BadInputException.class, () -> svc.importStatement(bad, "bad.csv", ACCT, D));
            assertTrue(e.getMessage().startsWith("bad.csv: line 3: field direction"), e.getMessage());
            assertEquals(0, events(db));
            e = assertThrows(BadInputException.class, () -> svc.reconcile(ACCT, D));
            assertTrue(e.getMessage().contains("no statement"), e.getMessage());
        }
    }

    @EveryEngine
    void exceptionsResolvedByCorrectionOrAcceptanceReach100(TestDatabase engine) {
        try (Database db = open(engine)) {
            ledger(db);
            ReconService svc = new ReconService(db, CLOCK);
            // EDEP2 booked 6999 (mismatch), po-2 missing, fee line missing in the statement? no: an unknown credit,
            // and po-1 delivered twice.
            svc.importStatement(csv(line(1, 'C', 5000, "EDEP1", "", "a1", "PIX_IN"), line(2, 'C', 6999, "EDEP2", "", "a2", "PIX_IN"),
                    line(3, 'D', 1000, "EPAY1", "po-1", "a1", "PIX_OUT"), line(4, 'D', 10, "", "FEE-po-1", "PSP", "FEE"),
                    line(5, 'D', 1000, "EPAY1", "po-1", "a1", "PIX_OUT"), line(6, 'C', 333, "EXTRA", "", "zz", "PIX_IN")),
                    "st.csv", ACCT, D);
            ReconService.Report r = svc.reconcile(ACCT, D);
            Map<String, String> byKind = r.exceptions().stream()
                    .collect(Collectors.toMap(v -> v.raised().kind(), v -> v.raised().exceptionId()));
            assertEquals(java.util.Set.of("amount_mismatch", "missing", "duplicate", "unexpected"), byKind.keySet());
            assertEquals(4, r.open());
            assertTrue(r.rateBasisPoints() < 10_000);
            assertEquals(List.of("LedgerCorrected", "ReconExceptionResolved"),
                    svc.resolve(byKind.get("amount_mismatch"), "correct", "ana", "bank booked 69.99"));
            svc.resolve(byKind.get("missing"), "correct", "ana", "payout never left; reissued as po-2b");
            svc.resolve(byKind.get("unexpected"), "correct", "ana", "credit from a closed account, booked");
            assertEquals(List.of("ReconExceptionResolved"), svc.resolve(byKind.get("duplicate"), "accept", "bob", "PSP ticket 123"));
            assertThrows(BadInputException.class, () -> svc.resolve(byKind.get("duplicate"), "accept", "bob", "again"));
            ReconService.Report after = svc.reconcile(ACCT, D);
            assertEquals(10_000, after.rateBasisPoints(), ReconReports.text(after));
            assertEquals(0, after.open());
            assertEquals(4, after.resolved());
            List<ReconService.ExceptionView> list = svc.exceptions(D, false);
            assertEquals(4, list.size());
            assertTrue(list.stream().anyMatch(v -> "bob".equals(v.resolution().author()) && "PSP ticket 123".equals(v.resolution().note())));
            long size = events(db);
            svc.reconcile(ACCT, D);
            assertEquals(size, events(db), "resolved items stay resolved; nothing new on a re-run");
        }
    }

    @EveryEngine
    void bookedNextDayIsLateNotMissingAndIsMatchedThere(TestDatabase engine) {
        try (Database db = open(engine)) {
            ledger(db);
            ReconService svc = new ReconService(db, CLOCK);
            svc.importStatement(csv(line(1, 'C', 5000, "EDEP1", "", "a1", "PIX_IN"), line(2, 'C', 7000, "EDEP2", "", "a2", "PIX_IN"),
                    line(3, 'D', 1000, "EPAY1", "po-1", "a1", "PIX_OUT"), line(4, 'D', 10, "", "FEE-po-1", "PSP", "FEE")),
                    "d.csv", ACCT, D);
            LocalDate d1 = D.plusDays(1);
            List<StatementLine> next = new ArrayList<>();
            next.add(new StatementLine(1, "L1", ACCT, d1, D, 'D', 2000, "EPAY2", "po-2", "a2", "PIX_OUT"));
            svc.importStatement(StatementFormat.writeCsv(new Statement(ACCT, d1, next)), "d1.csv", ACCT, d1);
            ReconService.Report r = svc.reconcile(ACCT, D);
            assertEquals(List.of("late"), r.exceptions().stream().map(v -> v.raised().kind()).toList());
            ReconService.Report r1 = svc.reconcile(ACCT, d1);
            assertEquals(10_000, r1.rateBasisPoints(), "the late line is absorbed by the earlier movement");
            assertEquals(1, r1.matchedLines());
        }
    }
}

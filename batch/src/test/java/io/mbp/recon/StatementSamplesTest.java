package io.mbp.recon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mbp.error.BadInputException;
import io.mbp.sql.Database;
import io.mbp.payout.PspAccount;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The statement samples (samples/payouts/README.md) carry the balance defects they say they do (ADR 0509). */
class StatementSamplesTest {
    static final Path DIR = Path.of("../samples/statements");
    static final LocalDate D = LocalDate.parse("2026-11-27");
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-29T06:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path tmp;

    ReconService.Report recon(String file, LocalDate date, String dbName) {
        try (Database db = Database.openMigrated("jdbc:sqlite:" + tmp.resolve(dbName).toAbsolutePath())) {
            ReconService svc = new ReconService(db, CLOCK);
            if (date.isAfter(D)) {
                svc.importStatement(DIR.resolve("2026-11-27.camt053.xml"), "day", PspAccount.DEFAULT, D);
            }
            svc.importStatement(DIR.resolve(file), file, PspAccount.DEFAULT, date);
            return svc.reconcile(PspAccount.DEFAULT, date);
        }
    }

    @Test
    void theSampleDayAddsUp() {
        ReconService.Report r = recon("2026-11-27.camt053.xml", D, "ok.sqlite");
        assertEquals("checked", r.balance().status());
        assertEquals(0L, r.balance().difference());
        assertEquals(10_000_000L, r.balance().opening());
    }

    @Test
    void theDefectSamplesShowTheirDefect() {
        ReconService.Report off = recon("bad/2026-11-27.closing-off-by-one.camt053.xml", D, "off.sqlite");
        assertEquals(-1L, off.balance().difference());
        assertTrue(off.byKind().containsKey("balance_mismatch"));
        ReconService.Report missing = recon("bad/2026-11-27.missing-entry.camt053.xml", D, "missing.sqlite");
        assertEquals(-3000L, missing.balance().difference(), "the missing 30.00 debit (L000003)");
        ReconService.Report gap = recon("bad/2026-11-28.gap.camt053.xml", D.plusDays(1), "gap.sqlite");
        assertEquals(100L, gap.balance().gap());
        assertTrue(gap.byKind().containsKey("statement_gap"));
        BadInputException e = assertThrows(BadInputException.class,
                () -> recon("bad/2026-11-27.no-balances.camt053.xml", D, "nobal.sqlite"));
        assertTrue(e.getMessage().contains("element TxsSummry: not valid camt.053.001.08"), e.getMessage());
    }
}

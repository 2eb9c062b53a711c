package io.mbp.jobs.steps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mbp.catalog.EventCatalog;
import io.mbp.error.VerificationFailedException;
import io.mbp.events.EventLog;
import io.mbp.events.EventPayload;
import io.mbp.events.NewEvent;
import io.mbp.jobs.StepContext;
import io.mbp.jobs.StepOutcome;
import io.mbp.market.PixPayee;
import io.mbp.payout.PayoutConfirmed;
import io.mbp.payout.PayoutFailed;
import io.mbp.payout.PayoutInstructed;
import io.mbp.payout.PayoutSent;
import io.mbp.sql.Database;
import io.mbp.sql.testing.EveryEngine;
import io.mbp.sql.testing.TestDatabase;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

/** The nightly's last step on a real database: the payouts MTTR p95 of D against 4 h (ADR 0513). */
class TargetsStepTest {
    private static final LocalDate D = LocalDate.parse("2026-11-27");

    private static void append(Database db, String stream, String ts, EventPayload p) {
        new EventLog(db).append(List.of(NewEvent.of(EventCatalog.standard(), stream, Instant.parse(ts), p)));
    }

    /** A payout that failed at 01:00 and was confirmed {@code confirmedAt} on D. */
    private static void recovered(Database db, String id, String confirmedAt) {
        append(db, id, "2026-11-27T00:59:00Z", new PayoutInstructed(id, "acct-0001", PixPayee.legacy("k-" + id), 1000, "withdrawal", "wd-" + id));
        append(db, id, "2026-11-27T00:59:30Z", new PayoutSent(id, 1));
        append(db, id, "2026-11-27T01:00:00Z", new PayoutFailed(id, 1, "timeout", true));
        append(db, id, confirmedAt, new PayoutSent(id, 2));
        append(db, id, confirmedAt, new PayoutConfirmed(id, 2, "E" + id, 0));
    }

    private static StepOutcome run(Database db, Map<String, String> options) {
        Clock clock = Clock.fixed(Instant.parse("2026-11-28T02:00:00Z"), ZoneOffset.UTC);
        return new TargetsStep().run(new StepContext(D, db, clock, options, n -> { }));
    }

    @EveryEngine
    void payoutsMttrP95AboveFourHoursFailsTheNightWithExit3(TestDatabase engine) {
        try (Database db = Database.openMigrated(engine.url())) {
            recovered(db, "po-1", "2026-11-27T04:00:00Z"); // 3 h: within the target
            StepOutcome ok = run(db, Map.of());
            assertTrue(ok.message().contains("payouts MTTR 2026-11-27 p95 PT3H over 1 (target PT4H)"), ok.message());
            assertTrue(ok.message().contains("recon 2026-11-26: none logged, not measured"), ok.message());

            recovered(db, "po-2", "2026-11-27T06:00:01Z"); // 5 h 1 s: the p95 of two is the larger
            VerificationFailedException e = assertThrows(VerificationFailedException.class, () -> run(db, Map.of()));
            assertEquals(3, e.exitCode());
            assertTrue(e.getMessage().contains("payouts MTTR p95 of 2026-11-27 is PT5H1S, above the target PT4H"), e.getMessage());
        }
    }
}

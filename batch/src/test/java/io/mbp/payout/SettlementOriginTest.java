package io.mbp.payout;

import io.mbp.sql.testing.EveryEngine;
import io.mbp.sql.testing.TestDatabase;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.mbp.catalog.EventCatalog;
import io.mbp.events.EventLog;
import io.mbp.events.NewEvent;
import io.mbp.market.SettlementPayout;
import io.mbp.market.WithdrawalRequested;
import io.mbp.sql.Database;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;

class SettlementOriginTest {
    @TempDir
    Path tmp;

    @EveryEngine
    void settlementPayoutsAreInstructedToTheKeyOnFileOnceAndOnlyWhenAKeyIsKnown(TestDatabase engine) {
        var types = EventCatalog.standard();
        Instant t = Instant.parse("2026-11-27T20:00:00Z");
        try (Database db = Database.openMigrated(engine.url())) {
            EventLog log = new EventLog(db);
            log.append(List.of(
                    NewEvent.of(types, "M1", t, new SettlementPayout("M1:alice", "M1", "alice", 1500, 1500, 0, 0)),
                    NewEvent.of(types, "M1", t, new SettlementPayout("M1:bob", "M1", "bob", 700, 700, 0, 0)),
                    NewEvent.of(types, "alice", t.plusSeconds(5), WithdrawalRequested.legacy("wd-1", "alice", 100, "alice@example.com"))));
            PayoutService svc = new PayoutService(db, Clock.fixed(t.plusSeconds(60), ZoneOffset.UTC));
            PayoutBook book = svc.book();
            int first = svc.instructDue(LocalDate.parse("2026-11-27"), book);
            assertEquals(2, first, "alice's settlement and her withdrawal; bob has no key on file");
            Payout alice = book.forSource(PayoutSource.settlement("M1:alice", "alice"));
            assertEquals(1500, alice.amount());
            assertEquals("alice@example.com", alice.instruction().pixKey());
            assertNull(book.forSource(PayoutSource.settlement("M1:bob", "bob")));

            log.append(List.of(NewEvent.of(types, "bob", t.plusSeconds(9), WithdrawalRequested.legacy("wd-2", "bob", 50, "+5511999990000"))));
            PayoutBook again = svc.book();
            assertEquals(2, svc.instructDue(LocalDate.parse("2026-11-27"), again), "bob's settlement and withdrawal, nothing twice");
            assertEquals("+5511999990000", again.forSource(PayoutSource.settlement("M1:bob", "bob")).instruction().pixKey());
            assertEquals(0, svc.instructDue(LocalDate.parse("2026-11-27"), svc.book()));
        }
    }
}

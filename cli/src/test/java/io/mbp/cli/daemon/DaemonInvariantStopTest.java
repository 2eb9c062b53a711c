package io.mbp.cli.daemon;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mbp.catalog.EventCatalog;
import io.mbp.events.EventLog;
import io.mbp.events.NewEvent;
import io.mbp.market.MarketCommand;
import io.mbp.market.MarketEngine;
import io.mbp.market.MarketService;
import io.mbp.market.MarketSettled;
import io.mbp.sql.Database;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Another writer appends a settlement with no Finalized (I5): the daemon stops with the report. */
class DaemonInvariantStopTest {
    @TempDir
    Path tmp;

    @Test
    void aViolatedInvariantStopsTheDaemon() throws Exception {
        String url = "jdbc:h2:file:" + tmp.resolve("mbp").toAbsolutePath() + ";AUTO_SERVER=TRUE";
        try (Database db = Database.openMigrated(url)) {
            MarketService svc = new MarketService(db, new MarketEngine(), Clock.systemUTC());
            svc.load();
            svc.execute(new MarketCommand.CreateMarket("M", "EV", List.of("YES", "NO"), 0, null, null, null, "lp", 10_000, "E"));
        }
        Daemon d = new Daemon(url, Daemon.Options.defaults(0), Clock.systemUTC());
        d.start();
        try (Database other = Database.openMigrated(url)) {
            new EventLog(other).append(List.of(NewEvent.of(EventCatalog.standard(), "M", Instant.now(),
                    new MarketSettled("M", "EV", 0, List.of(1L, 0L), 1, "YES won"))));
        }
        String reason = null;
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (System.nanoTime() < deadline) {
            Thread.sleep(200);
            reason = d.fatalReason();
            if (reason != null) {
                break;
            }
        }
        assertNotNull(reason, "the daemon kept running with a violated invariant");
        assertTrue(reason.contains("I5"), reason);
        assertNotNull(d.awaitStop());
    }
}

package io.mbp.market;

import io.mbp.sql.testing.EveryEngine;
import io.mbp.sql.testing.TestDatabase;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.mbp.oracle.Finalized;
import io.mbp.sql.Database;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;

/** ADR 0309: a sharded daemon raises settlements and halt ticks for its own markets only, so shards never race to settle one market. */
class MarketServiceShardTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-27T12:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path tmp;

    private static String marketOf(int shard) {
        for (int k = 0; ; k++) {
            if (Shard.indexOf("M-" + k, 2) == shard) {
                return "M-" + k;
            }
        }
    }

    @EveryEngine
    void reactionsAndTicksOnlyForTheShardsOwnMarkets(TestDatabase engine) {
        String mine = marketOf(1);
        String theirs = marketOf(2);
        try (Database db = Database.openMigrated(engine.url())) {
            MarketService svc = new MarketService(db, new MarketEngine(), CLOCK);
            svc.load();
            for (String m : List.of(mine, theirs)) {
                svc.execute(new MarketCommand.CreateMarket(m, "EV", List.of("YES", "NO"), 200, null, null, null, "lp", 100_000, "E-" + m));
                svc.execute(new MarketCommand.Halt(m, HaltLevel.HARD, "drill"));
            }
            Finalized fin = new Finalized("EV", "categorical", null, "NO", false, "undisputed", "2026-11-27T11:00:00Z");
            assertEquals(2, svc.dueTicks().size(), "unsharded: every halted market");
            assertEquals(2, svc.reactions(List.of(fin)).size());

            svc.restrictTo(new Shard(1, 2));
            assertEquals(List.of(new MarketCommand.Tick(mine)), svc.dueTicks());
            assertEquals(List.of(new MarketCommand.Settle(mine)), svc.reactions(List.of(fin)));
            assertEquals(2, svc.state().books().size(), "the state still folds every market");
        }
    }
}

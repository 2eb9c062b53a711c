package io.mbp.evidence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mbp.catalog.EventCatalog;
import io.mbp.events.EventLog;
import io.mbp.events.NewEvent;
import io.mbp.market.MarketCommand.CreateMarket;
import io.mbp.market.MarketCommand.Deposit;
import io.mbp.market.MarketCommand.PlaceOrder;
import io.mbp.market.MarketEngine;
import io.mbp.market.MarketQuality;
import io.mbp.market.MarketService;
import io.mbp.market.QualityKpis;
import io.mbp.oracle.RoundAggregated;
import io.mbp.sql.Database;
import io.mbp.sql.testing.EveryEngine;
import io.mbp.sql.testing.TestDatabase;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

/** The two reports issue 16 adds to every bundle, computed from the log alone (ADR 0317, ADR 0603). */
class MarketAndOracleRoundsReportTest {
    private static MarketService at(Database db, String ts) {
        MarketService s = new MarketService(db, new MarketEngine(), Clock.fixed(Instant.parse(ts), ZoneOffset.UTC));
        s.load();
        return s;
    }

    @EveryEngine
    void marketQualityIsTheSampledKpisOfTheNewestMarketDay(TestDatabase engine) {
        try (Database db = Database.openMigrated(engine.url())) {
            assertEquals(List.of("market quality: no market events"), new MarketQualityReport().compute(db, 0));
            at(db, "2026-11-26T10:00:00Z").execute(new CreateMarket("OLD", "EV0", List.of("YES", "NO"), 50, null, null, null, "lp",
                    500_000_000, "E0"));
            at(db, "2026-11-27T09:00:00Z").execute(new CreateMarket("M", "EV", List.of("YES", "NO"), 200, null, null, null, "lp",
                    1_000_000, "E1"));
            at(db, "2026-11-27T09:00:00Z").execute(new Deposit("ana", 1_000_000, "D1", null, null));
            at(db, "2026-11-27T12:00:00Z").execute(new PlaceOrder("M", "ana", "YES", "buy", 100_000, 0, null, null));
            long n = new EventLog(db).size();
            List<String> lines = new MarketQualityReport().compute(db, n);
            QualityKpis.Report expected = MarketQuality.sample(new MarketService(db, new MarketEngine(), Clock.systemUTC()),
                    Instant.parse("2026-11-27T00:00:00Z"), Instant.parse("2026-11-28T00:00:00Z"), 60, 10_000);
            assertTrue(lines.get(0).startsWith("market quality from 2026-11-27T00:00:00Z to 2026-11-28T00:00:00Z step_seconds 60"),
                    lines.get(0));
            assertEquals(1440 + 899, expected.overall().samples(), "OLD all day, M from 09:01 (09:00 sees the log before it)");
            assertTrue(lines.get(1).startsWith("overall samples 2339 unquoted " + expected.overall().unquoted() + " spread_p95_pct "
                    + QualityKpis.pct(expected.overall().spreadP95Bps()) + " "), lines.get(1));
            assertTrue(lines.get(1).endsWith("FAIL"), lines.get(1));
            String m = lines.stream().filter(l -> l.startsWith("market M ")).findFirst().orElseThrow();
            assertTrue(m.contains("orders 1 ") && m.contains("depth_2pct_p50_centavos " + expected.market("M").depth2PctP50Centavos()), m);
            String old = lines.stream().filter(l -> l.startsWith("market OLD ")).findFirst().orElseThrow();
            assertTrue(old.endsWith("gates spread pass slippage pass depth pass PASS"), old);
            // the report reads only the first treeSize events: without the order, no fill
            assertTrue(new MarketQualityReport().compute(db, n - 1).stream().anyMatch(l -> l.startsWith("market M ") && l.contains("orders 0 ")));
        }
    }

    @EveryEngine
    void oracleRoundsListsEveryRoundWithCountsPerEvent(TestDatabase engine) {
        try (Database db = Database.openMigrated(engine.url())) {
            Instant t = Instant.parse("2026-11-27T12:00:00Z");
            new EventLog(db).append(List.of(
                    NewEvent.of(EventCatalog.standard(), "PTAX", t, new RoundAggregated("PTAX", "2026-11-27T12:00:00Z", "consensus",
                            "consensus", "5.4012", null, null, 3, 10_000, 10_000, 10_000, List.of("bcb|agree|10|5.4012"))),
                    NewEvent.of(EventCatalog.standard(), "PTAX", t, new RoundAggregated("PTAX", "2026-11-27T12:01:00Z", "twap_fallback",
                            "no_quorum", null, null, "5.4010", 1, 3_000, 10_000, 3_000, List.of("bcb|stale|900|5.4012"))),
                    NewEvent.of(EventCatalog.standard(), "CUP", t, new RoundAggregated("CUP", "2026-11-27T12:00:00Z", "consensus",
                            "divergent", null, null, null, 2, 10_000, 10_000, 4_000, List.of()))));
            List<String> lines = new OracleRoundsReport().compute(db, 3);
            assertEquals("oracle rounds 3 events 2", lines.get(0));
            assertEquals("event CUP rounds 1 consensus 0 no_quorum 0 divergent 1 not_in_consensus_mode 0", lines.get(1));
            assertEquals("event PTAX rounds 2 consensus 1 no_quorum 1 divergent 0 not_in_consensus_mode 1", lines.get(2));
            assertTrue(lines.get(3).startsWith("seq 0 event PTAX at 2026-11-27T12:00:00Z mode consensus status consensus value 5.4012"),
                    lines.get(3));
            assertTrue(lines.get(4).contains("status no_quorum fallback 5.4010") && lines.get(4).endsWith("sources bcb|stale|900|5.4012"),
                    lines.get(4));
            assertEquals("oracle rounds 1 events 1", new OracleRoundsReport().compute(db, 1).get(0));
        }
    }
}

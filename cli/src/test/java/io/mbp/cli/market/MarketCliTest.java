package io.mbp.cli.market;

import static io.mbp.cli.testing.Cli.mbpOn;
import io.mbp.cli.testing.Cli.Run;
import io.mbp.sql.testing.EveryEngine;
import io.mbp.sql.testing.TestDatabase;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mbp.cli.CliClock;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;

class MarketCliTest {
    @TempDir
    Path tmp;

    @EveryEngine
    void createListShowHaltResumeSettleCheck(TestDatabase engine) throws Exception {
        String db = engine.url("mbp");
        Run c = mbpOn(db, "market", "create", "--id", "PTAX-ABOVE-5.40", "--oracle-event", "PTAX-2026-11-27", "--outcomes", "YES,NO",
                "--threshold", "5.40", "--liquidity", "100000", "--lp-account", "lp");
        assertEquals(0, c.code(), c.err());
        Run bad = mbpOn(db, "market", "create", "--id", "X", "--oracle-event", "E", "--outcomes", "YES,NO", "--liquidity", "0",
                "--lp-account", "lp");
        assertEquals(4, bad.code());
        assertTrue(bad.err().contains("liquidity"), bad.err());
        assertTrue(mbpOn(db, "market", "list").out().contains("PTAX-ABOVE-5.40"));
        assertEquals(4, mbpOn(db, "market", "show", "--id", "NOPE").code());
        assertEquals(0, mbpOn(db, "market", "halt", "--id", "PTAX-ABOVE-5.40", "--level", "hard", "--reason", "drill").code());
        assertTrue(mbpOn(db, "--json", "market", "show", "--id", "PTAX-ABOVE-5.40").out().contains("\"halt\":\"hard\""));
        assertEquals(0, mbpOn(db, "market", "resume", "--id", "PTAX-ABOVE-5.40", "--reason", "drill over").code());
        Run early = mbpOn(db, "market", "settle", "--id", "PTAX-ABOVE-5.40");
        assertEquals(4, early.code());
        assertTrue(early.err().contains("has not finalized"), early.err());

        // what the oracle's finalize writes (raw appends of oracle events are refused: docs/adr/0006)
        Path fin = tmp.resolve("fin.ndjson");
        Files.writeString(fin, "{\"type\":\"Finalized\",\"stream\":\"PTAX-2026-11-27\",\"ts\":\"2026-11-27T16:00:00Z\",\"payload\":"
                + "{\"event\":\"PTAX-2026-11-27\",\"kind\":\"numeric\",\"value\":\"5.4012\",\"invalid\":false,\"via\":\"undisputed\","
                + "\"finalized_at\":\"2026-11-27T16:00:00Z\"}}\n");
        assertEquals(4, mbpOn(db, "events", "append", "-f", fin.toString()).code());
        writeBehindTheEngine(db, new io.mbp.oracle.Finalized("PTAX-2026-11-27", "numeric", "5.4012", null, false, "undisputed",
                "2026-11-27T16:00:00Z"));
        Run settled = mbpOn(db, "market", "settle", "--all");
        assertEquals(0, settled.code(), settled.err());
        assertTrue(settled.out().contains("YES: value 5.4012 >= threshold 5.40"), settled.out());
        assertTrue(mbpOn(db, "market", "settle", "--all").out().contains("no unsettled market"));
        Run check = mbpOn(db, "market", "check");
        assertEquals(0, check.code(), check.err());
        Run q = mbpOn(db, "market", "quality");
        assertEquals(0, q.code(), q.err());
        assertTrue(q.out().startsWith("market,samples,spread_p95_pct,slippage_p95_pct,depth_2pct_p50_centavos"), q.out());
    }

    @EveryEngine
    void checkExitsThreeNamingTheFirstViolatedInvariant(TestDatabase engine) throws Exception {
        String db = engine.url("bad");
        assertEquals(0, mbpOn(db, "market", "create", "--id", "M", "--oracle-event", "EV", "--outcomes", "YES,NO",
                "--liquidity", "100000", "--lp-account", "lp").code());
        // a settlement appended behind the engine's back, with no Finalized event for EV: I5
        Path rogue = tmp.resolve("rogue.ndjson");
        Files.writeString(rogue, "{\"type\":\"MarketSettled\",\"stream\":\"M\",\"ts\":\"2026-11-27T16:00:00Z\",\"payload\":"
                + "{\"market\":\"M\",\"oracle_event\":\"EV\",\"finalized_seq\":0,\"numerators\":[1,0],\"denominator\":1,\"result\":\"YES won\"}}\n");
        assertEquals(4, mbpOn(db, "events", "append", "-f", rogue.toString()).code(), "raw settlements are refused");
        writeBehindTheEngine(db, new io.mbp.market.MarketSettled("M", "EV", 0, List.of(1L, 0L), 1, "YES won"));
        Run check = mbpOn(db, "market", "check");
        assertEquals(3, check.code(), check.out() + check.err());
        assertTrue(check.err().contains("invariant I5 violated"), check.err());
    }

    /** Appends straight to the log, as the engine that owns the event (or a log written before issue 19) would. */
    private static void writeBehindTheEngine(String db, io.mbp.events.EventPayload p) {
        try (io.mbp.sql.Database d = io.mbp.sql.Database.openMigrated(db)) {
            io.mbp.events.EventTypes t = io.mbp.catalog.EventCatalog.standard();
            new io.mbp.events.EventLog(d).append(List.of(io.mbp.events.NewEvent.of(t, "stream",
                    java.time.Instant.parse("2026-11-27T16:00:00Z"), p)));
        }
    }

    @EveryEngine
    void qualitySamplesEveryStepAndReportsTheGatesAsJson(TestDatabase engine) throws Exception {
        String db = engine.url("qs");
        try {
            // `market create` stamps the system clock: the markets are created at a known time through the service
            try (io.mbp.sql.Database d = io.mbp.sql.Database.openMigrated(db)) {
                io.mbp.market.MarketService svc = new io.mbp.market.MarketService(d, new io.mbp.market.MarketEngine(),
                        Clock.fixed(Instant.parse("2026-11-27T12:00:30Z"), ZoneOffset.UTC));
                svc.load();
                svc.execute(io.mbp.market.MarketDefaults.createMarket("DEEP", "EV1", List.of("YES", "NO"), 50L, null, null, null,
                        "lp", 500_000_000, null));
                svc.execute(io.mbp.market.MarketDefaults.createMarket("WIDE", "EV2", List.of("YES", "NO"), null, null, null, null,
                        "lp", 1_000_000, null));
            }
            CliClock.useClock(Clock.fixed(Instant.parse("2026-11-27T13:00:00Z"), ZoneOffset.UTC));
            Run r = mbpOn(db, "--json", "market", "quality", "--from", "2026-11-27T12:00:00Z", "--to", "2026-11-27T12:10:00Z");
            assertEquals(0, r.code(), r.err());
            JsonNode j = new ObjectMapper().enable(com.fasterxml.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).readTree(r.out());
            assertEquals("nearest-rank", j.path("percentile_method").asText());
            assertEquals(60, j.path("step_seconds").asLong());
            assertEquals(18, j.path("overall").path("samples").asLong(), "12:01..12:09 for each of two markets");
            assertEquals(0, j.path("thresholds").path("spread_p95_pct").decimalValue().compareTo(new java.math.BigDecimal("2.00")));
            JsonNode deep = j.path("markets").get(0);
            assertEquals("DEEP", deep.path("market").asText());
            assertTrue(deep.path("pass").asBoolean(), deep.toString());
            assertTrue(deep.path("depth_2pct_p50_centavos").asLong() >= 7_500_000, deep.toString());
            JsonNode wide = j.path("markets").get(1);
            assertFalse(wide.path("pass").asBoolean(), "a 2% fee puts the round trip over 2%: " + wide);
            assertTrue(wide.path("spread_p95_pct").decimalValue().compareTo(new java.math.BigDecimal("2.00")) > 0, wide.toString());
            assertTrue(wide.has("slippage_p95_pct") && wide.has("depth_2pct_p50_centavos"), wide.toString());
            assertFalse(j.path("overall").path("pass").asBoolean());

            Run hourly = mbpOn(db, "market", "quality", "--from", "2026-11-27T12:00:00Z", "--step", "PT1H");
            assertEquals(0, hourly.code(), hourly.err());
            assertTrue(hourly.out().contains("(overall),2,"), "12:00 before either market, 13:00 from the final state: " + hourly.out());
            Run badStep = mbpOn(db, "market", "quality", "--step", "1m");
            assertEquals(4, badStep.code());
            assertTrue(badStep.err().contains("--step"), badStep.err());
            Run tooMany = mbpOn(db, "market", "quality", "--from", "2026-01-01T00:00:00Z", "--step", "PT1S");
            assertEquals(4, tooMany.code());
            assertTrue(tooMany.err().contains("larger step"), tooMany.err());
        } finally {
            CliClock.useClock(null);
        }
    }

    @EveryEngine
    void qualityRefusesABadWindow(TestDatabase engine) {
        String db = engine.url("q");
        Run r = mbpOn(db, "market", "quality", "--from", "yesterday", "--to", "2030-01-01T00:00:00Z");
        assertEquals(4, r.code());
        assertTrue(r.err().contains("--from"), r.err());
    }
}

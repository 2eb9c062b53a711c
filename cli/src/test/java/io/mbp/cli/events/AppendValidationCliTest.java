package io.mbp.cli.events;

import static io.mbp.cli.testing.Cli.mbp;
import io.mbp.cli.testing.Cli.Run;
import io.mbp.cli.kyc.Onboarding;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mbp.catalog.EventCatalog;
import io.mbp.sql.testing.EveryEngine;
import io.mbp.sql.testing.TestDatabase;
import io.mbp.cli.daemon.Daemon;
import io.mbp.error.VerificationFailedException;
import io.mbp.events.EventLog;
import io.mbp.events.NewEvent;
import io.mbp.market.DepositReceived;
import io.mbp.market.OrderFilled;
import io.mbp.sql.Database;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 19, defects 4, 5 and 8: a raw {@code events append} meets the engines' rules (or appends
 * nothing), and a log that already breaks them is reported with exit 3 naming the events. Each case runs
 * on every engine, but the whole sample day: onboarding its 240 customers costs a minute per engine,
 * and that day is appended on every engine by NightlyCommandTest, EvidenceCliTest and
 * PayoutsReconEndToEndTest already.
 */
class AppendValidationCliTest {
    private static final String TS = "2026-11-27T10:00:00Z";

    @TempDir
    Path tmp;

    @org.junit.jupiter.api.AfterEach
    void plainEnvironment() {
        io.mbp.cli.custody.Secrets.useEnvironment(null);
    }

    private Path file(String name, String... lines) throws Exception {
        return Files.write(tmp.resolve(name), List.of(lines));
    }

    private long count(String db) {
        Run s = mbp("--db", db, "--json", "events", "stats");
        assertEquals(0, s.code(), s.err());
        return Long.parseLong(s.out().replaceAll("(?s).*\"count\"\\s*:\\s*(\\d+).*", "$1"));
    }

    static String deposit(String account, long amount, String e2eid) {
        return "{\"type\":\"DepositReceived\",\"stream\":\"" + account + "\",\"ts\":\"" + TS + "\",\"payload\":{\"account\":\""
                + account + "\",\"amount\":" + amount + ",\"e2eid\":\"" + e2eid + "\"}}";
    }

    static String buy(String market, String account, long amount, long shares, long fee) {
        return "{\"type\":\"OrderFilled\",\"stream\":\"" + market + "\",\"ts\":\"" + TS + "\",\"payload\":{\"order_id\":\"o-1\","
                + "\"market\":\"" + market + "\",\"account\":\"" + account + "\",\"outcome\":\"YES\",\"side\":\"buy\",\"amount\":"
                + amount + ",\"shares\":" + shares + ",\"cost\":" + amount + ",\"fee\":" + fee + "}}";
    }

    private void market(String db) {
        Run c = mbp("--db", db, "market", "create", "--id", "M", "--oracle-event", "EV", "--outcomes", "YES,NO",
                "--fee-bps", "0", "--liquidity", "1000000", "--lp-account", "lp");
        assertEquals(0, c.code(), c.err());
    }

    private void refused(String db, Path f, String... words) {
        long before = count(db);
        Run r = mbp("--db", db, "events", "append", "--file", f.toString());
        assertEquals(4, r.code(), r.out() + r.err());
        for (String w : words) {
            assertTrue(r.err().contains(w), "expected '" + w + "' in: " + r.err());
        }
        assertFalse(r.err().contains("Exception"), r.err());
        assertEquals(before, count(db), "nothing appended");
    }

    @EveryEngine
    void aFillForAnUnknownMarketIsRefusedNamingLineAndField(TestDatabase engine) throws Exception {
        String db = engine.url("unknown");
        refused(db, file("f.ndjson", deposit("ana", 5000, "E1"), buy("NOPE", "ana", 1000, 1900, 0)),
                "line 2: field payload.market", "no market \"NOPE\"");
    }

    @EveryEngine
    void aFillForAnAccountWithoutMoneyIsRefused(TestDatabase engine) throws Exception {
        String db = engine.url("broke");
        market(db);
        refused(db, file("f.ndjson", buy("M", "bob", 1000, 1900, 0)), "line 1: field payload.amount", "has 0 centavos");
    }

    @EveryEngine
    void aFillTheEngineWouldPriceDifferentlyIsRefusedNamingTheField(TestDatabase engine) throws Exception {
        String db = engine.url("price");
        market(db);
        refused(db, file("f.ndjson", deposit("ana", 5000, "E1"), buy("M", "ana", 1000, 999_999, 0)),
                "line 2: field payload.shares", "the engine decides");
    }

    @EveryEngine
    void aFillTheEngineWouldMakeIsAppendedAndCheckStaysGreen(TestDatabase engine) throws Exception {
        String db = engine.url("ok");
        market(db);
        // the engine's own quote for 1000 centavos of YES on a 1,000,000/1,000,000 pool with no fee
        long shares = io.mbp.market.Fpmm.buy(new long[] {1_000_000, 1_000_000}, 0, 1000, 0).shares();
        Run a = mbp("--db", db, "events", "append", "--file",
                file("f.ndjson", deposit("ana", 5000, "E1"), buy("M", "ana", 1000, shares, 0)).toString());
        assertEquals(0, a.code(), a.err());
        Run check = mbp("--db", db, "market", "check");
        assertEquals(0, check.code(), check.out() + check.err());
    }

    @EveryEngine
    void aRepeatedE2eidIsRefusedInTheSameFileAndAcrossFiles(TestDatabase engine) throws Exception {
        String db = engine.url("dup");
        refused(db, file("same.ndjson", deposit("ana", 5000, "E1"), deposit("ana", 5000, "E1")),
                "line 2: field payload.e2eid", "E1 was already credited");
        assertEquals(0, mbp("--db", db, "events", "append", "--file", file("one.ndjson", deposit("ana", 5000, "E1")).toString())
                .code());
        refused(db, file("again.ndjson", deposit("bob", 700, "E2"), deposit("ana", 5000, "E1")),
                "line 2: field payload.e2eid", "E1 was already credited");
    }

    @EveryEngine
    void familiesOnlyTheirCommandsWriteAreRefusedNamingTheCommand(TestDatabase engine) throws Exception {
        String db = engine.url("families");
        market(db);
        refused(db, file("fin.ndjson", "{\"type\":\"Finalized\",\"stream\":\"EV\",\"ts\":\"" + TS + "\",\"payload\":"
                + "{\"event\":\"EV\",\"kind\":\"numeric\",\"value\":\"5.4\",\"invalid\":false,\"via\":\"undisputed\","
                + "\"finalized_at\":\"" + TS + "\"}}"), "line 1", "Finalized is written only by the oracle", "mbp oracle");
        refused(db, file("settle.ndjson", "{\"type\":\"MarketSettled\",\"stream\":\"M\",\"ts\":\"" + TS + "\",\"payload\":"
                + "{\"market\":\"M\",\"oracle_event\":\"EV\",\"finalized_seq\":0,\"numerators\":[1,0],\"denominator\":1,"
                + "\"result\":\"YES won\"}}"), "line 1: field type", "mbp market settle");
    }

    @EveryEngine
    void nonUtf8InputIsBadInputNamingTheLine(TestDatabase engine) throws Exception {
        String db = engine.url("latin1");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes((deposit("ana", 5000, "E1") + "\n" + deposit("bob", 5000, "E2") + "\n").getBytes(StandardCharsets.UTF_8));
        bytes.writeBytes(deposit("jos\u00e9", 5000, "E3").getBytes(StandardCharsets.ISO_8859_1));
        bytes.writeBytes("\n".getBytes(StandardCharsets.UTF_8));
        Path f = Files.write(tmp.resolve("latin1.ndjson"), bytes.toByteArray());
        refused(db, f, "line 3", "not valid UTF-8");
    }

    /** A log written before this check (or by SQL): market check and the daemon name the events, exit 3. */
    @EveryEngine
    void aLogThatAlreadyBreaksTheRulesIsReportedNotCrashedOn(TestDatabase engine) throws Exception {
        String db = engine.url("legacy");
        try (Database d = Database.openMigrated(db)) {
            new EventLog(d).append(List.of(
                    NewEvent.of(EventCatalog.standard(), "ana", Instant.parse(TS), new DepositReceived("ana", 5000, "E1")),
                    NewEvent.of(EventCatalog.standard(), "ana", Instant.parse(TS), new DepositReceived("ana", 5000, "E1")),
                    NewEvent.of(EventCatalog.standard(), "NOPE", Instant.parse(TS),
                            new OrderFilled("o-1", "NOPE", "ana", "YES", "buy", 1000, 1900, 1000, 0, null, null))));
        }
        Run check = mbp("--db", db, "market", "check");
        assertEquals(3, check.code(), check.out() + check.err());
        assertTrue(check.err().contains("seq 2 OrderFilled: no market \"NOPE\""), check.err());
        assertTrue(check.out().contains("seq 1 DepositReceived: e2eid E1 was already credited"), check.out());
        assertFalse(check.err().contains("Exception"), check.err());

        VerificationFailedException e = assertThrows(VerificationFailedException.class,
                () -> new Daemon(db, Daemon.Options.defaults(0), Clock.systemUTC()));
        assertTrue(e.getMessage().contains("refusing to start") && e.getMessage().contains("seq 2 OrderFilled"), e.getMessage());
    }

    @Test
    void theSampleDayAppendsWholeAndKeepsTheInvariants() {
        String db = "jdbc:h2:file:" + tmp.resolve("sample").toAbsolutePath();
        // the withdrawals' clear PIX keys become vault references: their accounts are onboarded first (ADR 0703)
        Onboarding.sampleDay(db, tmp.resolve("vault"), new java.util.HashMap<>(), false);
        Run a = mbp("--db", db, "events", "append", "--file", Path.of("..", "samples", "events", "2026-11-27.ndjson").toString());
        assertEquals(0, a.code(), a.err());
        Run check = mbp("--db", db, "market", "check");
        assertEquals(0, check.code(), check.out() + check.err());
        Run cash = mbp("--db", db, "events", "append", "--file",
                Path.of("..", "samples", "events", "2026-11-27-cash.ndjson").toString());
        assertEquals(4, cash.code(), "the cash day repeats the mixed day's e2eids: " + cash.err());
        assertTrue(cash.err().contains("already credited"), cash.err());
    }
}

package io.mbp.cli;

import io.mbp.cli.testing.Cli;
import io.mbp.cli.kyc.Onboarding;
import io.mbp.sql.testing.EveryEngine;
import io.mbp.sql.testing.TestDatabase;
import io.mbp.sql.Engine;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mbp.cli.custody.Secrets;
import io.mbp.sql.Database;
import io.mbp.sql.schema.Tables;
import io.mbp.payout.PayoutService;
import java.nio.file.Files;
import java.time.Clock;
import java.time.LocalDate;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/** The nightly job's oracle and settle steps on the oracle's sample day, through the real CLI. */
class NightlyOracleCliTest {
    static final Path S = Path.of("..", "samples", "oracle").toAbsolutePath().normalize();
    static final String D = "2026-11-27";
    /**
     * Events the custody steps append about themselves, and the gate step's Go/No-Go decision, which a re-run
     * records again when the evidence changed (the first run's seal made the checkpoint the forced run's gate
     * sees); everything else must not grow on a re-run.
     */
    static final Set<String> BOOKKEEPING = Set.of("CheckpointSealed", "AnchorPublished", "GateChecked");

    @TempDir
    Path tmp;

    @AfterEach
    void plainEnvironment() {
        Secrets.useEnvironment(null);
    }

    @EveryEngine
    void oracleAndSettleStepsThenNoOpReRuns(TestDatabase engine) throws Exception {
        String db = engine.url();
        Map<String, String> env = new java.util.HashMap<>(Map.of("MBP_KEY_PASSPHRASE", "test passphrase",
                "MBP_KEYFILE", tmp.resolve("keys.json").toString()));
        Secrets.useEnvironment(env::get);
        // the withdrawals' PIX keys are kept by vault reference: the customers are onboarded first (ADR 0703)
        Onboarding.sampleDay(db, tmp.resolve("vault"), env, false);
        if (engine.is(Engine.H2)) {
            // H2 2.3.232 may fail to reopen a file closed in the same JVM (see NightlyCommandTest).
            try (Database keepOpen = Database.openMigrated(db)) {
                run(db);
            }
        } else {
            run(db);
        }
    }

    private void run(String db) throws Exception {
        String t0 = D + "T00:00:00Z";
        ok(db, "keys", "init");
        // The day's PIX deposits and withdrawals: the withdrawals become payout instructions below.
        ok(db, "events", "append", "--file", Path.of("..", "samples", "events", D + "-cash.ndjson").toString());
        ok(db, "oracle", "source", "add", "--file", S.resolve("sources.csv").toString(), "--at", t0);
        ok(db, "oracle", "committee", "add", "--file", S.resolve("committee.csv").toString(), "--at", t0);
        ok(db, "oracle", "event", "add", "--file", S.resolve("events.json").toString(), "--at", t0);
        ok(db, "oracle", "ingest", "--file", S.resolve("reports.csv").toString(), "--rejects",
                tmp.resolve("rejects.csv").toString(), "--at", "2026-11-28T00:00:00Z");
        // Rounds up to noon by hand: the nightly continues after them, it does not redo or refuse them.
        ok(db, "oracle", "aggregate", "--at", t0, "--until", D + "T12:00:00Z", "--every", "PT10M");
        ok(db, "market", "create", "--id", "PTAX-ABOVE-5.40", "--oracle-event", "ptax-usdbrl-2026-11-27", "--outcomes", "YES,NO",
                "--threshold", "5.40", "--liquidity", "100000", "--lp-account", "lp");
        String out = tmp.resolve("out").toString();

        Cli.Run first = Cli.mbp("--db", db, "nightly", "--date", D, "--out", out, "--skip-anchor");
        assertEquals(0, first.code(), first.out() + first.err());
        assertTrue(first.out().contains("oracle event(s) finalized"), first.out());
        assertTrue(first.out().contains("settled 1 market(s)"), first.out());
        assertTrue(first.out().contains("skipped: no --psp"), first.out());
        Map<String, Integer> afterFirst = countByType(db);
        assertTrue(afterFirst.getOrDefault("Finalized", 0) >= 5, afterFirst.toString());
        assertEquals(1, afterFirst.get("MarketSettled"), afterFirst.toString());
        // The nightly's rounds start after the hand-run ones: from 12:10 to 23:50, 71 times per event at most.
        assertTrue(afterFirst.get("RoundAggregated") > 0, afterFirst.toString());
        String status = Cli.mbp("--db", db, "oracle", "event", "list").out();
        assertTrue(status.contains("ptax-usdbrl-2026-11-27") && status.contains("5.3587"), status);

        Cli.Run again = Cli.mbp("--db", db, "nightly", "--date", D, "--out", out, "--skip-anchor");
        assertEquals(0, again.code(), again.err());
        assertTrue(again.out().contains("already completed"), again.out());
        assertEquals(afterFirst, countByType(db));

        Cli.Run forced = Cli.mbp("--db", db, "nightly", "--date", D, "--out", out, "--skip-anchor", "--force");
        assertEquals(0, forced.code(), forced.out() + forced.err());
        assertTrue(forced.out().contains("0 round(s)") && forced.out().contains("0 oracle event(s) finalized"), forced.out());
        assertTrue(forced.out().contains("no unsettled market has a finalized oracle event"), forced.out());
        Map<String, Integer> afterForced = countByType(db);
        BOOKKEEPING.forEach(t -> {
            afterForced.remove(t);
            afterFirst.remove(t);
        });
        assertEquals(afterFirst, afterForced);

        // The recon step: a statement folder without the statement of D-1 is data not ready (69).
        Path statements = Files.createDirectories(tmp.resolve("statements"));
        Cli.Run notReady = Cli.mbp("--db", db, "nightly", "--date", "2026-11-28", "--out", out, "--skip-anchor",
                "--statement-dir", statements.toString());
        assertEquals(69, notReady.code(), notReady.out() + notReady.err());
        assertTrue(notReady.err().contains("the PSP statement of 2026-11-27 is not in"), notReady.err());

        evidence(db);
    }

    /** The capability reports in a bundle of a log with oracle, market and payout events: built, replayed, tampered. */
    private void evidence(String db) throws Exception {
        try (Database d = Database.open(db)) {
            PayoutService svc = new PayoutService(d, Clock.systemUTC());
            assertTrue(svc.instructDue(LocalDate.parse(D), svc.book()) > 0, "the day's withdrawals are instructed");
        }
        ok(db, "seal");
        Path pub = tmp.resolve("pub.txt");
        ok(db, "keys", "export-public", "--out", pub.toString());
        Path bundle = tmp.resolve("bundle");
        ok(db, "evidence", "build", "--date", D, "--out", bundle.toString());
        String oracle = Files.readString(bundle.resolve("reports/oracle.txt"));
        assertTrue(oracle.contains("event ptax-usdbrl-2026-11-27 kind numeric value 5.3587 via undisputed"), oracle);
        String settlements = Files.readString(bundle.resolve("reports/settlements.txt"));
        assertTrue(settlements.contains("market PTAX-ABOVE-5.40 oracle ptax-usdbrl-2026-11-27"), settlements);
        assertTrue(settlements.contains("  paid PTAX-ABOVE-5.40 lp "), settlements);
        String payouts = Files.readString(bundle.resolve("reports/payouts.txt"));
        assertTrue(payouts.contains("status pending ") && payouts.contains(" pending amount "), payouts);
        assertTrue(Files.readString(bundle.resolve("reports/reconciliation.txt")).startsWith("dates 0 exceptions 0"));
        String rounds = Files.readString(bundle.resolve("reports/oracle-rounds.txt"));
        assertTrue(rounds.contains("\nevent ptax-usdbrl-2026-11-27 rounds ") && rounds.contains(" event ptax-usdbrl-2026-11-27 at "), rounds);
        String quality = Files.readString(bundle.resolve("reports/market-quality.txt"));
        assertTrue(quality.startsWith("market quality from ") && quality.contains("\noverall samples "), quality);

        Cli.Run verified = Cli.mbp("evidence", "verify", bundle.toString(), "--pubkey", pub.toString());
        assertEquals(0, verified.code(), verified.out() + verified.err());
        Cli.Run replayed = Cli.mbp("evidence", "replay", bundle.toString());
        assertEquals(0, replayed.code(), replayed.out() + replayed.err());
        assertTrue(replayed.out().contains("oracle, settlements, payouts, reconciliation, privacy, screening, aml, sre-dr, oracle-rounds, market-quality, gates, canary-release, recon-streak, ga, platform recomputed and identical"), replayed.out());

        Path report = bundle.resolve("reports/oracle.txt");
        Files.writeString(report, oracle.replace("value 5.3587", "value 5.4012"));
        Cli.Run tampered = Cli.mbp("evidence", "replay", bundle.toString());
        assertEquals(3, tampered.code(), tampered.out() + tampered.err());
        assertTrue(tampered.err().contains("reports/oracle.txt line "), tampered.err());
        assertTrue(tampered.err().contains("value 5.4012"), tampered.err());
    }

    private static void ok(String db, String... args) {
        Cli.ok(db, args);
    }

    private static Map<String, Integer> countByType(String db) {
        try (Database d = Database.open(db)) {
            Map<String, Integer> m = new TreeMap<>();
            d.read(dsl -> dsl.select(Tables.EVENTS.TYPE, org.jooq.impl.DSL.count()).from(Tables.EVENTS)
                    .groupBy(Tables.EVENTS.TYPE).fetch()).forEach(r -> m.put(r.value1(), r.value2()));
            return m;
        }
    }
}

package io.mbp.cli;

import io.mbp.cli.testing.Cli;
import io.mbp.cli.kyc.Onboarding;
import io.mbp.sql.testing.EveryEngine;
import io.mbp.sql.testing.TestDatabase;
import io.mbp.sql.Engine;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mbp.cli.custody.Secrets;
import io.mbp.payout.sim.Credits;
import io.mbp.payout.sim.PspSimServer;
import io.mbp.payout.sim.PspSimulator;
import io.mbp.payout.sim.SimConfig;
import io.mbp.sql.Database;
import io.mbp.sql.schema.Tables;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/** The nightly job's payouts and recon steps against a real PSP simulator on 127.0.0.1. */
class NightlyPayoutsReconCliTest {
    static final Path CASH = Path.of("..", "samples", "events", "2026-11-27-cash.ndjson");
    static final String D = "2026-11-27";

    @TempDir
    Path tmp;

    private final Map<String, String> env = new java.util.HashMap<>();

    @AfterEach
    void plainEnvironment() {
        Secrets.useEnvironment(null);
    }

    @EveryEngine
    void paysOnceAndReconcilesTheDayBefore(TestDatabase engine) throws Exception {
        String db = engine.url();
        env.put("MBP_KEY_PASSPHRASE", "test passphrase");
        env.put("MBP_KEYFILE", tmp.resolve("keys.json").toString());
        Secrets.useEnvironment(env::get);
        PspSimulator sim = new PspSimulator(SimConfig.clean(7), Clocks.startingAt("2026-11-27T20:00:00Z", java.time.Clock.systemUTC()));
        Credits.fromEvents(CASH).forEach(sim::addCredit);
        try (PspSimServer server = new PspSimServer(sim, 0).start()) {
            if (engine.is(Engine.H2)) {
                // H2 2.3.232 may fail to reopen a file closed in the same JVM (see NightlyCommandTest).
                try (Database keepOpen = Database.openMigrated(db)) {
                    run(db, server.baseUrl());
                }
            } else {
                run(db, server.baseUrl());
            }
            assertTrue(sim.paidCount() > 0);
            assertEquals(sim.paidCount(), sim.paidById().size(), "nothing paid twice");
        }
    }

    private void run(String db, String psp) throws Exception {
        assertEquals(0, Cli.mbp("--db", db, "keys", "init").code());
        // verified customers with the payouts consent: the KYC gate lets them be paid (ADR 0704)
        Onboarding.sampleDay(db, tmp.resolve("vault"), env, true);
        assertEquals(0, Cli.mbp("--db", db, "events", "append", "--file", CASH.toString()).code());
        String out = tmp.resolve("out").toString();
        Cli.Run first = Cli.mbp("--db", db, "nightly", "--date", D, "--out", out, "--skip-anchor", "--psp", psp);
        assertEquals(0, first.code(), first.out() + first.err());
        assertTrue(first.out().contains("payouts " + D + " via " + psp), first.out());
        assertTrue(first.out().contains("skipped: no --statement-dir"), first.out());
        int payoutEvents = count(db, "Payout%");
        assertTrue(payoutEvents > 0, first.out());
        Cli.Run forced = Cli.mbp("--db", db, "nightly", "--date", D, "--out", out, "--skip-anchor", "--psp", psp,
                "--force");
        assertEquals(0, forced.code(), forced.out() + forced.err());
        assertTrue(forced.out().contains("0 newly instructed, 0 sends"), forced.out());
        assertEquals(payoutEvents, count(db, "Payout%"));

        // The night of D+1 reconciles D with the PSP's statement of D, once it is in the folder.
        Path statements = Files.createDirectories(tmp.resolve("statements"));
        String next = "2026-11-28";
        Cli.Run notYet = Cli.mbp("--db", db, "nightly", "--date", next, "--out", out, "--skip-anchor",
                "--statement-dir", statements.toString());
        assertEquals(69, notYet.code(), notYet.out() + notYet.err());
        assertTrue(notYet.err().contains("the PSP statement of " + D + " is not in"), notYet.err());
        assertEquals(0, Cli.mbp("payouts", "statement", "--psp", psp, "--date", D, "--format", "csv",
                "--out", statements.resolve(D + ".csv").toString()).code());
        // The job resumes at recon; D+1 itself has no events of its own, so the public export is not ready (69).
        Cli.Run recon = Cli.mbp("--db", db, "nightly", "--date", next, "--out", out, "--skip-anchor",
                "--statement-dir", statements.toString());
        assertTrue(recon.out().contains("recon " + D + " with " + D + ".csv: "), recon.out() + recon.err());
        int reconEvents = count(db, "Recon%") + count(db, "Statement%");
        assertTrue(reconEvents > 0, recon.out());
        Cli.Run again = Cli.mbp("--db", db, "nightly", "--date", next, "--out", out, "--skip-anchor",
                "--statement-dir", statements.toString(), "--force");
        assertTrue(again.out().contains("(imported before)"), again.out() + again.err());
        assertEquals(reconEvents, count(db, "Recon%") + count(db, "Statement%"));
        assertEquals(payoutEvents, count(db, "Payout%"));
    }

    private static int count(String db, String typeLike) {
        try (Database d = Database.open(db)) {
            return d.read(dsl -> dsl.fetchCount(Tables.EVENTS, Tables.EVENTS.TYPE.like(typeLike)));
        }
    }
}

package io.mbp.cli;

import io.mbp.cli.testing.Cli;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mbp.cli.custody.Secrets;
import io.mbp.cli.kyc.Onboarding;
import io.mbp.payout.sim.Credits;
import io.mbp.payout.sim.PspSimServer;
import io.mbp.payout.sim.PspSimulator;
import io.mbp.payout.sim.SimConfig;
import io.mbp.sql.Database;
import io.mbp.sql.Engine;
import io.mbp.sql.testing.PostgresServer;
import io.mbp.sql.testing.TestDatabase;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 18, ADR 0310: two nightly workers (two "machines": own output folders) start the same date on
 * one database against the PSP simulator. On PostgreSQL the second finds the lock held, joins the
 * first's payouts step as a claiming worker and leaves the rest to it: every instruction is sent
 * exactly once, both workers send some, and the holder completes the day with every payout's outcome
 * sealed. PostgreSQL only: on H2 and SQLite the second run exits 75 having done nothing, as before
 * ({@code JobRunnerTest.aSecondRunJoinsTheSplittableStepsOnPostgresOnly} shows both sides on every engine,
 * without the minute this end-to-end set-up costs per engine).
 */
class NightlyJoinCliTest {
    private static final String D = NightlyPayoutsReconCliTest.D;
    private static final Pattern SENDS = Pattern.compile("payouts " + D + " via \\S+( \\(this worker's share\\))?: (\\d+) newly instructed, (\\d+) sends");

    @TempDir
    Path tmp;

    private final Map<String, String> env = new java.util.HashMap<>();

    @AfterEach
    void plainEnvironment() {
        Secrets.useEnvironment(null);
    }

    @Test
    void twoNightlyWorkersOnPostgresSplitTheDay() throws Exception {
        PostgresServer.urlOrSkip();
        try (TestDatabase engine = new TestDatabase(Engine.POSTGRESQL)) {
            splitTheDay(engine.url());
        }
    }

    private void splitTheDay(String db) throws Exception {
        env.put("MBP_KEY_PASSPHRASE", "test passphrase");
        env.put("MBP_KEYFILE", tmp.resolve("keys.json").toString());
        Secrets.useEnvironment(env::get);
        // 200 ms per PSP request and 2 sends in flight (claims of 8): the first worker's payouts last
        // seconds, long enough for the second to arrive while most are still unclaimed
        PspSimulator sim = new PspSimulator(new SimConfig(SimConfig.DEFAULT_ISPB, SimConfig.DEFAULT_ACCOUNT, 7,
                0, 0, 0, 0, 0, 0, 0, 0, 0, 200, 0, 0), Clocks.startingAt("2026-11-27T20:00:00Z", java.time.Clock.systemUTC()));
        Credits.fromEvents(NightlyPayoutsReconCliTest.CASH).forEach(sim::addCredit);
        try (PspSimServer server = new PspSimServer(sim, 0).start()) {
            assertEquals(0, Cli.mbp("--db", db, "keys", "init").code());
            Onboarding.sampleDay(db, tmp.resolve("vault"), env, true);
            assertEquals(0, Cli.mbp("--db", db, "events", "append", "--file", NightlyPayoutsReconCliTest.CASH.toString()).code());
            int instructions = withdrawals(db);

            ExecutorService machines = Executors.newFixedThreadPool(2);
            try {
                Future<Cli.Run> first = machines.submit(() -> nightly(db, server.baseUrl(), "a"));
                long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
                while (sim.sendsById().isEmpty() && !first.isDone() && System.nanoTime() < until) {
                    Thread.sleep(20);
                }
                assertTrue(!sim.sendsById().isEmpty(), "the first worker reached its payouts step");
                Future<Cli.Run> second = machines.submit(() -> nightly(db, server.baseUrl(), "b"));
                Cli.Run a = first.get(180, TimeUnit.SECONDS);
                Cli.Run b = second.get(180, TimeUnit.SECONDS);
                assertEquals(0, a.code(), a.out() + a.err());

                Set<String> twice = new TreeSet<>();
                sim.sendsById().forEach((id, n) -> {
                    if (n != 1) {
                        twice.add(id + " x" + n);
                    }
                });
                assertEquals(Set.of(), twice, "instructions sent more than once");
                assertEquals(instructions, sim.sendsById().size(), "every instruction sent");
                assertEquals(instructions, count(db, "PayoutConfirmed"), "every instruction paid");
                assertTrue(sealedSize(db) >= lastPayoutSeq(db),
                        "the holder sealed the day after every payout outcome, its peer's too");

                assertEquals(0, b.code(), b.out() + b.err());
                assertTrue(b.out().contains(" joined the run of "), b.out());
                int sentByA = sends(a.out());
                int sentByB = sends(b.out());
                assertTrue(sentByA > 0 && sentByB > 0, "both workers sent: " + sentByA + " and " + sentByB);
                assertEquals(instructions, sentByA + sentByB, "each send counted by the worker that made it");
                assertTrue(!b.out().contains("seal ") && !b.out().contains("evidence "),
                        "the joiner leaves the other steps to the holder: " + b.out());
            } finally {
                machines.shutdownNow();
            }
        }
    }

    private Cli.Run nightly(String db, String psp, String machine) {
        return Cli.mbp("--db", db, "nightly", "--date", D, "--out", tmp.resolve("out-" + machine).toString(),
                "--skip-anchor", "--psp", psp, "--psp-parallelism", "2", "--join-wait", "PT60S");
    }

    /** The sends a worker's payouts step reports. */
    private static int sends(String out) {
        Matcher m = SENDS.matcher(out);
        assertTrue(m.find(), out);
        return Integer.parseInt(m.group(3));
    }

    // fresh connections: SQLite's keepOpen connection would read from its first snapshot
    private static int withdrawals(String url) {
        return read(url, db -> db.read(dsl -> dsl.fetchCount(io.mbp.sql.schema.Tables.EVENTS,
                io.mbp.sql.schema.Tables.EVENTS.TYPE.eq("WithdrawalRequested"))));
    }

    private static <T> T read(String url, java.util.function.Function<Database, T> f) {
        try (Database db = Database.open(url)) {
            return f.apply(db);
        }
    }

    private static int count(String url, String type) {
        return read(url, db -> db.read(dsl -> dsl.fetchCount(io.mbp.sql.schema.Tables.EVENTS,
                io.mbp.sql.schema.Tables.EVENTS.TYPE.eq(type))));
    }

    private static long lastPayoutSeq(String url) {
        return read(url, db -> db.read(dsl -> dsl.select(org.jooq.impl.DSL.max(io.mbp.sql.schema.Tables.EVENTS.SEQ))
                .from(io.mbp.sql.schema.Tables.EVENTS).where(io.mbp.sql.schema.Tables.EVENTS.TYPE.like("Payout%"))
                .fetchOne(0, Long.class)));
    }

    private static long sealedSize(String url) {
        Long n = read(url, db -> db.read(dsl -> dsl.select(org.jooq.impl.DSL.max(io.mbp.sql.schema.Tables.CHECKPOINTS.TREE_SIZE))
                .from(io.mbp.sql.schema.Tables.CHECKPOINTS).fetchOne(0, Long.class)));
        return n == null ? 0 : n;
    }
}

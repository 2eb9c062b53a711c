package io.mbp.cli.evidence;

import static io.mbp.cli.testing.Cli.mbp;
import io.mbp.cli.testing.Cli.Run;
import io.mbp.cli.kyc.Onboarding;
import io.mbp.sql.Engine;
import io.mbp.sql.testing.ChildJvm;
import io.mbp.sql.testing.EveryEngine;
import io.mbp.sql.testing.TestDatabase;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mbp.anchor.ChainAccount;
import io.mbp.cli.Main;
import io.mbp.cli.custody.Devchain;
import io.mbp.cli.custody.Secrets;
import io.mbp.sql.Database;
import io.mbp.sql.schema.Tables;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * The nightly job against a real ganache: a run killed while its anchor transaction waits for
 * confirmations; a second run started meanwhile exits 75 (locked); the re-run finishes the same
 * transaction: one checkpoint, one anchor, one transaction on chain, and the day's bundle verifies
 * with the anchor checked on chain.
 */
class NightlyAnchorCliTest {
    @TempDir
    Path tmp;

    // One ganache for the three engines (each start costs seconds); every test runs on a snapshot of the
    // fresh chain, reverted afterwards, so each sees its own single anchor transaction (nonce 0x1).
    @TempDir
    static Path chainLogs;
    private static Devchain chain;
    private String freshChain;

    @BeforeAll
    static void startChain() throws Exception {
        chain = Devchain.start(chainLogs);
    }

    @AfterAll
    static void stopChain() {
        if (chain != null) {
            chain.close();
        }
    }

    @BeforeEach
    void snapshotChain() throws Exception {
        freshChain = chain.snapshot();
    }

    @AfterEach
    void plainEnvironmentAndFreshChain() throws Exception {
        Secrets.useEnvironment(null);
        chain.revert(freshChain);
    }

    @EveryEngine
    void killedInTheAnchorStepThenLockedThenResumedWithoutADuplicate(TestDatabase engine) throws Exception {
        // On SQLite this found the seal failing SQLITE_BUSY_SNAPSHOT beside a second process (issue 18,
        // docs/postgres.md): the seal now takes the writers' lock before it reads.
        // Two processes share the database: H2 needs its mixed mode for that.
        String db = engine.url() + (engine.is(Engine.H2) ? ";AUTO_SERVER=TRUE" : "");
        Map<String, String> env = new java.util.HashMap<>(Map.of("MBP_KEY_PASSPHRASE", "test passphrase",
                "MBP_KEYFILE", tmp.resolve("keys.json").toString(), "MBP_CHAIN_KEY", Devchain.DEV_KEY));
        Secrets.useEnvironment(env::get);
        String out = tmp.resolve("out").toString();
        List<String> nightly = List.of("--db", db, "nightly", "--date", "2026-11-27", "--out", out, "--rpc", chain.url(),
                "--confirmations", "3", "--lease", "PT3S");
        // Held open so H2 does not close and reopen its store in this JVM (h2database#2752).
        try (Database keepOpen = Database.openMigrated(db)) {
            assertEquals(0, mbp("--db", db, "keys", "init").code());
            Onboarding.sampleDay(db, tmp.resolve("vault"), env, false); // the withdrawals' keys go to the vault
            // The pipeline sample: the foundation one's ReportReceived events name oracle events it
            // never registers, which the nightly's oracle step refuses to replay (exit 3).
            assertEquals(0, mbp("--db", db, "events", "append", "--file",
                    Path.of("..", "samples", "events", "2026-11-27-cash.ndjson").toString()).code());

            ProcessBuilder pb = new ProcessBuilder(ChildJvm.command(Main.class.getName(), nightly.toArray(String[]::new))).redirectErrorStream(true)
                    .redirectOutput(tmp.resolve("killed-run.log").toFile());
            pb.environment().putAll(env);
            Process p = pb.start();
            try {
                // The devchain mines one block per transaction, so 3 confirmations never come by
                // themselves: the run sits in the anchor step, its transaction sent and noted.
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
                while (keepOpen.read(dsl -> dsl.fetchCount(Tables.ANCHOR_INTENTS)) == 0) {
                    assertTrue(p.isAlive(), "the nightly run exited early: " + Files.readString(tmp.resolve("killed-run.log")));
                    assertTrue(System.nanoTime() < deadline, "no anchor transaction was sent in time");
                    Thread.sleep(200);
                }
                Run locked = mbp(nightly.toArray(String[]::new));
                assertEquals(75, locked.code(), locked.out() + locked.err());
                assertTrue(locked.err().contains("already running"), locked.err());
            } finally {
                p.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            }
            chain.mine(3);

            Run resumed = mbp(nightly.toArray(String[]::new));
            assertEquals(0, resumed.code(), resumed.out() + resumed.err());
            assertTrue(resumed.out().contains("by an earlier run"), resumed.out());
            assertEquals(1, (int) keepOpen.read(dsl -> dsl.fetchCount(Tables.CHECKPOINTS)));
            assertEquals(1, (int) keepOpen.read(dsl -> dsl.fetchCount(Tables.ANCHORS)));
            String sender = ChainAccount.fromHex(Devchain.DEV_KEY, "test").address();
            String nonce = chain.rpc("eth_getTransactionCount", "[\"" + sender + "\",\"latest\"]");
            assertTrue(nonce.contains("\"result\":\"0x1\""), "one anchor transaction only: " + nonce);

            Path pub = tmp.resolve("pub.txt");
            assertEquals(0, mbp("--db", db, "keys", "export-public", "--out", pub.toString()).code());
            Run verified = mbp("evidence", "verify", Path.of(out, "evidence", "2026-11-27").toString(), "--pubkey", pub.toString(),
                    "--rpc", chain.url());
            assertEquals(0, verified.code(), verified.out() + verified.err());
            assertTrue(verified.out().contains("✓ anchor 0x"), verified.out());
        }
    }
}

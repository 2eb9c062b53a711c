package io.mbp.cli.custody;

import io.mbp.cli.testing.Cli;
import io.mbp.cli.testing.Cli.Run;
import io.mbp.cli.kyc.Onboarding;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mbp.anchor.ChainAccount;
import io.mbp.cli.CliClock;
import io.mbp.sql.testing.EveryEngine;
import io.mbp.sql.testing.TestDatabase;
import io.mbp.sql.Database;
import io.mbp.sql.schema.Tables;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Key hygiene through the real commands (issue 19): keys past 90 days refused for seal, evidence
 * and anchor unless overridden (logged and recorded), key files with group/other bits refused,
 * and RPC/PSP URLs never shown with their password or token. The cases that record the override in
 * the log (seal, anchor) run on every engine; the key-file modes and the URL masking are checked before
 * any database is written, and the nightly case (a minute of onboarding per engine) stays on H2: its
 * refusal and record are the seal step's, which the operator-key case runs on every engine.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KeyHygieneCliTest {
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path tmp;

    Devchain chain;
    final Map<String, String> env = new HashMap<>();

    static Run mbp(String db, String... args) {
        return Cli.mbpOn(db, args);
    }

    static Run ok(Run r) {
        assertEquals(0, r.code(), () -> "stdout: " + r.out() + "\nstderr: " + r.err());
        return r;
    }

    static Run refused(Run r, String... mentions) {
        assertEquals(4, r.code(), () -> "stdout: " + r.out() + "\nstderr: " + r.err());
        for (String m : mentions) {
            assertTrue(r.err().contains(m), () -> "stderr should mention '" + m + "': " + r.err());
        }
        assertFalse(r.err().contains("\tat "), "no stack trace");
        return r;
    }

    @BeforeAll
    void startChain() throws Exception {
        chain = Devchain.start(tmp);
        Secrets.useEnvironment(env::get);
    }

    @AfterAll
    void stopChain() {
        Secrets.useEnvironment(null);
        if (chain != null) {
            chain.close();
        }
    }

    @AfterEach
    void realClock() {
        CliClock.useClock(null);
    }

    /** A fresh H2 database and key file; the chain key from the environment. */
    String fresh(String name) {
        freshKeys(name);
        return "jdbc:h2:file:" + tmp.resolve(name).toAbsolutePath();
    }

    /** A fresh database of {@code engine} and key file; the chain key from the environment. */
    String fresh(TestDatabase engine, String name) {
        freshKeys(name + "-" + engine.engine().name().toLowerCase(java.util.Locale.ROOT));
        return engine.url(name);
    }

    private void freshKeys(String name) {
        env.clear();
        env.put("MBP_KEY_PASSPHRASE", "test passphrase");
        env.put("MBP_CHAIN_KEY", Devchain.DEV_KEY);
        env.put("MBP_KEYFILE", tmp.resolve(name + "-keys/operator-keys.json").toString());
    }

    static void daysAhead(long days) {
        CliClock.useClock(Clock.offset(Clock.systemUTC(), Duration.ofDays(days)));
    }

    static List<JsonNode> staleKeyEvents(String db) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        try (Database d = Database.open(db)) {
            for (String p : d.read(dsl -> dsl.select(Tables.EVENTS.PAYLOAD).from(Tables.EVENTS)
                    .where(Tables.EVENTS.TYPE.eq("StaleKeyUsed")).orderBy(Tables.EVENTS.SEQ).fetch(Tables.EVENTS.PAYLOAD))) {
                out.add(JSON.readTree(p));
            }
        }
        return out;
    }

    static String activeKeyId(String db) throws Exception {
        return JSON.readTree(ok(mbp(db, "--json", "keys", "list")).out()).get(0).get("key_id").asText();
    }

    @EveryEngine
    void anOperatorKeyPastNinetyDaysIsRefusedUnlessOverriddenAndTheOverrideIsLoggedAndRecorded(TestDatabase engine) throws Exception {
        String db = fresh(engine, "operator-age");
        CustodyCliTest.append(db, 0, 5);
        ok(mbp(db, "keys", "init"));
        String keyId = activeKeyId(db);

        daysAhead(85);
        Run due = ok(mbp(db, "seal"));
        assertTrue(due.err().contains("warning: operator key " + keyId + " is 85 days old"), due.err());
        assertTrue(due.err().contains("refused after 90 days"), due.err());

        CustodyCliTest.append(db, 5, 5);
        daysAhead(91);
        refused(mbp(db, "seal"), "operator key " + keyId + " is 91 days old", "refused for seal", "--allow-stale-key",
                "MBP_ALLOW_STALE_KEY=1", "mbp keys rotate");
        refused(mbp(db, "evidence", "build", "--date", "2026-11-27", "--out", tmp.resolve("ev-" + engine.engine()).toString()),
                "operator key " + keyId + " is 91 days old", "refused for evidence");
        assertTrue(staleKeyEvents(db).isEmpty(), "a refusal records nothing");

        try (LogCapture log = new LogCapture()) {
            Run forced = ok(mbp(db, "seal", "--allow-stale-key"));
            assertTrue(forced.out().contains("sealed checkpoint #2"), forced.out());
            assertTrue(log.text().lines().anyMatch(l -> l.startsWith("WARN") && l.contains("operator key " + keyId)
                    && l.contains("91 days old") && l.contains("--allow-stale-key")), log.text());
        }
        List<JsonNode> recorded = staleKeyEvents(db);
        assertEquals(1, recorded.size());
        assertEquals("operator", recorded.get(0).get("key_kind").asText());
        assertEquals(keyId, recorded.get(0).get("key_id").asText());
        assertEquals(91, recorded.get(0).get("age_days").asLong());
        assertEquals("seal", recorded.get(0).get("purpose").asText());

        // Cron's switch: the environment, no flag. The checkpoint covers the override's own record.
        CustodyCliTest.append(db, 10, 2);
        env.put("MBP_ALLOW_STALE_KEY", "1");
        ok(mbp(db, "seal"));
        assertEquals("MBP_ALLOW_STALE_KEY=1", staleKeyEvents(db).get(1).get("allowed_by").asText());

        // Rotation is what the refusal asks for, so a stale key can always be rotated; the new key signs.
        env.remove("MBP_ALLOW_STALE_KEY");
        ok(mbp(db, "keys", "rotate"));
        Run fresh = ok(mbp(db, "seal"));
        assertFalse(fresh.err().contains("warning"), fresh.err());
        assertEquals(2, staleKeyEvents(db).size());
    }

    @Test
    void theNightlyStopsAtTheSealStepForAStaleKeyAndCronsOverrideIsInTheJobReport() throws Exception {
        String db = fresh("nightly-age");
        try (Database keepOpen = Database.openMigrated(db)) { // h2database#2752, as NightlyAnchorCliTest
            ok(mbp(db, "keys", "init"));
            Onboarding.sampleDay(db, tmp.resolve("nightly-age-vault"), env, false); // the withdrawals' keys go to the vault
            ok(mbp(db, "events", "append", "--file", Path.of("..", "samples", "events", "2026-11-27-cash.ndjson").toString()));
            String keyId = activeKeyId(db);
            daysAhead(91);
            List<String> nightly = List.of("nightly", "--date", "2026-11-27", "--out", tmp.resolve("nightly-out").toString(),
                    "--skip-anchor");
            refused(mbp(db, nightly.toArray(String[]::new)), "operator key " + keyId + " is 91 days old", "refused for seal");
            assertTrue(staleKeyEvents(db).isEmpty());

            env.put("MBP_ALLOW_STALE_KEY", "1");
            ok(mbp(db, nightly.toArray(String[]::new)));
            List<JsonNode> recorded = staleKeyEvents(db);
            assertEquals(List.of("seal", "evidence", "public exports"), recorded.stream().map(n -> n.get("purpose").asText()).toList());
            JsonNode executions = JSON.readTree(ok(mbp(db, "--json", "jobs", "list")).out());
            String id = executions.get(0).get("id").asText();
            Run show = ok(mbp(db, "jobs", "show", id));
            assertTrue(show.out().contains("STALE operator key " + keyId + " (91 days old, limit 90) used for seal, allowed by "
                    + "MBP_ALLOW_STALE_KEY=1"), show.out());
        }
    }

    @EveryEngine
    void aChainKeyPastNinetyDaysSinceItsFirstAnchorIsRefusedUnlessOverridden(TestDatabase engine) throws Exception {
        String db = fresh(engine, "chain-age");
        CustodyCliTest.append(db, 0, 5);
        ok(mbp(db, "keys", "init"));
        ok(mbp(db, "seal"));
        ok(mbp(db, "anchor", "publish", "--rpc", chain.url(), "--confirmations", "1"));
        String address = ChainAccount.fromHex(Devchain.DEV_KEY, "test").address();

        daysAhead(91);
        ok(mbp(db, "keys", "rotate")); // the operator key is fresh again: only the chain key is stale now
        CustodyCliTest.append(db, 5, 5);
        ok(mbp(db, "seal"));
        refused(mbp(db, "anchor", "publish", "--rpc", chain.url(), "--confirmations", "1"),
                "chain key " + address + " is 91 days old", "refused for anchor", "--allow-stale-key");
        try (LogCapture log = new LogCapture()) {
            ok(mbp(db, "anchor", "publish", "--rpc", chain.url(), "--confirmations", "1", "--allow-stale-key"));
            assertTrue(log.text().lines().anyMatch(l -> l.startsWith("WARN") && l.contains("chain key " + address)
                    && l.contains("91 days old")), log.text());
        }
        List<JsonNode> recorded = staleKeyEvents(db);
        assertEquals(1, recorded.size());
        assertEquals("chain", recorded.get(0).get("key_kind").asText());
        assertEquals(address, recorded.get(0).get("key_id").asText());
        assertEquals("anchor", recorded.get(0).get("purpose").asText());
    }

    @Test
    void keyFilesThatGroupOrOthersMayReadAreRefusedAndTheToolkitWritesThemOwnerOnly() throws Exception {
        Assumptions.assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"), "POSIX modes");
        String db = fresh("modes");
        CustodyCliTest.append(db, 0, 5);
        ok(mbp(db, "keys", "init"));
        Path keyfile = Path.of(env.get("MBP_KEYFILE"));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(keyfile)));

        Files.setPosixFilePermissions(keyfile, PosixFilePermissions.fromString("rw-r--r--"));
        refused(mbp(db, "seal"), keyfile.toString(), "mode 0644", "chmod 600 " + keyfile);
        Files.setPosixFilePermissions(keyfile, PosixFilePermissions.fromString("rw-------"));
        ok(mbp(db, "seal"));

        Path chainKey = tmp.resolve("chain.key");
        Files.writeString(chainKey, Devchain.DEV_KEY + "\n");
        Files.setPosixFilePermissions(chainKey, PosixFilePermissions.fromString("rw-r--r--"));
        env.remove("MBP_CHAIN_KEY");
        Run r = refused(mbp(db, "anchor", "publish", "--rpc", chain.url(), "--confirmations", "1",
                "--chain-keyfile", chainKey.toString()), "--chain-keyfile " + chainKey, "mode 0644", "chmod 600 " + chainKey);
        assertFalse(r.err().contains(Devchain.DEV_KEY.substring(2)), "the key is never shown");
        Files.setPosixFilePermissions(chainKey, PosixFilePermissions.fromString("rw-------"));
        ok(mbp(db, "anchor", "publish", "--rpc", chain.url(), "--confirmations", "1", "--chain-keyfile", chainKey.toString()));
    }

    @Test
    void aUrlPasswordOrTokenIsNeverPrintedOrLogged() throws Exception {
        String db = fresh("masking");
        CustodyCliTest.append(db, 0, 5);
        ok(mbp(db, "keys", "init"));
        ok(mbp(db, "seal"));
        ok(mbp(db, "anchor", "publish", "--rpc", chain.url(), "--confirmations", "1"));
        Path proof = tmp.resolve("masking-proof.json");
        ok(mbp(db, "proof", "export", "--seq", "2", "--out", proof.toString()));
        Path pub = tmp.resolve("masking.pub");
        ok(mbp(db, "keys", "export-public", "--out", pub.toString()));

        int closed = Devchain.freePort();
        String password = "Pa55wordNeverShown";
        String token = "T0kenNeverShown";
        String apiKey = "Ap1KeyNeverShown";
        String infura = "9aa3d95b3bc440fa88ea12eaa4456161";
        List<String> secrets = List.of(password, token, apiKey, infura);
        String withCredentials = "http://operator:" + password + "@127.0.0.1:" + closed + "/rpc?token=" + token + "&apikey=" + apiKey;
        String withPathKey = "http://127.0.0.1:" + closed + "/v3/" + infura;
        for (String url : List.of(withCredentials, withPathKey)) {
            List<Run> runs = new ArrayList<>();
            try (LogCapture log = new LogCapture()) {
                CustodyCliTest.append(db, 100 + runs.size(), 1);
                ok(mbp(db, "seal"));
                runs.add(mbp(db, "anchor", "publish", "--rpc", url, "--confirmations", "1"));
                runs.add(mbp(db, "--verbose", "anchor", "publish", "--rpc", url, "--confirmations", "1")); // stack trace too
                runs.add(mbp(db, "anchor", "status", "--rpc", url));
                runs.add(mbp(db, "anchors", "report", "--out", tmp.resolve("report").toString(), "--rpc", url));
                runs.add(mbp(db, "verify-anchor", "--proof", proof.toString(), "--pubkey", pub.toString(), "--rpc", url));
                runs.add(mbp(db, "--verbose", "payouts", "statement", "--psp", url, "--date", "2026-11-27",
                        "--out", tmp.resolve("statement.csv").toString()));
                for (Run r : runs) {
                    assertEquals(5, r.code(), () -> url + "\nstdout: " + r.out() + "\nstderr: " + r.err());
                    assertTrue(r.err().contains("127.0.0.1:" + closed) || r.out().contains("127.0.0.1:" + closed),
                            () -> "the URL is still named, masked: " + r.out() + r.err());
                    for (String s : secrets) {
                        assertFalse(r.out().contains(s), () -> "stdout shows a secret: " + r.out());
                        assertFalse(r.err().contains(s), () -> "stderr shows a secret: " + r.err());
                    }
                }
                for (String s : secrets) {
                    assertFalse(log.text().contains(s), () -> "the log shows a secret: " + log.text());
                }
                Run usage = mbp(db, "anchor", "status", url); // a URL where no argument is expected: echoed, masked
                assertEquals(2, usage.code(), usage.err());
                assertTrue(usage.err().contains("127.0.0.1:" + closed), usage.err());
                secrets.forEach(s -> assertFalse(usage.err().contains(s), usage.err()));
            }
        }
    }
}

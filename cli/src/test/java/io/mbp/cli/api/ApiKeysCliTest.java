package io.mbp.cli.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mbp.cli.custody.Secrets;
import io.mbp.cli.daemon.Daemon;
import io.mbp.cli.testing.Cli;
import io.mbp.privacy.LocalKekFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `mbp api-keys` and `mbp api call` end to end: secrets shown once and never listed, every action logged, a signed call answered. */
class ApiKeysCliTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PASS = "api keys cli test passphrase";

    @TempDir
    Path tmp;

    private final Map<String, String> env = new HashMap<>();
    private Daemon daemon;

    @AfterEach
    void reset() {
        Secrets.useEnvironment(null);
        if (daemon != null) {
            daemon.close();
        }
    }

    private String url() {
        return "jdbc:h2:file:" + tmp.resolve("mbp").toAbsolutePath() + ";AUTO_SERVER=TRUE";
    }

    private Cli.Run run(String... args) {
        Secrets.useEnvironment(env::get);
        return Cli.mbpOn(url(), args);
    }

    /** stdout, asserting exit 0. */
    private String ok(String... args) {
        return run(args).ok(args);
    }

    private static String field(String text, String name) {
        return text.lines().filter(l -> l.startsWith(name + ": ")).findFirst().orElseThrow().substring(name.length() + 2);
    }

    @Test
    void keysAreMadeListedRotatedRevokedAndBoundAndASignedCallIsAnswered() throws Exception {
        env.put("MBP_VAULT_PASSPHRASE", PASS);
        env.put("MBP_KEK_FILE", tmp.resolve("keys/vault-kek.json").toString());
        ok("privacy", "kek", "init");
        Path ops = tmp.resolve("ops.secret");
        String opsKey = field(ok("api-keys", "create", "--client", "ops", "--scopes", "admin", "--secret-out", ops.toString()), "key_id");

        String created = ok("api-keys", "create", "--client", "acme", "--scopes", "read,trade");
        String key = field(created, "key_id");
        String secret = field(created, "secret");
        assertTrue(key.matches("mbpk_[0-9a-f]{16}") && secret.matches("[0-9a-f]{64}"), created);
        Cli.Run bad = run("api-keys", "create", "--client", "acme", "--scopes", "read,root");
        assertEquals(4, bad.code(), bad.err());
        assertTrue(bad.err().contains("--scopes") && bad.err().contains("root"), bad.err());

        Path next = tmp.resolve("acme-2.secret");
        String rotated = ok("api-keys", "rotate", "--key", key, "--overlap", "PT1H", "--secret-out", next.toString());
        String nextKey = field(rotated, "key_id");
        assertFalse(rotated.contains("secret: ") && !rotated.contains("written to"), "the new secret went to the file only");
        assertTrue(Files.readString(next).matches("[0-9a-f]{64}"));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(next)));

        ok("api-keys", "bind", "--client", "acme", "--account", "ana");
        assertTrue(ok("api-keys", "bind", "--client", "acme", "--account", "ana").contains("already"));
        ok("api-keys", "create", "--client", "other", "--scopes", "read");
        assertEquals(4, run("api-keys", "bind", "--client", "other", "--account", "ana").code(), "never rebound to another client");

        JsonNode list = JSON.readTree(ok("--json", "api-keys", "list", "--client", "acme"));
        assertFalse(list.toString().contains(secret) || list.toString().contains(Files.readString(next)), "list never shows a secret");
        assertEquals("rotating", list.get("keys").get(0).get("status").asText(), list.toString());
        assertEquals("active", list.get("keys").get(1).get("status").asText(), list.toString());
        assertEquals("acme", list.get("accounts").get("ana").asText());

        // a daemon verifying with the same vault key; `mbp api call` signs with the rotated key's file
        daemon = new Daemon(url(), Daemon.Options.defaults(0).withApiKeys(LocalKekFile.open(tmp.resolve("keys/vault-kek.json"),
                PASS.toCharArray())), Clock.systemUTC());
        daemon.start();
        String base = "http://127.0.0.1:" + daemon.port();
        Path deposit = Files.writeString(tmp.resolve("deposit.json"), "{\"account\":\"ana\",\"amount\":5000}");
        String paid = ok("api", "call", "POST", "/v2/deposits", "--url", base, "--key-id", opsKey, "--secret-file", ops.toString(),
                "--idempotency-key", "d1", "--body", deposit.toString(), "-i", "--fail");
        assertTrue(paid.startsWith("HTTP 201"), paid);
        assertTrue(paid.toLowerCase().contains("ratelimit-remaining"), paid);
        String call = ok("api", "call", "GET", "/v2/accounts/ana", "--url", base, "--key-id", nextKey, "--secret-file", next.toString());
        assertEquals(5000, JSON.readTree(call).get("cash").asLong(), call);
        Cli.Run denied = run("api", "call", "GET", "/v2/accounts/bia", "--url", base, "--key-id", nextKey, "--secret-file", next.toString(),
                "--fail");
        assertEquals(4, denied.code(), denied.out());
        assertTrue(denied.out().contains("ACCOUNT_NOT_BOUND"), denied.out());
        assertEquals(2, run("api", "call", "GET", "/v2/health", "--url", base).code(), "no key id: a usage error");

        ok("api-keys", "revoke", "--key", nextKey);
        assertEquals(4, run("api-keys", "revoke", "--key", nextKey).code(), "revoked already");
        assertTrue(ok("api-keys", "list").contains("revoked"));
        daemon.close();
        daemon = null;
        String log;
        try (io.mbp.sql.Database db = io.mbp.sql.Database.openMigrated(url())) {
            log = db.read(dsl -> dsl.select(io.mbp.sql.schema.Tables.EVENTS.TYPE, io.mbp.sql.schema.Tables.EVENTS.PAYLOAD)
                    .from(io.mbp.sql.schema.Tables.EVENTS).fetch().map(r -> "\"type\":\"" + r.value1() + "\" " + r.value2()).toString());
        }
        for (String t : new String[] {"ApiClientRegistered", "ApiKeyCreated", "ApiKeyRotated", "ApiKeyRevoked", "AccountBoundToClient"}) {
            assertTrue(log.contains("\"type\":\"" + t + "\""), t + " is in the log");
        }
        assertFalse(log.contains(secret), "no secret in the log");
    }
}

package io.mbp.cli.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mbp.cli.Main;
import io.mbp.cli.custody.Secrets;
import io.mbp.cli.daemon.Daemon;
import io.mbp.privacy.LocalKekFile;
import java.io.PrintWriter;
import java.io.StringWriter;
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

    private String[] run(String... args) {
        Secrets.useEnvironment(env::get);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        String[] all = new String[args.length + 2];
        all[0] = "--db";
        all[1] = url();
        System.arraycopy(args, 0, all, 2, args.length);
        int code = Main.run(all, new PrintWriter(out), new PrintWriter(err));
        return new String[] {Integer.toString(code), out.toString(), err.toString()};
    }

    private String[] ok(String... args) {
        String[] r = run(args);
        assertEquals("0", r[0], String.join(" ", args) + ": " + r[2]);
        return r;
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
        String opsKey = field(ok("api-keys", "create", "--client", "ops", "--scopes", "admin", "--secret-out", ops.toString())[1], "key_id");

        String[] created = ok("api-keys", "create", "--client", "acme", "--scopes", "read,trade");
        String key = field(created[1], "key_id");
        String secret = field(created[1], "secret");
        assertTrue(key.matches("mbpk_[0-9a-f]{16}") && secret.matches("[0-9a-f]{64}"), created[1]);
        String[] bad = run("api-keys", "create", "--client", "acme", "--scopes", "read,root");
        assertEquals("4", bad[0], bad[2]);
        assertTrue(bad[2].contains("--scopes") && bad[2].contains("root"), bad[2]);

        Path next = tmp.resolve("acme-2.secret");
        String[] rotated = ok("api-keys", "rotate", "--key", key, "--overlap", "PT1H", "--secret-out", next.toString());
        String nextKey = field(rotated[1], "key_id");
        assertFalse(rotated[1].contains("secret: ") && !rotated[1].contains("written to"), "the new secret went to the file only");
        assertTrue(Files.readString(next).matches("[0-9a-f]{64}"));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(next)));

        ok("api-keys", "bind", "--client", "acme", "--account", "ana");
        assertTrue(ok("api-keys", "bind", "--client", "acme", "--account", "ana")[1].contains("already"));
        ok("api-keys", "create", "--client", "other", "--scopes", "read");
        assertEquals("4", run("api-keys", "bind", "--client", "other", "--account", "ana")[0], "never rebound to another client");

        JsonNode list = JSON.readTree(ok("--json", "api-keys", "list", "--client", "acme")[1]);
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
        String[] paid = ok("api", "call", "POST", "/v2/deposits", "--url", base, "--key-id", opsKey, "--secret-file", ops.toString(),
                "--idempotency-key", "d1", "--body", deposit.toString(), "-i", "--fail");
        assertTrue(paid[1].startsWith("HTTP 201"), paid[1]);
        assertTrue(paid[1].toLowerCase().contains("ratelimit-remaining"), paid[1]);
        String[] call = ok("api", "call", "GET", "/v2/accounts/ana", "--url", base, "--key-id", nextKey, "--secret-file", next.toString());
        assertEquals(5000, JSON.readTree(call[1]).get("cash").asLong(), call[1]);
        String[] denied = run("api", "call", "GET", "/v2/accounts/bia", "--url", base, "--key-id", nextKey, "--secret-file", next.toString(),
                "--fail");
        assertEquals("4", denied[0], denied[1]);
        assertTrue(denied[1].contains("ACCOUNT_NOT_BOUND"), denied[1]);
        assertEquals("2", run("api", "call", "GET", "/v2/health", "--url", base)[0], "no key id: a usage error");

        ok("api-keys", "revoke", "--key", nextKey);
        assertEquals("4", run("api-keys", "revoke", "--key", nextKey)[0], "revoked already");
        assertTrue(ok("api-keys", "list")[1].contains("revoked"));
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

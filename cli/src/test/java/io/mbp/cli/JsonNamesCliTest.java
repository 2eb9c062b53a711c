package io.mbp.cli;

import io.mbp.cli.testing.Cli;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mbp.cli.custody.Secrets;
import io.mbp.sql.Database;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code --json} member names (and their order) of the commands that render result records:
 * the names docs/cli.md documents and scripts read, as the hand-built maps wrote them before.
 */
class JsonNamesCliTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    @AfterEach
    void realEnvironment() {
        Secrets.useEnvironment(null);
    }

    private JsonNode json(String db, String... args) throws Exception {
        List<String> all = new ArrayList<>(List.of("--db", db, "--json"));
        all.addAll(List.of(args));
        Cli.Run r = Cli.mbp(all.toArray(String[]::new));
        assertEquals(0, r.code(), r.err());
        return JSON.readTree(r.out());
    }

    private static List<String> names(JsonNode n) {
        List<String> names = new ArrayList<>();
        n.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void resultRecordsKeepTheirMemberNames() throws Exception {
        String db = "jdbc:h2:file:" + tmp.resolve("db").toAbsolutePath();
        Map<String, String> env = Map.of("MBP_KEY_PASSPHRASE", "test passphrase", "MBP_KEYFILE",
                tmp.resolve("keys.json").toString(), "MBP_VAULT_PASSPHRASE", "vault passphrase", "MBP_KEK_FILE",
                tmp.resolve("kek.json").toString());
        Secrets.useEnvironment(env::get);
        // One connection held open across the in-process runs (H2 MVStore reopen issue, see NightlyCommandTest).
        try (Database keepOpen = Database.openMigrated(db)) {
            assertEquals(List.of("applied", "schema_version"), names(json(db, "db", "migrate")));
            List<String> key = List.of("created_at", "key_id", "name", "retired_at", "status", "verifier_key");
            assertEquals(key, names(json(db, "keys", "init")));
            assertEquals(key, names(json(db, "keys", "list").get(0)));

            Path events = Files.write(tmp.resolve("e.ndjson"), List.of(MainTest.deposit(1, "1000"), MainTest.deposit(2, "500")));
            assertEquals(List.of("appended", "first_seq", "last_seq", "log_size"),
                    names(json(db, "events", "append", "--file", events.toString())));
            JsonNode stats = json(db, "events", "stats");
            assertEquals(List.of("count", "first_ts", "last_ts", "per_type"), names(stats));
            assertEquals(2, stats.get("per_type").get("DepositReceived").asInt());
            assertEquals(List.of("leaf_hash", "payload", "seq", "stream", "ts", "type"),
                    names(json(db, "events", "tail", "-n", "1").get(0)));

            JsonNode sealed = json(db, "seal");
            assertEquals(List.of("consistency_proof", "created", "created_at", "events_rehashed", "full_audit", "id", "key_id",
                    "note", "origin", "previous_size", "root_hash", "sampled", "tree_size"), names(sealed));
            assertEquals(List.of("anchored", "file", "proof_hashes", "seq", "tree_size"), names(json(db, "proof", "export",
                    "--seq", "1", "--checkpoint", sealed.get("id").asText(), "--out", tmp.resolve("p.json").toString())));
            assertEquals(List.of("active", "retired"), names(json(db, "keys", "rotate")));

            assertEquals(List.of("file", "kek"), names(json(db, "privacy", "kek", "init")));
            JsonNode status = json(db, "privacy", "kek", "status");
            assertEquals(List.of("kek_id", "versions"), names(status));
            assertEquals(List.of("created_at", "retired_at", "status", "version"), names(status.get("versions").get(0)));
        }
    }
}

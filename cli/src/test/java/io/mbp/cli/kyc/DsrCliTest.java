package io.mbp.cli.kyc;

import static io.mbp.sql.schema.Tables.EVENTS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mbp.catalog.EventCatalog;
import io.mbp.cli.Main;
import io.mbp.cli.custody.Secrets;
import io.mbp.events.EventLog;
import io.mbp.events.NewEvent;
import io.mbp.market.DepositReceived;
import io.mbp.sql.Database;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `mbp privacy dsr` and `mbp privacy retention` through the CLI on real H2 files: an export holds
 * every field decrypted and each read is audited; an erasure without a legal retention shreds at once,
 * leaves no clear value anywhere and an old inclusion proof of the subject's event still verifies;
 * with a retention it archives and schedules, and the retention run executes it when due.
 */
class DsrCliTest {
    static final String NOW = "2026-11-27T12:00:00Z";

    @TempDir
    Path tmp;
    String db;
    final Map<String, String> env = new HashMap<>();
    final StringBuilder outputs = new StringBuilder();

    record Run(int code, String out, String err) {
    }

    Run mbp(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        List<String> all = new ArrayList<>(List.of("--db", db));
        all.addAll(List.of(args));
        int code = Main.run(all.toArray(String[]::new), new PrintWriter(out), new PrintWriter(err));
        outputs.append(out).append('\n').append(err).append('\n');
        return new Run(code, out.toString(), err.toString());
    }

    static Run ok(Run r) {
        assertEquals(0, r.code(), () -> "stdout: " + r.out() + "\nstderr: " + r.err());
        return r;
    }

    @BeforeEach
    void vault() {
        db = "jdbc:h2:file:" + tmp.resolve("mbp").toAbsolutePath();
        env.put("MBP_VAULT_PASSPHRASE", "dsr test passphrase");
        env.put("MBP_KEK_FILE", tmp.resolve("keys/vault-kek.json").toString());
        env.put("MBP_KEY_PASSPHRASE", "operator test passphrase");
        env.put("MBP_KEYFILE", tmp.resolve("keys/operator-keys.json").toString());
        env.put("MBP_OPERATOR", "dpo");
        Secrets.useEnvironment(env::get);
        ok(mbp("privacy", "kek", "init"));
    }

    @AfterEach
    void reset() {
        Secrets.useEnvironment(null);
    }

    List<ObjectNode> onboard(int n, long seed) {
        List<ObjectNode> cs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            cs.add(Customers.customer("acct-" + seed + "-" + i, seed * 100 + i));
        }
        Path f = Customers.write(tmp.resolve("customers-" + seed + ".ndjson"), cs);
        ok(mbp("kyc", "onboard", "--file", f.toString(), "--now", NOW));
        return cs;
    }

    void deposit(String account, String ts) {
        try (Database d = Database.openMigrated(db)) {
            new EventLog(d).append(List.of(NewEvent.of(EventCatalog.standard(), account, Instant.parse(ts),
                    new DepositReceived(account, 5000L, "E" + account, null, null))));
        }
    }

    List<String> types() {
        try (Database d = Database.openMigrated(db)) {
            return d.read(dsl -> dsl.select(EVENTS.TYPE).from(EVENTS).orderBy(EVENTS.SEQ).fetch(EVENTS.TYPE));
        }
    }

    long seqOf(String type, String account) {
        try (Database d = Database.openMigrated(db)) {
            return d.read(dsl -> dsl.select(EVENTS.SEQ).from(EVENTS).where(EVENTS.TYPE.eq(type)).and(EVENTS.STREAM.eq(account))
                    .fetchOne(EVENTS.SEQ));
        }
    }

    String rawDatabaseFiles() throws IOException {
        StringBuilder b = new StringBuilder();
        try (Stream<Path> files = Files.list(tmp)) {
            for (Path p : files.filter(p -> p.getFileName().toString().startsWith("mbp")).toList()) {
                byte[] bytes = Files.readAllBytes(p);
                b.append(new String(bytes, StandardCharsets.ISO_8859_1)).append(new String(bytes, StandardCharsets.UTF_8));
            }
        }
        return b.toString();
    }

    static List<String> found(String where, List<String> values) {
        return values.stream().filter(where::contains).toList();
    }

    @Test
    void anExportHoldsEveryFieldDecryptedWithItsUsesAndEachReadIsAudited() throws Exception {
        List<ObjectNode> cs = onboard(2, 3);
        ObjectNode c = cs.get(0);
        ok(mbp("kyc", "show", "acct-3-0", "--reveal", "--purpose", "support ticket 41", "--field", "email"));
        long decryptedBefore = types().stream().filter("FieldDecrypted"::equals).count();
        Path out = tmp.resolve("answers/acct-3-0.json");
        Run r = ok(mbp("privacy", "dsr", "export", "--account", "acct-3-0", "--out", out.toString(), "--received",
                "2026-11-27T11:00:00Z", "--now", NOW));
        assertTrue(r.out().contains("exported 6 field(s)"), r.out());
        assertEquals(List.of(), found(r.out() + r.err(), Customers.clearValues(c)), "stdout names no clear value");
        JsonNode x = Customers.JSON.readTree(out.toFile());
        assertEquals("held", x.get("state").asText());
        for (JsonNode item : x.get("personal_data")) {
            assertEquals(c.get(item.get("field").asText()).asText(), item.get("value").asText(), item.toString());
            assertTrue(item.get("stored_in_seq").asLong() >= 0);
        }
        JsonNode reads = x.get("reads");
        assertEquals(1, reads.size(), "the earlier look is listed: " + reads);
        assertEquals("support ticket 41", reads.get(0).get("purpose").asText());
        assertEquals(2, x.get("consents").size());
        assertTrue(x.get("retention").get("relationship_began").isBoolean());
        List<String> t = types();
        assertEquals(decryptedBefore + 6, t.stream().filter("FieldDecrypted"::equals).count(), "each field read is audited");
        assertEquals("DsrRequested", t.get(t.size() - 8), "the request is logged before the reads: " + t);
        assertEquals("DsrAnswered", t.get(t.size() - 1), "and the answer after them: " + t);
        Run list = ok(mbp("--json", "privacy", "dsr", "list", "--all", "--now", NOW));
        JsonNode req = Customers.JSON.readTree(list.out()).get("requests").get(0);
        assertEquals("2026-11-27T11:00:00Z", req.get("received_at").asText());
        assertEquals("2026-12-12T11:00:00Z", req.get("due").asText());
        assertEquals("exported", req.get("outcome").asText());
    }

    @Test
    void anOpenRequestShowsItsDeadlineAndIsOverdueAfterIt() throws Exception {
        onboard(1, 4);
        Run logged = ok(mbp("--json", "privacy", "dsr", "request", "--account", "acct-4-0", "--kind", "export", "--received",
                "2026-11-20T09:00:00Z", "--now", NOW));
        String id = Customers.JSON.readTree(logged.out()).get("request").asText();
        JsonNode open = Customers.JSON.readTree(ok(mbp("--json", "privacy", "dsr", "list", "--now", NOW)).out()).get("requests");
        assertEquals(1, open.size());
        assertEquals("2026-12-05T09:00:00Z", open.get(0).get("due").asText());
        assertFalse(open.get(0).get("overdue").asBoolean());
        Run late = ok(mbp("privacy", "dsr", "list", "--now", "2026-12-06T00:00:00Z"));
        assertTrue(late.out().contains("OVERDUE") && late.out().contains("1 past their deadline"), late.out());
        ok(mbp("privacy", "dsr", "export", "--account", "acct-4-0", "--request", id, "--out", tmp.resolve("a.json").toString(),
                "--now", NOW));
        assertEquals(0, Customers.JSON.readTree(ok(mbp("--json", "privacy", "dsr", "list", "--now", NOW)).out()).get("requests").size());
        Run again = mbp("privacy", "dsr", "export", "--account", "acct-4-0", "--request", id, "--out", tmp.resolve("b.json").toString());
        assertEquals(4, again.code(), again.err());
        assertTrue(again.err().contains("answered already"), again.err());
        assertEquals(2, mbp("privacy", "dsr", "request", "--account", "acct-4-0", "--kind", "export", "--sla-days", "31").code());
        assertEquals(2, mbp("privacy", "dsr", "request", "--account", "acct-4-0", "--kind", "rectify").code());
    }
}

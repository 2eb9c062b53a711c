package io.mbp.cli.kyc;

import io.mbp.cli.testing.Cli;
import io.mbp.cli.testing.Cli.Run;
import io.mbp.sql.testing.EveryEngine;
import io.mbp.sql.testing.TestDatabase;
import static io.mbp.sql.schema.Tables.EVENTS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mbp.catalog.EventCatalog;
import io.mbp.cli.custody.Secrets;
import io.mbp.events.EventLog;
import io.mbp.events.NewEvent;
import io.mbp.market.DepositReceived;
import io.mbp.sql.Database;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
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

    Run mbp(String... args) {
        Run r = Cli.mbpOn(db, args);
        outputs.append(r.out()).append('\n').append(r.err()).append('\n');
        return r;
    }

    static Run ok(Run r) {
        assertEquals(0, r.code(), () -> "stdout: " + r.out() + "\nstderr: " + r.err());
        return r;
    }

    void vault(TestDatabase engine) {
        vaultAt(engine.url("mbp"));
    }

    void vaultAt(String url) {
        db = url;
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

    @EveryEngine
    void anExportHoldsEveryFieldDecryptedWithItsUsesAndEachReadIsAudited(TestDatabase engine) throws Exception {
        vault(engine);
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

    @EveryEngine
    void anOpenRequestShowsItsDeadlineAndIsOverdueAfterIt(TestDatabase engine) throws Exception {
        vault(engine);
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

    @Test
    void anErasureWithoutRetentionShredsAtOnceLeavesNoClearValueAndAnOldProofStillVerifies() throws Exception {
        // H2 files in tmp only: the test copies the database files as a backup and greps their raw bytes,
        // which a PostgreSQL schema does not have (erasures executed when due run on every engine below).
        vaultAt("jdbc:h2:file:" + tmp.resolve("mbp").toAbsolutePath());
        List<ObjectNode> cs = onboard(2, 5);
        List<String> clear = Customers.clearValues(cs.get(0));
        long seq = seqOf("KycSubmitted", "acct-5-0");
        ok(mbp("keys", "init"));
        ok(mbp("seal"));
        Path proof = tmp.resolve("proof-before-erasure.json");
        ok(mbp("proof", "export", "--seq", String.valueOf(seq), "--out", proof.toString()));
        Path pub = tmp.resolve("pub.txt");
        ok(mbp("keys", "export-public", "--out", pub.toString()));
        Path backup = Files.createDirectories(tmp.resolve("backup"));
        try (Stream<Path> files = Files.list(tmp)) {
            for (Path p : files.filter(p -> p.getFileName().toString().startsWith("mbp")).toList()) {
                Files.copy(p, backup.resolve(p.getFileName()));
            }
        }

        outputs.setLength(0);
        Run erased = ok(mbp("privacy", "dsr", "erase", "--account", "acct-5-0", "--now", NOW));
        assertTrue(erased.out().contains("crypto-shredded") && erased.out().contains("KEK rotated"), erased.out());
        ok(mbp("seal"));
        Run verified = ok(mbp("verify-anchor", "--proof", proof.toString(), "--pubkey", pub.toString(), "--offline"));
        assertTrue(verified.out().contains("KycSubmitted"), verified.out());
        Path proofAfter = tmp.resolve("proof-after-erasure.json");
        ok(mbp("proof", "export", "--seq", String.valueOf(seq), "--out", proofAfter.toString()));
        ok(mbp("verify-anchor", "--proof", proofAfter.toString(), "--pubkey", pub.toString(), "--offline"));

        Run reveal = mbp("kyc", "show", "acct-5-0", "--reveal", "--purpose", "after erasure");
        assertEquals(4, reveal.code(), reveal.out() + reveal.err());
        assertTrue(reveal.err().contains("erased"), reveal.err());
        Path answer = tmp.resolve("after.json");
        ok(mbp("privacy", "dsr", "export", "--account", "acct-5-0", "--out", answer.toString()));
        JsonNode x = Customers.JSON.readTree(answer.toFile());
        assertEquals("erased", x.get("state").asText());
        x.get("personal_data").forEach(i -> assertTrue(i.get("value").isNull(), i.toString()));
        assertTrue(x.get("note").asText().contains("destroyed"), x.toString());
        Run again = ok(mbp("privacy", "dsr", "erase", "--account", "acct-5-0"));
        assertTrue(again.out().contains("erased before"), again.out());

        // The other subject was re-wrapped under the new KEK version and still opens.
        Run other = ok(mbp("kyc", "show", "acct-5-1", "--reveal", "--purpose", "check", "--field", "email"));
        assertTrue(other.out().contains(cs.get(1).get("email").asText()), other.out());
        // A backup made before the erasure still holds the wrapped key, but the KEK version that opens it is gone.
        String backupDb = "jdbc:h2:file:" + backup.resolve("mbp").toAbsolutePath();
        Run restored = Cli.mbpOn(backupDb, "kyc", "show", "acct-5-0", "--reveal", "--purpose", "restore");
        assertNotEquals(0, restored.code(), restored.out());
        assertEquals(List.of(), found(restored.out() + "\n" + restored.err(), clear));

        String after = outputs.toString().replace(other.out(), "") + Files.readString(answer) + rawDatabaseFiles();
        assertEquals(List.of(), found(after, clear), "no clear value of the erased subject anywhere after the erasure");
    }

    @EveryEngine
    void anErasureUnderTheAmlRetentionIsScheduledWithItsBasisAndExecutedWhenDue(TestDatabase engine) throws Exception {
        vault(engine);
        onboard(1, 6);
        deposit("acct-6-0", "2026-11-27T12:30:00Z");
        JsonNode e = Customers.JSON.readTree(ok(mbp("--json", "privacy", "dsr", "erase", "--account", "acct-6-0", "--now",
                "2026-11-28T00:00:00Z")).out());
        assertEquals("erasure-scheduled", e.get("outcome").asText());
        assertEquals("2031-11-27T12:30:00Z", e.get("due").asText());
        assertEquals("2026-11-27T12:30:00Z", e.get("relationship_ended").asText());
        assertTrue(e.get("basis").asText().contains("Circ. 3.978"), e.toString());
        Run text = ok(mbp("privacy", "dsr", "erase", "--account", "acct-6-0", "--now", "2026-11-28T00:00:00Z"));
        assertTrue(text.out().contains("legal basis: Bacen Circ. 3.978"), text.out());

        Run reveal = mbp("kyc", "show", "acct-6-0", "--reveal", "--purpose", "support");
        assertEquals(4, reveal.code(), reveal.out());
        assertTrue(reveal.err().contains("archived"), reveal.err());
        Path answer = tmp.resolve("cold.json");
        ok(mbp("privacy", "dsr", "export", "--account", "acct-6-0", "--out", answer.toString(), "--now", "2026-11-29T00:00:00Z"));
        JsonNode x = Customers.JSON.readTree(answer.toFile());
        assertEquals("archived", x.get("state").asText());
        assertFalse(x.get("personal_data").get(0).get("value").isNull(), "a cold subject is still answered");
        assertEquals("2031-11-27T12:30:00Z", x.get("retention").get("erasure_scheduled_for").asText());
        JsonNode list = Customers.JSON.readTree(ok(mbp("--json", "privacy", "dsr", "list", "--now", "2026-11-29T00:00:00Z")).out());
        assertEquals(1, list.get("scheduled_erasures").size());

        JsonNode early = Customers.JSON.readTree(ok(mbp("--json", "privacy", "retention", "run", "--now", "2031-11-27T12:29:59Z")).out());
        assertEquals(0, early.get("erasures_executed").asLong());
        assertFalse(early.get("logged").asBoolean());
        JsonNode due = Customers.JSON.readTree(ok(mbp("--json", "privacy", "retention", "run", "--now", "2031-11-27T12:30:00Z")).out());
        assertEquals(1, due.get("erasures_executed").asLong());
        assertTrue(due.get("logged").asBoolean());
        assertTrue(due.get("kek").asText().contains("KEK rotated"), due.toString());
        JsonNode rerun = Customers.JSON.readTree(ok(mbp("--json", "privacy", "retention", "run", "--now", "2031-11-27T12:30:00Z")).out());
        assertEquals(0, rerun.get("erasures_executed").asLong());
        assertFalse(rerun.get("logged").asBoolean());
        assertEquals(1, types().stream().filter("RetentionApplied"::equals).count());
        ok(mbp("privacy", "dsr", "export", "--account", "acct-6-0", "--out", answer.toString(), "--now", "2031-11-28T00:00:00Z"));
        assertEquals("erased", Customers.JSON.readTree(answer.toFile()).get("state").asText());
    }

    @EveryEngine
    void activityAfterTheErasureRequestPushesTheScheduledErasureBack(TestDatabase engine) throws Exception {
        vault(engine);
        onboard(1, 8);
        deposit("acct-8-0", "2026-11-27T12:30:00Z");
        ok(mbp("privacy", "dsr", "erase", "--account", "acct-8-0", "--now", "2026-11-28T00:00:00Z"));
        deposit("acct-8-0", "2027-03-01T00:00:00Z");
        JsonNode r = Customers.JSON.readTree(ok(mbp("--json", "privacy", "retention", "run", "--now", "2031-11-27T12:30:00Z")).out());
        assertEquals(0, r.get("erasures_executed").asLong());
        assertEquals(1, r.get("rescheduled").asLong());
        JsonNode list = Customers.JSON.readTree(ok(mbp("--json", "privacy", "dsr", "list", "--now", "2031-11-28T00:00:00Z")).out());
        assertEquals("2032-03-01T00:00:00Z", list.get("scheduled_erasures").get(0).get("due").asText());
    }

    @EveryEngine
    void theRetentionPolicyArchivesAfterTwelveMonthsAndShredsAfterSixty(TestDatabase engine) throws Exception {
        vault(engine);
        onboard(1, 7);
        JsonNode before = Customers.JSON.readTree(ok(mbp("--json", "privacy", "retention", "run", "--now", "2027-11-27T11:59:59Z")).out());
        assertEquals(1, before.get("subjects").asLong());
        assertEquals(0, before.get("archived").asLong());
        JsonNode cold = Customers.JSON.readTree(ok(mbp("--json", "privacy", "retention", "run", "--now", "2027-11-27T12:00:05Z")).out());
        assertEquals(1, cold.get("archived").asLong());
        assertEquals(4, mbp("kyc", "show", "acct-7-0", "--reveal", "--purpose", "support").code());
        // Re-verification skips a cold subject instead of failing the whole run (the provider is never asked).
        Run verify = ok(mbp("kyc", "verify", "--provider", "http://127.0.0.1:9", "--provider-timeout", "200"));
        assertTrue(verify.out().contains("not sent: the subject's data is archived or erased"), verify.out());
        JsonNode again = Customers.JSON.readTree(ok(mbp("--json", "privacy", "retention", "run", "--now", "2027-11-28T00:00:00Z")).out());
        assertEquals(0, again.get("archived").asLong());
        assertFalse(again.get("logged").asBoolean());
        JsonNode gone = Customers.JSON.readTree(ok(mbp("--json", "privacy", "retention", "run", "--now", "2031-11-27T12:00:05Z")).out());
        assertEquals(1, gone.get("shredded").asLong());
        assertEquals(0, Customers.JSON.readTree(ok(mbp("--json", "privacy", "retention", "run", "--now", "2032-01-01T00:00:00Z")).out())
                .get("subjects").asLong());
    }
}

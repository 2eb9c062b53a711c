package io.mbp.cli;

import io.mbp.cli.testing.Cli;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mbp.events.EventLog;
import io.mbp.events.NewEvent;
import io.mbp.recon.ReconCompleted;
import io.mbp.recon.ReconEvents;
import io.mbp.sql.Database;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code mbp gate check} and {@code mbp recon streak} on a real H2 file: no evidence is never green, each
 * check turns green or red from the evidence put in front of it, and the decision is recorded once.
 */
class GateCheckCliTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> GATES = List.of("formal", "custody", "sre", "kyc-aml", "platform", "market", "security");

    @TempDir
    Path tmp;

    private String db() {
        return "jdbc:h2:file:" + tmp.resolve("mbp").toAbsolutePath();
    }

    private Cli.Run gate(String... extra) {
        List<String> args = new ArrayList<>(List.of("--db", db(), "--json", "gate", "check", "--now", "2026-11-27T12:00:00Z",
                "--date", "2026-11-27", "--out", tmp.resolve("out").toString(), "--repo", tmp.resolve("repo").toString()));
        args.addAll(List.of(extra));
        return Cli.mbp(args.toArray(String[]::new));
    }

    private static JsonNode check(JsonNode report, String gate, String check) {
        for (JsonNode g : report.get("gates")) {
            if (g.get("id").asText().equals(gate)) {
                for (JsonNode c : g.get("checks")) {
                    if (c.get("id").asText().equals(check)) {
                        return c;
                    }
                }
            }
        }
        throw new AssertionError("no check " + gate + "/" + check + " in " + report);
    }

    private static String status(JsonNode report, String gate) {
        for (JsonNode g : report.get("gates")) {
            if (g.get("id").asText().equals(gate)) {
                return g.get("status").asText();
            }
        }
        throw new AssertionError("no gate " + gate);
    }

    @Test
    void withoutEvidenceEveryGateIsNoEvidenceAndTheAnswerIsNoGo() throws Exception {
        Files.createDirectories(tmp.resolve("repo"));
        Cli.Run r = gate();
        assertEquals(3, r.code(), r.out() + r.err());
        JsonNode j = JSON.readTree(r.out());
        assertFalse(j.get("go").asBoolean());
        assertEquals(GATES, j.get("gates").findValuesAsText("id").stream().filter(GATES::contains).distinct().toList());
        assertEquals(7, j.get("gates").size());
        for (JsonNode g : j.get("gates")) {
            assertEquals("no-evidence", g.get("status").asText(), g.toString());
            for (JsonNode c : g.get("checks")) {
                assertEquals("no-evidence", c.get("status").asText(), c.toString());
                assertFalse(c.get("detail").asText().isBlank(), "a missing check says what would prove it: " + c);
            }
        }
        Cli.Run text = Cli.mbp("--db", db(), "gate", "check", "--out", tmp.resolve("out").toString(),
                "--repo", tmp.resolve("repo").toString());
        assertEquals(3, text.code());
        assertTrue(text.out().contains("NO-GO: red [], no evidence [formal, custody, sre, kyc-aml, platform, market, security]"), text.out());
    }

    @Test
    void formalAndReconChecksFollowTheirEvidence() throws Exception {
        Path repo = Files.createDirectories(tmp.resolve("repo"));
        Path formal = Files.createDirectories(tmp.resolve("out/evidence/S19_formal_audit"));
        Files.writeString(formal.resolve("summary.json"), """
                {"ok": true, "specs": [{"spec": "merkle_append_only", "expected": "PASS", "outcome": "PASS"},
                                       {"spec": "merkle_append_only_broken", "expected": "FAIL", "outcome": "FAIL"}]}""");
        // 14 days at 100% ending the day before the evaluated date (D+1)
        try (Database d = Database.openMigrated(db())) {
            for (LocalDate day = LocalDate.parse("2026-11-13"); day.isBefore(LocalDate.parse("2026-11-27")); day = day.plusDays(1)) {
                recon(d, day, "100.00", 0);
            }
        }
        JsonNode ok = JSON.readTree(gate().out());
        assertEquals("green", status(ok, "formal"), ok.toString());
        assertEquals("green", check(ok, "kyc-aml", "recon-14-days").get("status").asText());
        assertTrue(check(ok, "kyc-aml", "recon-14-days").get("detail").asText().startsWith("14/14 days at 100%"));
        assertEquals(14, check(ok, "kyc-aml", "recon-14-days").get("evidence").size(), "one ReconCompleted per day, by seq");
        assertEquals("no-evidence", status(ok, "kyc-aml"), "the KYC flow has no evidence yet: the gate is not green");
        assertFalse(ok.get("go").asBoolean());
        Cli.Run streak = Cli.mbp("--db", db(), "recon", "streak", "--days", "14", "--to", "2026-11-26");
        assertEquals(0, streak.code(), streak.out() + streak.err());
        assertTrue(streak.out().contains("2026-11-13..2026-11-26: 14/14 days at 100% (unbroken)"), streak.out());

        // A day re-reconciled below 100% breaks the streak; the last result of a day is its standing.
        try (Database d = Database.openMigrated(db())) {
            recon(d, LocalDate.parse("2026-11-20"), "99.50", 2);
        }
        Files.writeString(formal.resolve("summary.json"), """
                {"ok": false, "specs": [{"spec": "oracle_failover", "expected": "PASS", "outcome": "FAIL"}]}""");
        Cli.Run red = gate();
        assertEquals(3, red.code());
        JsonNode r = JSON.readTree(red.out());
        assertEquals("red", status(r, "formal"));
        assertEquals("open: oracle_failover FAIL", check(r, "formal", "no-open-counterexample").get("detail").asText());
        assertEquals("red", status(r, "kyc-aml"));
        assertTrue(check(r, "kyc-aml", "recon-14-days").get("detail").asText().contains("below: [2026-11-20 99.50%]"), r.toString());
        Cli.Run broken = Cli.mbp("--db", db(), "--json", "recon", "streak", "--days", "15", "--to", "2026-11-26");
        assertEquals(3, broken.code());
        JsonNode b = JSON.readTree(broken.out());
        assertEquals(List.of("2026-11-12"), JSON.convertValue(b.get("missing"), List.class), "a day with no result is a gap");
        assertEquals("2026-11-20 99.50%", b.get("below").get(0).asText());
        assertEquals(13, b.get("full_days").asInt());

        // --record keeps the decision in the log once per distinct answer
        assertEquals(3, gate("--record").code());
        assertEquals(3, gate("--record").code());
        try (Database d = Database.open(db())) {
            assertEquals(1, (int) d.read(dsl -> dsl.fetchCount(io.mbp.sql.schema.Tables.EVENTS,
                    io.mbp.sql.schema.Tables.EVENTS.TYPE.eq("GateChecked"))));
        }
        assertTrue(Files.exists(repo));
    }

    @Test
    void nightlyFinishesEveryStepThenExits3WhenTheReconciliationOfDMinus1IsUnderTheFloor() throws Exception {
        java.util.Map<String, String> env = java.util.Map.of("MBP_KEY_PASSPHRASE", "test passphrase",
                "MBP_KEYFILE", tmp.resolve("keys.json").toString());
        io.mbp.cli.custody.Secrets.useEnvironment(env::get);
        try (Database keepOpen = Database.openMigrated(db())) {
            assertEquals(0, Cli.mbp("--db", db(), "keys", "init").code());
            recon(keepOpen, LocalDate.parse("2026-11-26"), "99.00", 1);
            String out = tmp.resolve("out").toString();
            Cli.Run low = Cli.mbp("--db", db(), "nightly", "--date", "2026-11-27", "--out", out, "--skip-anchor");
            assertEquals(3, low.code(), low.out() + low.err());
            assertTrue(low.err().contains("reconciliation of 2026-11-26 is 99.00% with 1 open exception(s), under 100.00%"), low.err());
            assertTrue(low.out().contains("targets") && low.out().contains("FAILED"), low.out());
            // every other step ran first: the day's bundle is built and the gate's decision is in it
            assertTrue(Files.isRegularFile(Path.of(out, "evidence", "2026-11-27", "manifest.json")), low.out());
            assertTrue(low.out().contains("NO-GO"), low.out());
            // a re-run resumes at the targets step; a lower floor lets the night complete
            Cli.Run again = Cli.mbp("--db", db(), "nightly", "--date", "2026-11-27", "--out", out, "--skip-anchor");
            assertEquals(3, again.code(), again.out());
            Cli.Run floor = Cli.mbp("--db", db(), "nightly", "--date", "2026-11-27", "--out", out, "--skip-anchor",
                    "--recon-fail-under", "99");
            assertEquals(0, floor.code(), floor.out() + floor.err());
            assertTrue(floor.out().contains("recon 2026-11-26 99.00% (fail under 99.00%)"), floor.out());
            assertEquals(4, Cli.mbp("--db", db(), "nightly", "--date", "2026-11-28", "--out", out, "--skip-anchor",
                    "--recon-fail-under", "100.5").code());
        } finally {
            io.mbp.cli.custody.Secrets.useEnvironment(null);
        }
    }

    private static void recon(Database d, LocalDate day, String rate, long open) {
        ReconCompleted c = new ReconCompleted(day.toString(), "stmt-" + day, 10, open == 0 ? 10 : 10 - open, 1000, 10, open, 0, rate,
                List.of());
        new EventLog(d).append(List.of(NewEvent.of(ReconEvents.TYPES, "recon-" + day, Instant.parse(day.plusDays(1) + "T06:00:00Z"), c)));
    }

    @Test
    void platformChecksReadTheRealApiClientsAndStatusSite() throws Exception {
        Files.createDirectories(tmp.resolve("repo"));
        JsonNode before = JSON.readTree(gate().out());
        assertEquals("no-evidence", check(before, "platform", "pilot-partners").get("status").asText());
        assertEquals("no-evidence", check(before, "platform", "csp-strict").get("status").asText());
        java.util.Map<String, String> env = java.util.Map.of("MBP_VAULT_PASSPHRASE", "gate cli test passphrase",
                "MBP_KEK_FILE", tmp.resolve("keys/vault-kek.json").toString());
        io.mbp.cli.custody.Secrets.useEnvironment(env::get);
        try {
            assertEquals(0, Cli.mbp("--db", db(), "privacy", "kek", "init").code());
            List<String> keys = new ArrayList<>();
            for (String client : List.of("partner-a", "partner-b", "partner-c")) {
                Cli.Run made = Cli.mbp("--db", db(), "--json", "api-keys", "create", "--client", client, "--scopes", "read");
                assertEquals(0, made.code(), made.err());
                keys.add(JSON.readTree(made.out()).get("key_id").asText());
            }
            Cli.Run site = Cli.mbp("--db", db(), "status", "build", "--out", tmp.resolve("out/status").toString(),
                    "--date", "2026-11-27", "--specs", "../specs/slo", "--changelog", "../docs/changelog.md");
            assertEquals(0, site.code(), site.out() + site.err());
            JsonNode after = JSON.readTree(gate().out());
            assertEquals("green", check(after, "platform", "pilot-partners").get("status").asText(), after.toString());
            assertEquals("green", check(after, "platform", "csp-strict").get("status").asText(), after.toString());
            assertEquals(0, Cli.mbp("--db", db(), "api-keys", "revoke", "--key", keys.get(1)).code());
            JsonNode revoked = JSON.readTree(gate().out());
            assertEquals("red", check(revoked, "platform", "pilot-partners").get("status").asText(), revoked.toString());
        } finally {
            io.mbp.cli.custody.Secrets.useEnvironment(null);
        }
    }
}

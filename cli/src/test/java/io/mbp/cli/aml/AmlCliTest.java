package io.mbp.cli.aml;

import io.mbp.cli.testing.Cli;
import io.mbp.cli.testing.Cli.Run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mbp.cli.custody.Secrets;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `mbp aml` on a real H2 file with the sample day and the demo's labelled suspicious additions: the run
 * opens alerts once, a case is opened, assigned and escalated into a COAF draft with its deadline, another
 * is closed as a false positive; and nothing of it reaches the customer's data-subject export (no tipping-off).
 */
class AmlCliTest {
    static final Path ROOT = Path.of("..");
    static final Path CUSTOMERS = ROOT.resolve("samples/customers/2026-11-27.ndjson");
    static final Path DAY = ROOT.resolve("samples/events/2026-11-27.ndjson");
    static final Path SUSPICIOUS = ROOT.resolve("samples/aml/2026-11-27-suspicious.ndjson");
    static final String NIGHT = "2026-11-28T01:00:00Z";
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;
    String db;
    final Map<String, String> env = new HashMap<>();

    Run mbp(String... args) {
        return Cli.mbpOn(db, args);
    }

    static Run ok(Run r) {
        assertEquals(0, r.code(), () -> "stdout: " + r.out() + "\nstderr: " + r.err());
        return r;
    }

    JsonNode json(String... args) throws Exception {
        List<String> all = new ArrayList<>(List.of("--json"));
        all.addAll(List.of(args));
        return JSON.readTree(ok(mbp(all.toArray(String[]::new))).out());
    }

    @BeforeEach
    void sampleDay() {
        db = "jdbc:h2:file:" + tmp.resolve("mbp").toAbsolutePath();
        env.put("MBP_VAULT_PASSPHRASE", "aml test passphrase");
        env.put("MBP_KEK_FILE", tmp.resolve("keys/vault-kek.json").toString());
        env.put("MBP_OPERATOR", "carol");
        Secrets.useEnvironment(env::get);
        ok(mbp("privacy", "kek", "init"));
        ok(mbp("kyc", "onboard", "--file", CUSTOMERS.toString(), "--now", "2026-11-26T12:00:00Z"));
        ok(mbp("events", "append", "--file", DAY.toString()));
    }

    @AfterEach
    void reset() {
        Secrets.useEnvironment(null);
    }

    @Test
    void theRunOpensEachAlertOnceAndACaseEndsClosedOrInACoafDraftWithItsDeadline() throws Exception {
        ok(mbp("events", "append", "--file", SUSPICIOUS.toString()));
        assertEquals(2, mbp("aml", "run", "--date", "2026-11-27", "--now", "2026-11-27T23:00:00Z").code(), "the day is not over yet");
        JsonNode run = json("aml", "run", "--date", "2026-11-27", "--now", NIGHT);
        assertEquals(1, run.at("/found/structuring@1").asInt(), run.toString());
        assertEquals(1, run.at("/found/rapid-in-out@1").asInt(), run.toString());
        assertEquals(1, run.at("/found/shared-pix-key@1").asInt(), run.toString());
        assertEquals(1, run.at("/found/wash-repeated-pairs@1").asInt(), "the sample day's own coincidence: " + run);
        assertEquals(0, run.at("/found/unusual-volume@1").asInt(), "no account has a history before the sample day");
        assertEquals(4, run.get("opened_total").asInt());
        JsonNode again = json("aml", "run", "--date", "2026-11-27", "--now", "2026-11-28T03:00:00Z");
        assertEquals(4, again.get("found_total").asInt());
        assertEquals(0, again.get("opened_total").asInt(), "a re-run opens nothing twice");

        JsonNode open = json("aml", "alerts", "list", "--status", "open");
        assertEquals(4, open.size());
        String structuring = alertOf(open, "structuring");
        String pairs = alertOf(open, "wash-repeated-pairs");
        String shared = alertOf(open, "shared-pix-key");
        JsonNode shown = json("aml", "alerts", "show", structuring);
        assertEquals("acct-0007", shown.get("account").asText());
        assertEquals(3, shown.get("evidence").size());
        assertTrue(json("aml", "alerts", "show", shared).get("summary").asText().contains("acct-0021, acct-0022, acct-0023"));

        JsonNode kycBefore = json("kyc", "show", "acct-0007");
        JsonNode c1 = json("aml", "cases", "open", "--alert", structuring, "--now", "2026-11-30T12:00:00Z");
        assertEquals("CASE-000001", c1.get("id").asText());
        assertEquals("in-case", json("aml", "alerts", "show", structuring).get("status").asText());
        assertEquals(4, mbp("aml", "cases", "open", "--alert", structuring).code(), "an alert belongs to one case");
        assertEquals("dave", json("aml", "cases", "assign", "--case", "CASE-000001", "--to", "dave").get("assignee").asText());
        assertEquals(2, mbp("aml", "cases", "decide", "--case", "CASE-000001", "--escalate", "--close-false-positive", "--reason", "x").code());
        JsonNode escalated = json("aml", "cases", "decide", "--case", "CASE-000001", "--escalate", "--reason",
                "three deposits under the threshold in 80 minutes, no trading", "--now", "2026-11-30T15:00:00Z");
        assertEquals("escalated", escalated.get("status").asText());
        assertEquals("COAF-000001", escalated.get("coaf_draft").asText());
        assertEquals("carol", escalated.get("decided_by").asText());
        assertEquals(4, mbp("aml", "cases", "decide", "--case", "CASE-000001", "--close-false-positive", "--reason", "x").code(),
                "a decided case stays decided");

        ok(mbp("aml", "cases", "open", "--alert", pairs));
        JsonNode closed = json("aml", "cases", "decide", "--case", "CASE-000002", "--close-false-positive", "--reason",
                "random retail flow: both accounts trade both outcomes all day");
        assertEquals("closed", closed.get("status").asText());
        assertEquals("closed", json("aml", "alerts", "show", pairs).get("status").asText());
        assertEquals(2, json("aml", "alerts", "list", "--status", "open").size());

        JsonNode drafts = json("aml", "coaf", "list", "--now", "2026-11-30T16:00:00Z");
        assertEquals(1, drafts.size());
        // decided Monday 30 Nov 12:00 in Brasilia: due Tuesday 1 Dec 23:59:59 -03:00
        assertEquals("2026-12-02T02:59:59Z", drafts.get(0).get("due").asText());
        assertFalse(drafts.get(0).get("overdue").asBoolean());
        assertTrue(json("aml", "coaf", "list", "--now", "2026-12-02T03:00:00Z").get(0).get("overdue").asBoolean());
        JsonNode draft = json("aml", "coaf", "show", "COAF-000001");
        assertEquals("COS", draft.get("communication_type").asText());
        assertEquals("structuring@1", draft.at("/alerts/0/scenario").asText());
        assertEquals("acct-0007", draft.at("/subjects/0/accounts/0").asText());
        assertEquals(3, draft.at("/alerts/0/evidence_seqs").size());
        String text = ok(mbp("aml", "coaf", "show", "COAF-000001")).out();
        assertTrue(text.contains("DUE: 2026-12-01T23:59:59 America/Sao_Paulo"), text);
        ok(mbp("aml", "coaf", "export", "COAF-000001", "--dir", tmp.resolve("coaf").toString()));
        assertEquals(draft, JSON.readTree(Files.readString(tmp.resolve("coaf/COAF-000001.json"))));
        assertEquals(text, Files.readString(tmp.resolve("coaf/COAF-000001.txt")));

        // no tipping-off: the customer's own export and account view say nothing of alerts, cases or drafts
        Path answer = tmp.resolve("dsr/acct-0007.json");
        ok(mbp("privacy", "dsr", "export", "--account", "acct-0007", "--out", answer.toString(), "--received", "2026-11-30T10:00:00Z",
                "--now", "2026-11-30T16:00:00Z"));
        String export = Files.readString(answer, StandardCharsets.UTF_8);
        for (String secret : List.of("Aml", "aml-", "CASE-000001", "COAF", structuring)) {
            assertFalse(export.contains(secret), "the DSR export mentions " + secret);
        }
        assertEquals(kycBefore.get("status"), json("kyc", "show", "acct-0007").get("status"), "the account's state does not move");

        // S20 evidence: alerts and cases by scenario version, recomputed from the sealed events
        env.put("MBP_KEY_PASSPHRASE", "aml test key passphrase");
        env.put("MBP_KEYFILE", tmp.resolve("keys.json").toString());
        ok(mbp("keys", "init"));
        ok(mbp("seal"));
        ok(mbp("evidence", "build", "--sprint", "S20", "--out", tmp.resolve("s20").toString()));
        List<String> report = Files.readAllLines(tmp.resolve("s20/reports/aml.txt"));
        assertEquals("aml scenarios 4 alerts 4", report.get(0), String.join("\n", report));
        String s = String.join("\n", report);
        assertTrue(s.matches("(?s).*  scenario structuring@1 hash [0-9a-f]{64} alerts 1 open 0 in-case 0 closed-false-positive 0 escalated 1"
                + " decided 1 median-minutes-to-decision 37(19|20)\n.*"), s);
        assertTrue(s.contains("scenario wash-repeated-pairs@1 hash "), s);
        assertTrue(s.matches("(?s).*wash-repeated-pairs@1 hash [0-9a-f]{64} alerts 1 open 0 in-case 0 closed-false-positive 1 escalated 0.*"), s);
        assertTrue(s.matches("(?s).*shared-pix-key@1 hash [0-9a-f]{64} alerts 1 open 1 .* median-minutes-to-decision -.*"), s);
        assertTrue(s.contains("aml cases 2 decided 2 open 0\n  case escalated 1\n  case false-positive 1\naml coaf-drafts 1"), s);
    }

    static String alertOf(JsonNode alerts, String scenario) {
        for (JsonNode a : alerts) {
            if (a.get("scenario").asText().equals(scenario)) {
                return a.get("id").asText();
            }
        }
        throw new AssertionError("no " + scenario + " alert in " + alerts);
    }
}

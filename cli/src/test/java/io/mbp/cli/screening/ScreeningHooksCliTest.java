package io.mbp.cli.screening;

import io.mbp.cli.testing.Cli;
import io.mbp.cli.testing.Cli.Run;
import static io.mbp.sql.schema.Tables.EVENTS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mbp.cli.Clocks;
import io.mbp.cli.custody.Secrets;
import io.mbp.cli.kyc.Onboarding;
import io.mbp.payout.sim.PspSimServer;
import io.mbp.payout.sim.PspSimulator;
import io.mbp.payout.sim.SimConfig;
import io.mbp.sql.Database;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13's hooks through the CLI on a real H2 file, with the committed sample lists and sample
 * customers (acct-0002 is a name variant of OFAC 36001, samples/screening/README.md): onboarding
 * puts a hit in review; a payout to a hit is held (nothing sent), released after review and then
 * paid exactly once by the PSP simulator, or confirmed and kept blocked; a list delta opens alerts
 * for new hits only. No output and no event names a customer in clear.
 */
class ScreeningHooksCliTest {
    static final Path SAMPLES = Path.of("..", "samples", "screening");
    static final ObjectMapper JSON = new ObjectMapper();
    static final String D = "2026-11-27";
    static final List<String> ACCOUNTS = List.of("acct-0001", "acct-0002", "acct-0003", "acct-0004");

    @TempDir
    Path tmp;
    String db;
    final Map<String, String> env = new HashMap<>();
    final StringBuilder outputs = new StringBuilder();
    Map<String, JsonNode> customers;

    Run mbp(String... args) {
        Run r = Cli.mbpOn(db, args);
        outputs.append(r.out()).append(r.err());
        return r;
    }

    Run ok(String... args) {
        Run r = mbp(args);
        assertEquals(0, r.code(), () -> String.join(" ", args) + "\nstdout: " + r.out() + "\nstderr: " + r.err());
        return r;
    }

    @BeforeEach
    void setUp() throws IOException {
        db = "jdbc:h2:file:" + tmp.resolve("mbp").toAbsolutePath();
        env.put("MBP_OPERATOR", "alice");
        Onboarding.vault(db, tmp.resolve("keys"), env);
        customers = new TreeMap<>();
        List<String> lines = new ArrayList<>();
        for (String line : Files.readAllLines(Onboarding.SAMPLE, StandardCharsets.UTF_8)) {
            JsonNode c = JSON.readTree(line);
            if (ACCOUNTS.contains(c.get("account").asText())) {
                customers.put(c.get("account").asText(), c);
                lines.add(line);
            }
        }
        Files.write(tmp.resolve("customers.ndjson"), lines, StandardCharsets.UTF_8);
    }

    @AfterEach
    void reset() {
        Secrets.useEnvironment(null);
    }

    void importOfac(Path dir) {
        ok("screening", "lists", "import", "--list", "ofac", "--format", "ofac-csv", "--dir", dir.toString());
    }

    void importSamples() {
        importOfac(SAMPLES.resolve("ofac"));
        ok("screening", "lists", "import", "--list", "un", "--format", "un-xml", "--file", SAMPLES.resolve("un/consolidated.xml").toString());
        ok("screening", "lists", "import", "--list", "opensanctions", "--format", "ftm", "--file",
                SAMPLES.resolve("ftm/entities.ftm.json").toString());
    }

    Map<String, String> kycStates() throws IOException {
        Map<String, String> out = new TreeMap<>();
        JSON.readTree(ok("--json", "kyc", "review", "list", "--all").out()).forEach(a -> out.put(a.get("account").asText(),
                a.get("status").asText()));
        return out;
    }

    List<JsonNode> events(String type) throws IOException {
        List<JsonNode> out = new ArrayList<>();
        try (Database d = Database.openMigrated(db)) {
            for (String p : d.read(dsl -> dsl.select(EVENTS.PAYLOAD).from(EVENTS).where(EVENTS.TYPE.eq(type)).orderBy(EVENTS.SEQ)
                    .fetch(EVENTS.PAYLOAD))) {
                out.add(JSON.readTree(p));
            }
        }
        return out;
    }

    String allPayloads() {
        try (Database d = Database.openMigrated(db)) {
            List<String> rows = d.read(dsl -> dsl.select(EVENTS.PAYLOAD).from(EVENTS).fetch(EVENTS.PAYLOAD));
            return String.join("\n", rows);
        }
    }

    /** No clear name or birth date of a customer in any command's output or any event (only ciphertext and refs). */
    void noClearNames() {
        String payloads = allPayloads().toLowerCase();
        String said = outputs.toString().toLowerCase();
        for (JsonNode c : customers.values()) {
            for (String part : c.get("full_name").asText().toLowerCase().split(" ")) {
                if (part.length() > 3) {
                    assertFalse(payloads.contains(part), "an event names " + c.get("account").asText());
                    assertFalse(said.contains(part), "an output names " + c.get("account").asText() + ":\n" + said);
                }
            }
            assertFalse(payloads.contains(c.get("birth_date").asText()));
        }
    }

    @Test
    void aHitAtOnboardingPutsTheAccountInReviewAndTheOthersAreVerified() throws IOException {
        importSamples();
        Onboarding.onboard(db, tmp.resolve("customers.ndjson"), true);
        assertEquals(Map.of("acct-0001", "verified", "acct-0002", "review", "acct-0003", "verified", "acct-0004", "verified"),
                kycStates());
        List<JsonNode> hits = events("ScreeningHit");
        assertEquals(1, hits.size());
        assertEquals("acct-0002", hits.get(0).get("account").asText());
        assertEquals("onboarding", hits.get(0).get("context").asText());
        assertTrue(hits.get(0).get("hits").get(0).asText().startsWith("ofac/36001 "), hits.toString());
        JsonNode review = events("KycStatusChanged").stream().filter(e -> e.get("account").asText().equals("acct-0002")).findFirst()
                .orElseThrow();
        assertEquals("screening", review.get("by").asText());
        assertEquals("review", review.get("to").asText());
        assertEquals(ACCOUNTS.size(), events("ScreeningQueried").size(), "every customer screened once");
        long screeningReads = events("FieldDecrypted").stream().filter(e -> e.get("purpose").asText().equals("screening")).count();
        assertEquals(2L * ACCOUNTS.size(), screeningReads, "name and birth date read from the vault, audited, per customer");
        noClearNames();
    }

    @Test
    void aPayoutToAHitIsHeldThenReleasedAfterReviewAndPaidExactlyOnce() throws Exception {
        // onboarded and verified before any list existed: only the payout screen can stop them now
        Onboarding.onboard(db, tmp.resolve("customers.ndjson"), true);
        assertEquals("verified", kycStates().get("acct-0002"));
        importSamples();
        List<String> lines = new ArrayList<>();
        for (String a : List.of("acct-0001", "acct-0002")) {
            lines.add(deposit(a, 50_000));
        }
        lines.add(withdrawal("wd-1", "acct-0001", 3000));
        lines.add(withdrawal("wd-2a", "acct-0002", 4000));
        lines.add(withdrawal("wd-2b", "acct-0002", 5000));
        ok("events", "append", "--file", Files.write(tmp.resolve("day.ndjson"), lines).toString());
        int queriesBefore = events("ScreeningQueried").size();

        PspSimulator sim = new PspSimulator(SimConfig.clean(12), Clocks.startingAt(D + "T20:00:00Z", java.time.Clock.systemUTC()));
        try (PspSimServer server = new PspSimServer(sim, 0).start()) {
            Run first = mbp("--json", "payouts", "run", "--date", D, "--psp", server.baseUrl());
            assertEquals(3, first.code(), "held payouts are refusals: exit 3\n" + first.out() + first.err());
            JsonNode r = JSON.readTree(first.out());
            assertEquals(1, r.get("confirmed").asInt());
            assertEquals(2, r.get("refused").size());
            r.get("refused").forEach(x -> {
                assertEquals("acct-0002", x.get("account").asText());
                assertTrue(x.get("reason").asText().startsWith("held by screening") && x.get("reason").asText().contains("ofac/36001"),
                        x.toString());
            });
            assertEquals(1, sim.paidCount(), "nothing was sent for acct-0002");
            assertEquals(queriesBefore + 2, events("ScreeningQueried").size(), "one query per payee per run, not per instruction");
            assertEquals(2, events("PayoutHeld").size());

            Run again = mbp("--json", "payouts", "run", "--date", D, "--psp", server.baseUrl());
            assertEquals(3, again.code());
            assertEquals(2, events("PayoutHeld").size(), "a held payout is not held twice");
            assertEquals(1, sim.paidCount());

            JsonNode held = JSON.readTree(ok("--json", "screening", "holds", "list").out());
            assertEquals(2, held.size());
            String released = held.get(0).get("instruction_id").asText();
            String confirmed = held.get(1).get("instruction_id").asText();
            Run noReason = mbp("screening", "holds", "release", "--payout", released, "--reason", " ", "--as", "carol");
            assertEquals(4, noReason.code(), noReason.err());
            ok("screening", "holds", "release", "--payout", released, "--reason", "different person: documents checked", "--as", "carol");
            ok("screening", "holds", "confirm", "--payout", confirmed, "--reason", "true match", "--as", "carol");
            Run twice = mbp("screening", "holds", "release", "--payout", confirmed, "--reason", "changed my mind", "--as", "carol");
            assertEquals(4, twice.code(), "a decided hold stays decided");
            assertTrue(twice.err().contains("already confirmed"), twice.err());

            Run paid = mbp("--json", "payouts", "run", "--date", D, "--psp", server.baseUrl());
            assertEquals(3, paid.code(), "the confirmed one is still refused\n" + paid.out() + paid.err());
            JsonNode p = JSON.readTree(paid.out());
            assertEquals(1, p.get("refused").size());
            assertEquals(confirmed, p.get("refused").get(0).get("instruction_id").asText());
            assertTrue(p.get("refused").get(0).get("reason").asText().contains("confirmed by carol"), p.toString());
            assertEquals(2, sim.paidCount());
            assertTrue(sim.paidById().containsKey(released), "the released payout was paid");
            assertFalse(sim.paidById().containsKey(confirmed), "the confirmed one never");

            mbp("--json", "payouts", "run", "--date", D, "--psp", server.baseUrl());
            assertEquals(2, sim.paidCount(), "paid exactly once");
            assertEquals(2, events("PayoutHeld").size(), "released and not held again: no new entity hits");
            JsonNode decisions = JSON.readTree(ok("--json", "screening", "holds", "list", "--all").out());
            assertEquals(2, decisions.size());
        }
        List<JsonNode> decided = events("PayoutHoldDecided");
        assertEquals(List.of("released", "confirmed"), decided.stream().map(e -> e.get("decision").asText()).toList());
        assertEquals("carol", decided.get(0).get("by").asText());

        // S20 evidence: list versions and freshness, a sample of queries (keyed refs), hits and holds, recomputed on replay
        env.put("MBP_KEY_PASSPHRASE", "test key passphrase");
        env.put("MBP_KEYFILE", tmp.resolve("keys/operator.json").toString());
        ok("keys", "init");
        ok("seal");
        Path pub = tmp.resolve("pub.txt");
        ok("keys", "export-public", "--out", pub.toString());
        ok("evidence", "build", "--sprint", "S20", "--out", tmp.resolve("s20").toString());
        String report = Files.readString(tmp.resolve("s20/reports/screening.txt"), StandardCharsets.UTF_8);
        outputs.append(report);
        assertTrue(report.contains("screening lists 3"), report);
        assertTrue(report.matches("(?s).*  list ofac version 1 format ofac-csv entities 5 sha256 [0-9a-f]{64} imported \\S+ age-seconds \\d+ "
                + "(fresh|STALE)\n.*"), report);
        // screened in the first run (held) and the third (released: the same hit lets it pay); held or confirmed ones are not re-screened
        assertTrue(report.contains("  hits payout 2\n") && report.contains("  hits list-delta 1\n"), report);
        assertTrue(report.contains("payout holds 2 released 1 confirmed 1 awaiting-review 0"), report);
        assertTrue(report.contains("name_ref screening_name-"), report);
        ok("evidence", "verify", tmp.resolve("s20").toString(), "--pubkey", pub.toString());
        noClearNames();
    }

    @Test
    void aListDeltaReScreensEveryCustomerAndOpensAlertsOnlyForNewHits() throws Exception {
        Onboarding.onboard(db, tmp.resolve("customers.ndjson"), true);
        importSamples();
        JsonNode alerts = JSON.readTree(ok("--json", "screening", "alerts", "list").out());
        assertEquals(1, alerts.size(), alerts.toString());
        assertEquals("acct-0002", alerts.get(0).get("account").asText());
        assertEquals("36001", alerts.get(0).get("entity_id").asText());
        assertEquals(0, JSON.readTree(ok("--json", "screening", "rescreen").out()).get("versions").size(), "nothing left to re-screen");

        // v2 of the OFAC list: 36001 changed (a new passport number), a new entity naming acct-0003
        Path v2 = Files.createDirectories(tmp.resolve("ofac-v2"));
        for (String f : List.of("alt.csv", "add.csv")) {
            Files.copy(SAMPLES.resolve("ofac").resolve(f), v2.resolve(f));
        }
        String sdn = Files.readString(SAMPLES.resolve("ofac/sdn.csv"), StandardCharsets.UTF_8).replace("FX123456", "FX654321");
        String carla = "36006,\"BARBOSA LIMA, Carla\",\"individual\",\"SDGT\",\"-0- \",\"-0- \",\"-0- \",\"-0- \",\"-0- \",\"-0- \","
                + "\"-0- \",\"DOB 06 Nov 1988; nationality Brazil.\"\r\n";
        int eof = sdn.indexOf('\u001a');
        Files.writeString(v2.resolve("sdn.csv"), sdn.substring(0, eof) + carla + sdn.substring(eof), StandardCharsets.UTF_8);
        int queries = events("ScreeningQueried").size();
        Run imported = ok("screening", "lists", "import", "--list", "ofac", "--format", "ofac-csv", "--dir", v2.toString());
        assertTrue(imported.out().contains("1 added, 0 removed, 1 changed"), imported.out());
        assertTrue(imported.err().contains(ACCOUNTS.size() + " customer(s) against 2 added or changed entities, 2 hit(s), 1 new alert(s)"),
                imported.err());
        assertEquals(queries + ACCOUNTS.size(), events("ScreeningQueried").size());

        alerts = JSON.readTree(ok("--json", "screening", "alerts", "list").out());
        Map<String, String> byAccount = new TreeMap<>();
        alerts.forEach(a -> byAccount.put(a.get("account").asText(), a.get("list").asText() + "/" + a.get("entity_id").asText()));
        assertEquals(Map.of("acct-0002", "ofac/36001", "acct-0003", "ofac/36006"), byAccount);
        assertEquals(2, events("ScreeningAlertOpened").size(), "the changed entity's known hit opened no second alert");
        assertEquals(3, events("ScreeningHit").stream().filter(e -> e.get("context").asText().equals("list-delta")).count());

        Run same = ok("screening", "lists", "import", "--list", "ofac", "--format", "ofac-csv", "--dir", v2.toString());
        assertTrue(same.out().contains("unchanged"), same.out());
        assertEquals(2, events("ScreeningAlertOpened").size());
        // each new hit is also on the AML case desk, once, as a sanctions-screening alert
        Map<String, String> onDesk = new TreeMap<>();
        JSON.readTree(ok("--json", "aml", "alerts", "list").out()).forEach(a -> onDesk.put(a.get("account").asText(),
                a.get("scenario").asText() + " v" + a.get("scenario_version").asText()));
        assertEquals(Map.of("acct-0002", "sanctions-screening v1", "acct-0003", "sanctions-screening v1"), onDesk);
        assertEquals(2, events("AmlAlertOpened").size());
        noClearNames();
    }

    @Test
    void withoutTheVaultTheImportStandsAndRescreenCatchesUp() throws Exception {
        Onboarding.onboard(db, tmp.resolve("customers.ndjson"), true);
        Map<String, String> noVault = new HashMap<>(env);
        noVault.remove("MBP_VAULT_PASSPHRASE");
        Secrets.useEnvironment(noVault::get);
        Run r = mbp("screening", "lists", "import", "--list", "ofac", "--format", "ofac-csv", "--dir", SAMPLES.resolve("ofac").toString());
        assertTrue(r.code() != 0, "the missed re-screen is not silent");
        assertTrue(r.out().contains("version 1"), r.out());
        assertTrue(r.err().contains("mbp screening rescreen"), r.err());
        Secrets.useEnvironment(env::get);
        Run caught = ok("screening", "rescreen");
        assertTrue(caught.out().contains("1 new alert(s)"), caught.out());
        assertEquals(1, JSON.readTree(ok("--json", "screening", "alerts", "list").out()).size());
    }

    String deposit(String account, long amount) {
        return "{\"type\":\"DepositReceived\",\"stream\":\"" + account + "\",\"ts\":\"" + D + "T10:00:00Z\",\"payload\":"
                + "{\"account\":\"" + account + "\",\"amount\":" + amount + ",\"e2eid\":\"E-" + account + "\"}}";
    }

    String withdrawal(String id, String account, long amount) {
        return "{\"type\":\"WithdrawalRequested\",\"stream\":\"" + account + "\",\"ts\":\"" + D + "T12:00:00Z\",\"payload\":"
                + "{\"withdrawal_id\":\"" + id + "\",\"account\":\"" + account + "\",\"amount\":" + amount
                + ",\"pix_key\":\"" + customers.get(account).get("pix_key").asText() + "\"}}";
    }
}

package io.mbp.cli.payout;

import static io.mbp.cli.testing.Cli.mbp;
import io.mbp.cli.testing.Cli.Run;
import io.mbp.cli.kyc.Onboarding;
import io.mbp.sql.Engine;
import io.mbp.sql.testing.EveryEngine;
import io.mbp.sql.testing.TestDatabase;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mbp.cli.Clocks;
import io.mbp.payout.sim.Credits;
import io.mbp.payout.sim.PspSimServer;
import io.mbp.payout.sim.PspSimulator;
import io.mbp.payout.sim.SimConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sample day end to end through the real CLI, a real simulator on a free 127.0.0.1 port and a
 * real database file: 90 withdrawals paid with ~5% injected failures (503s and hidden successes),
 * duplicate statement lines and one devolução, then D+1 recon to 100% after resolving exceptions.
 */
class PayoutsReconEndToEndTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path SAMPLE = Path.of("../samples/events/2026-11-27.ndjson");
    private static final String D = "2026-11-27";

    @TempDir
    Path tmp;

    @org.junit.jupiter.api.AfterEach
    void plainEnvironment() {
        io.mbp.cli.custody.Secrets.useEnvironment(null);
    }

    @EveryEngine
    void sampleDayPaysOnceAndReconcilesTo100(TestDatabase engine) throws Exception {
        // Both statement formats stay covered: SQLite reads the CSV one, the others camt.053.
        String format = engine.is(Engine.SQLITE) ? "csv" : "camt053";
        String db = engine.url();
        SimConfig cfg = new SimConfig(SimConfig.DEFAULT_ISPB, SimConfig.DEFAULT_ACCOUNT, 42, 30, 20, 0, 0, 0, 30, 1, 0,
                10, 0, 300, 0);
        PspSimulator sim = new PspSimulator(cfg, Clocks.startingAt("2026-11-27T20:00:00Z", java.time.Clock.systemUTC()));
        Credits.fromEvents(SAMPLE).forEach(sim::addCredit);
        try (PspSimServer server = new PspSimServer(sim, 0).start()) {
            String psp = server.baseUrl();
            // verified customers with the payouts consent (ADR 0704); the withdrawals' keys become vault references
            Map<String, String> env = new HashMap<>();
            Onboarding.sampleDay(db, tmp.resolve("vault"), env, true);
            assertEquals(0, mbp("--db", db, "events", "append", "--file", SAMPLE.toString()).code());

            Run run = mbp("--db", db, "--json", "payouts", "run", "--date", D, "--psp", psp, "--now", "2026-11-27T20:00:00Z",
                    "--timeout-ms", "150", "--backoff-base-ms", "20", "--backoff-cap-ms", "200");
            assertEquals(0, run.code(), run.err());
            JsonNode r = JSON.readTree(run.out());
            assertEquals(90, r.get("instructed").asInt());
            assertEquals(90, r.get("confirmed").asInt() + r.get("parked").asInt());
            assertTrue(r.get("failed_attempts").asInt() > 0, "failures were injected: " + run.out());

            // Nothing paid twice, and the PSP paid exactly what we confirmed.
            JsonNode list = JSON.readTree(mbp("--db", db, "--json", "payouts", "list").out());
            long confirmed = 0;
            Map<String, Long> ours = new HashMap<>();
            for (JsonNode p : list) {
                if (p.get("status").asText().equals("confirmed")) {
                    confirmed += p.get("amount").asLong();
                    ours.put(p.get("instruction_id").asText(), p.get("amount").asLong());
                }
            }
            assertEquals(sim.paidTotal(), confirmed);
            assertEquals(sim.paidById(), new java.util.TreeMap<>(ours));
            assertEquals(sim.paidCount(), sim.paidById().size());

            // A second run is a no-op: no new instruction, no new send.
            JsonNode again = JSON.readTree(mbp("--db", db, "--json", "payouts", "run", "--date", D, "--psp", psp).out());
            assertEquals(0, again.get("instructed").asInt());
            assertEquals(0, again.get("attempted").asInt());

            Path st = tmp.resolve("statement-" + D + (format.equals("csv") ? ".csv" : ".xml"));
            assertEquals(0, mbp("payouts", "statement", "--psp", psp, "--date", D, "--format", format, "--out", st.toString()).code());

            // Bad input first: a malformed copy names its line and imports nothing.
            List<String> lines = Files.readAllLines(st, StandardCharsets.UTF_8);
            int victim = format.equals("csv") ? 5 : lines.indexOf(lines.stream().filter(l -> l.contains("<Amt ")).findFirst().get());
            lines.set(victim, format.equals("csv") ? lines.get(victim).replaceFirst(",D,(\\d+),", ",D,$1.5,")
                    : lines.get(victim).replaceFirst(">([0-9.]+)<", ">$1.001<"));
            Path bad = Files.write(tmp.resolve("bad-" + st.getFileName()), lines, StandardCharsets.UTF_8);
            long before = eventCount(db);
            Run badRun = mbp("--db", db, "recon", "d1", "--date", D, "--statement", bad.toString());
            assertEquals(4, badRun.code(), badRun.err());
            assertTrue(badRun.err().contains(bad + ": line " + (victim + 1)), badRun.err());
            assertEquals(4, mbp("--db", db, "recon", "d1", "--date", "2026-11-28", "--statement", st.toString()).code());
            assertEquals(4, mbp("--db", db, "recon", "d1", "--date", D, "--account", "other", "--statement", st.toString()).code());
            assertEquals(before, eventCount(db), "refused statements write nothing");

            Run first = mbp("--db", db, "recon", "d1", "--date", D, "--statement", st.toString(), "--fail-under", "100");
            assertEquals(3, first.code(), first.out() + first.err());
            JsonNode open = JSON.readTree(mbp("--db", db, "--json", "recon", "exceptions", "list", "--open").out());
            assertTrue(open.size() >= 2, open.toString());
            boolean sawReturn = false;
            for (JsonNode x : open) {
                String kind = x.get("kind").asText();
                assertTrue(kind.equals("duplicate") || kind.equals("returned"), "unexpected exception " + x);
                sawReturn |= kind.equals("returned");
                String action = kind.equals("returned") ? "correct" : "accept";
                Run res = mbp("--db", db, "recon", "exceptions", "resolve", x.get("exception_id").asText(), "--action", action,
                        "--note", "e2e: " + kind, "--author", "tester");
                assertEquals(0, res.code(), res.err());
            }
            assertTrue(sawReturn, "the devolução shows up as a returned exception");
            assertEquals(1, JSON.readTree(mbp("--db", db, "--json", "payouts", "list", "--status", "returned").out()).size());

            Run done = mbp("--db", db, "--json", "recon", "d1", "--date", D, "--statement", st.toString(), "--fail-under", "100");
            assertEquals(0, done.code(), done.out() + done.err());
            assertEquals("100.00", JSON.readTree(done.out()).get("match_rate").asText());
            assertTrue(done.err().contains("imported before"), done.err());
            long size = eventCount(db);
            Run rerun = mbp("--db", db, "--json", "recon", "d1", "--date", D, "--fail-under", "100");
            assertEquals(done.out(), rerun.out(), "re-running gives the same report");
            assertEquals(size, eventCount(db), "and appends nothing");

            Run mttr = mbp("--db", db, "--json", "payouts", "mttr", "--from", D, "--to", D);
            assertEquals(0, mttr.code(), mttr.err());
            int samples = JSON.readTree(mttr.out()).get("samples").asInt();
            assertTrue(samples > 0, mttr.out());

            // the evidence bundle's payouts report carries the same MTTR, recomputed from the log alone (S20/S23)
            env.put("MBP_KEY_PASSPHRASE", "test passphrase");
            env.put("MBP_KEYFILE", tmp.resolve("keys.json").toString());
            assertEquals(0, mbp("--db", db, "keys", "init").code());
            assertEquals(0, mbp("--db", db, "seal").code());
            Path bundle = tmp.resolve("bundle");
            Run built = mbp("--db", db, "evidence", "build", "--date", D, "--out", bundle.toString());
            assertEquals(0, built.code(), built.err());
            String report = Files.readString(bundle.resolve("reports/payouts.txt"));
            assertTrue(report.contains("mttr recovered " + samples + " p50 ") && report.contains(" met"), report);
        }
    }

    @org.junit.jupiter.api.Test
    void parkedPayoutIsRetriedByAnOperatorWithTheSameId() throws Exception {
        String db = "jdbc:sqlite:" + tmp.resolve("retry.sqlite").toAbsolutePath();
        Path one = Files.write(tmp.resolve("one.ndjson"), List.of("{\"type\":\"DepositReceived\",\"stream\":\"acct-1\","
                + "\"ts\":\"2026-11-27T11:00:00Z\",\"payload\":{\"account\":\"acct-1\",\"amount\":5000,\"e2eid\":\"E-1\"}}",
                "{\"type\":\"WithdrawalRequested\",\"stream\":\"acct-1\","
                + "\"ts\":\"2026-11-27T12:00:00Z\",\"payload\":{\"withdrawal_id\":\"wd-1\",\"account\":\"acct-1\","
                + "\"amount\":4200,\"pix_key\":\"+5511900000000\"}}"));
        Onboarding.vault(db, tmp.resolve("vault"), new HashMap<>());
        Onboarding.onboard(db, Onboarding.customers(tmp.resolve("acct-1.ndjson"), List.of("acct-1")), true);
        assertEquals(0, mbp("--db", db, "events", "append", "--file", one.toString()).code());
        SimConfig down = new SimConfig(SimConfig.DEFAULT_ISPB, SimConfig.DEFAULT_ACCOUNT, 1, 1000, 0, 0, 0, 0, 0, 0, 0, 0, 0,
                0, 0);
        try (PspSimServer s = new PspSimServer(new PspSimulator(down, java.time.Clock.systemUTC()), 0).start()) {
            Run r = mbp("--db", db, "--json", "payouts", "run", "--date", D, "--psp", s.baseUrl(), "--max-attempts", "3",
                    "--backoff-base-ms", "5");
            assertEquals(1, JSON.readTree(r.out()).get("parked").asInt(), r.out());
        }
        // the instruction id is a digest of the source (ADR 0506); show and retry also take the withdrawal id
        String id = JSON.readTree(mbp("--db", db, "--json", "payouts", "list").out()).get(0).get("instruction_id").asText();
        assertTrue(id.matches("po-w-[0-9a-f]{56}"), id);
        Run show = mbp("--db", db, "payouts", "show", "wd-1");
        assertTrue(show.out().contains("parked") && show.out().contains("gave up after 3 attempts"), show.out());
        PspSimulator up = new PspSimulator(SimConfig.clean(1), java.time.Clock.systemUTC());
        try (PspSimServer s = new PspSimServer(up, 0).start()) {
            Run retry = mbp("--db", db, "payouts", "retry", "wd-1", "--psp", s.baseUrl(), "--by", "ana");
            assertEquals(0, retry.code(), retry.err());
            assertTrue(retry.out().startsWith(id + " is now confirmed after attempt 4"), retry.out());
            Run again = mbp("--db", db, "payouts", "retry", id, "--psp", s.baseUrl());
            assertEquals(4, again.code());
            assertTrue(again.err().contains("is confirmed; only failed or parked payouts can be retried"), again.err());
        }
        assertEquals(java.util.Map.of(id, 4200L), up.paidById());
        assertTrue(mbp("--db", db, "payouts", "show", id).out().contains("\"by\":\"ana\""));
    }

    static long eventCount(String db) throws Exception {
        return JSON.readTree(mbp("--db", db, "--json", "events", "stats").out()).get("count").asLong();
    }
}

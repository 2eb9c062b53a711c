package io.mbp.cli.payout;

import static io.mbp.cli.testing.Cli.mbp;
import io.mbp.cli.testing.Cli.Run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mbp.catalog.EventCatalog;
import io.mbp.cli.Clocks;
import io.mbp.cli.custody.Secrets;
import io.mbp.cli.kyc.Onboarding;
import io.mbp.events.EventLog;
import io.mbp.events.NewEvent;
import io.mbp.market.WithdrawalRequested;
import io.mbp.payout.sim.PspSimServer;
import io.mbp.payout.sim.PspSimulator;
import io.mbp.payout.sim.SimConfig;
import io.mbp.sql.Database;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 19, defect 2 from the other side: a log that already holds withdrawal ids the API now refuses
 * (61 characters, {@code ../../etc}, {@code a b/c\u0000}) no longer stops {@code payouts run} or the
 * nightly: each is instructed under a digest id and paid once, to its own account.
 */
class PayoutIdsCliTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String D = "2026-11-27";

    @TempDir
    Path tmp;
    final Map<String, String> env = new java.util.HashMap<>();

    @AfterEach
    void plainEnvironment() {
        Secrets.useEnvironment(null);
    }

    private String poisonedLog() {
        String db = "jdbc:sqlite:" + tmp.resolve("db.sqlite").toAbsolutePath();
        var types = EventCatalog.standard();
        Instant t = Instant.parse(D + "T12:00:00Z");
        List<NewEvent> events = new ArrayList<>();
        for (WithdrawalRequested w : List.of(WithdrawalRequested.legacy("w".repeat(61), "ana", 100, "ana@pix"),
                WithdrawalRequested.legacy("../../etc", "bob", 200, "bob@pix"),
                WithdrawalRequested.legacy("a b/c\u0000", "eve", 300, "eve@pix"),
                WithdrawalRequested.legacy("x/1", "ana", 400, "ana@pix"),
                WithdrawalRequested.legacy("x_1", "bob", 500, "bob@pix"))) {
            events.add(NewEvent.of(types, w.account(), t, w));
        }
        try (Database d = Database.openMigrated(db)) {
            new EventLog(d).append(events);
        }
        // an old log: its withdrawals hold clear keys and are paid to them, once the accounts pass the KYC gate
        Onboarding.vault(db, tmp.resolve("vault"), env);
        Onboarding.onboard(db, Onboarding.customers(tmp.resolve("customers.ndjson"), List.of("ana", "bob", "eve")), true);
        return db;
    }

    @Test
    void payoutsRunPaysAPoisonedLogOnceEach() throws Exception {
        String db = poisonedLog();
        PspSimulator sim = new PspSimulator(SimConfig.clean(3), Clocks.startingAt(D + "T20:00:00Z", java.time.Clock.systemUTC()));
        try (PspSimServer server = new PspSimServer(sim, 0).start()) {
            Run run = mbp("--db", db, "--json", "payouts", "run", "--date", D, "--psp", server.baseUrl());
            assertEquals(0, run.code(), run.out() + run.err());
            JsonNode r = JSON.readTree(run.out());
            assertEquals(5, r.get("instructed").asInt());
            assertEquals(5, r.get("confirmed").asInt());
            Run again = mbp("--db", db, "--json", "payouts", "run", "--date", D, "--psp", server.baseUrl());
            assertEquals(0, again.code(), again.err());
            assertEquals(0, JSON.readTree(again.out()).get("instructed").asInt());
        }
        Map<String, String> paidTo = new TreeMap<>();
        for (JsonNode p : JSON.readTree(mbp("--db", db, "--json", "payouts", "list").out())) {
            PspSimulator.Payment pay = sim.get(p.get("instruction_id").asText());
            paidTo.put(p.get("origin_ref").asText(), pay.account() + " " + pay.amount());
        }
        assertEquals(Map.of("w".repeat(61), "ana 100", "../../etc", "bob 200", "a b/c\u0000", "eve 300", "x/1", "ana 400",
                "x_1", "bob 500"), paidTo);
        assertEquals(5, sim.paidCount());
    }

    @Test
    void theNightlyRunsItsPayoutsStepOnAPoisonedLog() throws Exception {
        String db = poisonedLog();
        env.put("MBP_KEY_PASSPHRASE", "test passphrase");
        env.put("MBP_KEYFILE", tmp.resolve("keys.json").toString());
        PspSimulator sim = new PspSimulator(SimConfig.clean(3), Clocks.startingAt(D + "T20:00:00Z", java.time.Clock.systemUTC()));
        try (PspSimServer server = new PspSimServer(sim, 0).start()) {
            assertEquals(0, mbp("--db", db, "keys", "init").code());
            Run night = mbp("--db", db, "nightly", "--date", D, "--out", tmp.resolve("out").toString(),
                    "--skip-anchor", "--psp", server.baseUrl());
            assertTrue(night.out().contains("payouts " + D + " via "), night.out() + night.err());
            assertEquals(0, night.code(), "the nightly does not stop on the poisoned ids: " + night.out() + night.err());
            assertEquals(5, sim.paidCount(), night.out());
        }
    }
}

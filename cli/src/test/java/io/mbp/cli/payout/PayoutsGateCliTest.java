package io.mbp.cli.payout;

import io.mbp.cli.testing.Cli;
import io.mbp.cli.testing.Cli.Run;
import io.mbp.sql.testing.EveryEngine;
import io.mbp.sql.testing.TestDatabase;
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
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12 phase 2 through the CLI (ADR 0703, 0704): a withdrawal's PIX key enters the log only as a
 * vault reference (a clear key of an account never onboarded is refused whole, exit 4); `payouts run`
 * pays verified, consented accounts, refuses the others with exit 3 naming account and reason, and
 * pays an unverified account within --unverified-limit; each key read to pay is an audited decryption.
 */
class PayoutsGateCliTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String D = "2026-11-27";
    private static final String OTHER_KEY = "+5521988887777";

    @TempDir
    Path tmp;

    Run mbp(String db, String... args) {
        return Cli.mbpOn(db, args);
    }

    Run ok(String db, String... args) {
        Run r = mbp(db, args);
        assertEquals(0, r.code(), () -> String.join(" ", args) + "\n" + r.out() + r.err());
        return r;
    }

    @AfterEach
    void plainEnvironment() {
        Secrets.useEnvironment(null);
    }

    static String deposit(String account, long amount) {
        return "{\"type\":\"DepositReceived\",\"stream\":\"" + account + "\",\"ts\":\"" + D + "T10:00:00Z\",\"payload\":"
                + "{\"account\":\"" + account + "\",\"amount\":" + amount + ",\"e2eid\":\"E-" + account + "\"}}";
    }

    static String withdrawal(String account, long amount, String key) {
        return "{\"type\":\"WithdrawalRequested\",\"stream\":\"" + account + "\",\"ts\":\"" + D + "T12:00:00Z\",\"payload\":"
                + "{\"withdrawal_id\":\"wd-" + account + "\",\"account\":\"" + account + "\",\"amount\":" + amount
                + ",\"pix_key\":\"" + key + "\"}}";
    }

    long events(String db, String type) {
        try (Database d = Database.openMigrated(db)) {
            return d.read(dsl -> dsl.fetchCount(dsl.selectFrom(io.mbp.sql.schema.Tables.EVENTS)
                    .where(io.mbp.sql.schema.Tables.EVENTS.TYPE.eq(type))));
        }
    }

    String allPayloads(String db) {
        try (Database d = Database.openMigrated(db)) {
            StringBuilder b = new StringBuilder();
            d.read(dsl -> dsl.select(io.mbp.sql.schema.Tables.EVENTS.PAYLOAD).from(io.mbp.sql.schema.Tables.EVENTS).fetch())
                    .forEach(r -> b.append(r.value1()).append('\n'));
            return b.toString();
        }
    }

    @EveryEngine
    void onlyVerifiedConsentedAccountsArePaidTheRestAreRefusedWithExit3(TestDatabase engine) throws Exception {
        String db = engine.url();
        Onboarding.vault(db, tmp.resolve("vault"), new HashMap<>());
        List<String> accounts = List.of("a-ok", "a-blocked", "a-noconsent", "a-pending");
        Onboarding.onboard(db, Onboarding.customers(tmp.resolve("customers.ndjson"), accounts), false);
        ok(db, "kyc", "review", "decide", "a-ok", "--decision", "verified", "--reason", "documents checked");
        ok(db, "kyc", "review", "decide", "a-blocked", "--decision", "blocked", "--reason", "fraud alert");
        ok(db, "kyc", "review", "decide", "a-noconsent", "--decision", "verified", "--reason", "documents checked");
        ok(db, "privacy", "consent", "revoke", "--account", "a-noconsent", "--purpose", "payouts");
        Map<String, String> registered = new TreeMap<>();
        for (int i = 0; i < accounts.size(); i++) {
            registered.put(accounts.get(i), Onboarding.registeredKey(accounts.get(i), i));
        }

        // A clear key of an account never onboarded has no place but the log in clear: the whole file is refused.
        long before = events(db, "DepositReceived");
        Path ghost = Files.write(tmp.resolve("ghost.ndjson"), List.of(deposit("ghost", 5000), withdrawal("ghost", 1000,
                "+5511977776666")));
        Run refused = mbp(db, "events", "append", "--file", ghost.toString());
        assertEquals(4, refused.code(), refused.err());
        assertTrue(refused.err().contains("line 2: field payload.pix_key: account ghost is not onboarded"), refused.err());
        assertFalse(refused.err().contains("+5511977776666"), "the key is never echoed");
        assertEquals(before, events(db, "DepositReceived"), "nothing of the file was appended");

        List<String> lines = new ArrayList<>();
        accounts.forEach(a -> lines.add(deposit(a, 50_000)));
        lines.add(withdrawal("a-ok", 3000, registered.get("a-ok")));
        lines.add(withdrawal("a-blocked", 4000, registered.get("a-blocked")));
        lines.add(withdrawal("a-noconsent", 5000, registered.get("a-noconsent")));
        lines.add(withdrawal("a-pending", 6000, OTHER_KEY)); // not the registered key: kept as ciphertext
        ok(db, "events", "append", "--file", Files.write(tmp.resolve("day.ndjson"), lines).toString());
        String log = allPayloads(db);
        for (String key : registered.values()) {
            assertFalse(log.contains(key), "no clear PIX key in the log");
        }
        assertFalse(log.contains(OTHER_KEY));
        assertEquals(1, events(db, "FieldsEncrypted") - accounts.size(), "one FieldsEncrypted for the imported key");

        PspSimulator sim = new PspSimulator(SimConfig.clean(12), Clocks.startingAt(D + "T20:00:00Z", java.time.Clock.systemUTC()));
        try (PspSimServer server = new PspSimServer(sim, 0).start()) {
            Run run = mbp(db, "--json", "payouts", "run", "--date", D, "--psp", server.baseUrl());
            assertEquals(3, run.code(), "some payouts were refused: " + run.out() + run.err());
            JsonNode r = JSON.readTree(run.out());
            assertEquals(4, r.get("instructed").asInt());
            assertEquals(1, r.get("confirmed").asInt());
            Map<String, String> why = new TreeMap<>();
            r.get("refused").forEach(x -> why.put(x.get("account").asText(), x.get("reason").asText()));
            assertEquals(Map.of("a-blocked", "kyc blocked", "a-noconsent", "no payouts consent",
                    "a-pending", "kyc pending: over the unverified limit of 0 centavos"), why);
            assertEquals(1, sim.paidCount(), "nothing was sent for a refused payout");

            Run text = mbp(db, "payouts", "run", "--date", D, "--psp", server.baseUrl());
            assertEquals(3, text.code());
            assertTrue(text.out().contains("3 payout(s) NOT sent") && text.out().contains("a-blocked") && text.out().contains("kyc blocked"),
                    text.out());

            Run limited = mbp(db, "--json", "payouts", "run", "--date", D, "--psp", server.baseUrl(), "--unverified-limit", "6000");
            assertEquals(3, limited.code(), limited.out() + limited.err());
            assertEquals(2, JSON.readTree(limited.out()).get("refused").size(), "the pending account is within the limit now");
            assertEquals(2, sim.paidCount());
            for (Run x : List.of(run, text, limited)) {
                for (String key : registered.values()) {
                    assertFalse((x.out() + x.err()).contains(key), "reports name accounts, never keys");
                }
            }
        }
        Map<String, String> paidTo = new TreeMap<>();
        for (String id : sim.paidById().keySet()) {
            paidTo.put(sim.get(id).account(), sim.get(id).pixKey());
        }
        assertEquals(Map.of("a-ok", registered.get("a-ok"), "a-pending", OTHER_KEY), paidTo,
                "each paid to its own key, read from the vault");
        assertEquals(2, events(db, "FieldDecrypted"), "one audited read per key sent");
        Run list = ok(db, "payouts", "list");
        assertFalse(list.out().contains(OTHER_KEY) || list.out().contains(registered.get("a-ok")), list.out());
    }
}

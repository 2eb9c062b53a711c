package io.mbp.cli.daemon;

import io.mbp.sql.testing.EveryEngine;
import io.mbp.sql.testing.TestDatabase;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mbp.cli.custody.Secrets;
import io.mbp.cli.kyc.Onboarding;
import io.mbp.cli.privacy.VaultOptions;
import io.mbp.payout.KycPayoutGate;
import io.mbp.payout.Payees;
import io.mbp.payout.Payout;
import io.mbp.payout.VaultPayeeKeys;
import io.mbp.payout.PayoutService;
import io.mbp.payout.RetryPolicy;
import io.mbp.payout.sim.InProcessRail;
import io.mbp.payout.sim.PspSimulator;
import io.mbp.payout.sim.SimConfig;
import io.mbp.sql.Database;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 19, defects 2 and 3 through the /v2 API: ids outside the rule are refused at the edge with
 * the catalogued error and change nothing; distinct accepted ids stay distinct down to the payout.
 */
class DaemonIdsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private final Clock clock = Clock.fixed(Instant.parse("2026-11-27T12:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path tmp;

    /** ana and bob, onboarded (verified, payouts consent): since issue 12 only they can withdraw, to their registered keys. */
    private String onboarded(TestDatabase engine, String name) {
        String url = engine.url(name);
        Onboarding.vault(url, tmp.resolve(name + "-keys"), new java.util.HashMap<>());
        Onboarding.onboard(url, Onboarding.customers(tmp.resolve(name + ".ndjson"), java.util.List.of("ana", "bob")), true);
        return url;
    }

    @AfterEach
    void plainEnvironment() {
        Secrets.useEnvironment(null);
    }

    private HttpResponse<String> post(SigningClient base, String path, String key, String body) throws Exception {
        return base.post(path, key, body);
    }

    private long logSize(SigningClient base) throws Exception {
        return JSON.readTree(base.get("/v2/health").body()).get("log_size").asLong();
    }

    @EveryEngine
    void badWithdrawalIdsAre400WithTheCataloguedCodeAndChangeNothing(TestDatabase engine) throws Exception {
        String url = onboarded(engine, "mbp");
        OperatorKey key = OperatorKey.provision(url, clock);
        Daemon daemon = new Daemon(url, key.on(new Daemon.Options(0, 500, 50_000, 5_000, 20_000, false, 8)), clock);
        daemon.start();
        try {
            SigningClient base = key.client(daemon.port(), clock);
            assertEquals(201, post(base, "/v2/deposits", "d1", "{\"account\":\"ana\",\"amount\":50000}").statusCode());
            assertEquals(201, post(base, "/v2/deposits", "d2", "{\"account\":\"bob\",\"amount\":50000}").statusCode());
            long size = logSize(base);
            int k = 0;
            for (String bad : new String[] {"x/1", "../../etc", "a b/c\\u0000", "w".repeat(61) + "wwww", ""}) {
                HttpResponse<String> r = post(base, "/v2/withdrawals", "bad" + k++,
                        "{\"withdrawal_id\":\"" + bad + "\",\"account\":\"ana\",\"amount\":100}");
                assertEquals(400, r.statusCode(), bad + ": " + r.body());
                JsonNode e = JSON.readTree(r.body()).get("error");
                assertEquals(bad.isEmpty() ? "MISSING_FIELD" : "INVALID_FIELD", e.get("code").asText(), r.body());
                assertEquals("withdrawal_id", e.get("field").asText(), r.body());
            }
            assertEquals(size, logSize(base), "refused withdrawals change nothing");
        } finally {
            daemon.close();
        }
    }

    @EveryEngine
    void withdrawalsThatOnceSharedAPayoutIdArePaidToTheirOwnAccounts(TestDatabase engine) throws Exception {
        String url = onboarded(engine, "mbp3");
        OperatorKey key = OperatorKey.provision(url, clock);
        Daemon daemon = new Daemon(url, key.on(new Daemon.Options(0, 500, 50_000, 5_000, 20_000, false, 8)), clock);
        daemon.start();
        try {
            SigningClient base = key.client(daemon.port(), clock);
            assertEquals(201, post(base, "/v2/deposits", "d1", "{\"account\":\"ana\",\"amount\":50000}").statusCode());
            assertEquals(201, post(base, "/v2/deposits", "d2", "{\"account\":\"bob\",\"amount\":50000}").statusCode());
            // x:1 and x_1 follow the rule and are two withdrawals (the old payout ids sanitised both to po-w-x_1)
            assertEquals(201, post(base, "/v2/withdrawals", "w1",
                    "{\"withdrawal_id\":\"x:1\",\"account\":\"ana\",\"amount\":3000}").statusCode());
            assertEquals(201, post(base, "/v2/withdrawals", "w2",
                    "{\"withdrawal_id\":\"x_1\",\"account\":\"bob\",\"amount\":4000}").statusCode());
        } finally {
            daemon.close();
        }
        PspSimulator sim = new PspSimulator(SimConfig.clean(5), clock);
        try (Database db = Database.openMigrated(url)) {
            PayoutService svc = new PayoutService(db, clock);
            Payees payees = new Payees(KycPayoutGate.of(db, 0),
                    new VaultPayeeKeys(db, () -> VaultOptions.fromEnvironment(clock), "test"));
            PayoutService.RunSummary r = svc.run(LocalDate.parse("2026-11-27"), new InProcessRail(sim), d -> { }, RetryPolicy.DEFAULT,
                    1, payees);
            assertEquals(java.util.List.of(), r.refused());
            assertEquals(2, r.instructed());
            Map<String, String> paid = new TreeMap<>();
            for (Payout p : svc.book().all()) {
                PspSimulator.Payment pay = sim.get(p.id());
                paid.put(p.instruction().originRef(), pay.account() + " " + pay.pixKey() + " " + pay.amount());
            }
            // paid to the registered keys, which the log holds only as references; each read is an audited FieldDecrypted
            assertEquals(Map.of("x:1", "ana " + Onboarding.registeredKey("ana", 0) + " 3000",
                    "x_1", "bob " + Onboarding.registeredKey("bob", 1) + " 4000"), paid);
            long audited = db.read(dsl -> dsl.fetchCount(dsl.selectFrom(io.mbp.sql.schema.Tables.EVENTS)
                    .where(io.mbp.sql.schema.Tables.EVENTS.TYPE.eq("FieldDecrypted"))
                    .and(io.mbp.sql.schema.Tables.EVENTS.PAYLOAD.contains("\"purpose\":\"payout\""))));
            assertEquals(2, audited);
        }
    }

    @EveryEngine
    void theDefaultWithdrawalIdFollowsTheRuleToo(TestDatabase engine) throws Exception {
        String url = onboarded(engine, "mbp2");
        OperatorKey key = OperatorKey.provision(url, clock);
        Daemon daemon = new Daemon(url, key.on(new Daemon.Options(0, 500, 50_000, 5_000, 20_000, false, 8)), clock);
        daemon.start();
        try {
            SigningClient base = key.client(daemon.port(), clock);
            assertEquals(201, post(base, "/v2/deposits", "d1", "{\"account\":\"ana\",\"amount\":50000}").statusCode());
            HttpResponse<String> ok = post(base, "/v2/withdrawals", "3f2a-uuid-like",
                    "{\"account\":\"ana\",\"amount\":100}");
            assertEquals(201, ok.statusCode(), ok.body());
            assertEquals("WD-3f2a-uuid-like", JSON.readTree(ok.body()).get("withdrawal_id").asText());
            HttpResponse<String> bad = post(base, "/v2/withdrawals", "key with spaces",
                    "{\"account\":\"ana\",\"amount\":100}");
            assertEquals(400, bad.statusCode(), bad.body());
            assertTrue(JSON.readTree(bad.body()).get("error").get("message").asText().startsWith("withdrawal_id:"), bad.body());
        } finally {
            daemon.close();
        }
    }
}

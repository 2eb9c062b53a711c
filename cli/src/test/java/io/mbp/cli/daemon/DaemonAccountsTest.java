package io.mbp.cli.daemon;

import io.mbp.sql.testing.EveryEngine;
import io.mbp.sql.testing.TestDatabase;
import static io.mbp.sql.schema.Tables.EVENTS;
import static io.mbp.sql.schema.Tables.PRIVACY_SUBJECTS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mbp.kyc.CallbackSignature;
import io.mbp.kyc.sim.KycSimConfig;
import io.mbp.kyc.sim.KycSimServer;
import io.mbp.kyc.sim.KycSimulator;
import io.mbp.privacy.LocalKekFile;
import io.mbp.privacy.Vault;
import io.mbp.sql.Database;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * POST /v2/accounts, the KYC part of GET /v2/accounts/{id} and the vendor's signed callbacks, on a
 * real daemon (real H2 file, real vault key file) and the real KYC simulator on 127.0.0.1, with the
 * fictional customers of samples/customers.
 */
class DaemonAccountsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final byte[] SECRET = "a test secret shared with the KYC simulator, 32+ bytes".getBytes(StandardCharsets.UTF_8);
    private static final char[] PASS = "daemon kyc test passphrase".toCharArray();
    private static final List<String> SAMPLE = samples();

    private final HttpClient http = HttpClient.newHttpClient();
    private final Clock clock = Clock.fixed(Instant.parse("2026-11-27T12:00:00Z"), ZoneOffset.UTC);
    private final List<AutoCloseable> open = new ArrayList<>();

    @TempDir
    Path tmp;

    private String url;
    private LocalKekFile kek;
    private Daemon daemon;
    private SigningClient api;
    private OperatorKey operator;

    private static List<String> samples() {
        try {
            return Files.readAllLines(Path.of("..", "samples", "customers", "2026-11-27.ndjson"), StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    void vault(TestDatabase engine) {
        url = engine.url("mbp");
        kek = LocalKekFile.create(tmp.resolve("keys/vault-kek.json"), PASS, clock.instant());
        try (Database db = Database.openMigrated(url)) {
            db.inTransaction(dsl -> {
                new Vault(kek, clock).init(dsl);
                return null;
            });
        }
    }

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable c : open.reversed()) {
            c.close();
        }
    }

    private void start(LocalKekFile key, String provider, byte[] secret) throws Exception {
        if (daemon != null) {
            daemon.close();
        }
        if (operator == null) {
            operator = key != null ? OperatorKey.provision(url, key, clock) : OperatorKey.provision(url, clock);
        }
        daemon = new Daemon(url, operator.on(new Daemon.Options(0, 500, 50_000, 5_000, 20_000, false, 8)), clock, key, provider,
                Duration.ofSeconds(5), false, secret);
        daemon.start();
        open.add(daemon);
        api = operator.client(daemon.port(), clock);
    }

    private KycSimServer sim(KycSimConfig cfg) throws Exception {
        KycSimServer s = new KycSimServer(new KycSimulator(cfg), 0).signCallbacks(SECRET, clock).start();
        open.add(s);
        return s;
    }

    private HttpResponse<String> post(String path, String key, String body) throws Exception {
        HttpRequest.Builder b = api.request("POST", path, body.getBytes(StandardCharsets.UTF_8));
        if (key != null) {
            b.header("Idempotency-Key", key);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> callback(String body, String signature) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(api.base() + "/v2/kyc/callbacks"))
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (signature != null) {
            b.header(CallbackSignature.HEADER, signature);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode get(String path) throws Exception {
        HttpResponse<String> r = api.get(path);
        assertEquals(200, r.statusCode(), r.body());
        return JSON.readTree(r.body());
    }

    private static JsonNode assertError(HttpResponse<String> r, int status, String code) throws Exception {
        assertEquals(status, r.statusCode(), r.body());
        JsonNode e = JSON.readTree(r.body()).get("error");
        assertEquals(code, e.get("code").asText(), r.body());
        return e;
    }

    private long count(String type) {
        try (Database d = Database.open(url)) {
            // the operator key's own events (ApiClientRegistered, ApiKeyCreated) are not onboarding's
            return d.read(dsl -> (long) dsl.fetchCount(EVENTS, type == null ? EVENTS.TYPE.notIn(io.mbp.apiclient.ApiClientEvents.NAMES)
                    : EVENTS.TYPE.eq(type)));
        }
    }

    private int subjects() {
        try (Database d = Database.open(url)) {
            return d.read(dsl -> dsl.fetchCount(PRIVACY_SUBJECTS));
        }
    }

    private static void await(BooleanSupplier done, String what) throws InterruptedException {
        for (int i = 0; i < 300 && !done.getAsBoolean(); i++) {
            Thread.sleep(50);
        }
        assertTrue(done.getAsBoolean(), what);
    }

    private String kycStatus(String account) {
        try {
            return get("/v2/accounts/" + account).get("kyc").path("status").asText();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every clear personal value of a sample line, as it could appear in an answer. */
    private static List<String> clearValues(String line) throws Exception {
        JsonNode c = JSON.readTree(line);
        List<String> v = new ArrayList<>();
        for (String f : List.of("full_name", "cpf", "birth_date", "email", "phone", "pix_key")) {
            v.add(c.get(f).asText());
        }
        return v;
    }

    private static void assertNoPersonalData(String answer, String line) throws Exception {
        for (String v : clearValues(line)) {
            assertFalse(answer.contains(v), "an answer carries a personal value: " + answer);
        }
    }

    @EveryEngine
    void anAccountIsStoredPendingThenVerifiedOffTheEngineAndDuplicateSignedCallbacksChangeNothing(TestDatabase engine) throws Exception {
        vault(engine);
        // the vendor takes 1.5 s per answer and calls back twice for every subject
        KycSimServer sim = sim(new KycSimConfig(7, 1500, 0, 0, 0, 0, false, 100, null));
        start(kek, sim.baseUrl(), SECRET);
        String line = SAMPLE.get(0);
        HttpResponse<String> r = post("/v2/accounts", "onb-1", line);
        assertEquals(201, r.statusCode(), r.body());
        JsonNode a = JSON.readTree(r.body());
        // answered once stored: the verdict was not waited for
        assertEquals("pending", a.get("status").asText(), r.body());
        assertEquals("acct-0001", a.get("account").asText());
        assertTrue(a.get("subject").asText().startsWith("sub-"), r.body());
        assertTrue(a.get("fields").get("cpf").asText().startsWith("[encrypted dek-"), r.body());
        assertNoPersonalData(r.body(), line);
        // the engine answers while the vendor is still thinking
        assertEquals("ok", get("/v2/health").get("status").asText());

        await(() -> "verified".equals(kycStatus("acct-0001")), "the provider's verdict lands");
        await(() -> sim.callbacksDelivered() == 2, "both signed callbacks were accepted");
        assertEquals(1, count("KycSubmitted"));
        assertEquals(1, count("KycStatusChanged"), "the verdict and its two callbacks made one state change");
        String shown = api.get("/v2/accounts/acct-0001").body();
        JsonNode kyc = JSON.readTree(shown).get("kyc");
        assertEquals("provider", kyc.get("by").asText());
        assertEquals("match", kyc.get("reason").asText());
        assertEquals(0, JSON.readTree(shown).get("cash").asLong(), "the market part is still there");
        assertNoPersonalData(shown, line);
    }

    @EveryEngine
    void aScreeningHitIsStoredInReviewAndTheVendorIsNotAsked(TestDatabase engine) throws Exception {
        vault(engine);
        try (Database db = Database.openMigrated(url)) {
            var svc = new io.mbp.screening.ScreeningService(db, clock);
            svc.importList("ofac", io.mbp.screening.ScreeningService.parse(io.mbp.screening.ListFormat.OFAC_CSV,
                    Path.of("..", "samples", "screening", "ofac"), io.mbp.screening.ScreeningService.LIST_LIMITS));
        }
        KycSimServer sim = sim(new KycSimConfig(7, 0, 0, 0, 0, 0, false, 0, null));
        start(kek, sim.baseUrl(), SECRET);
        String listed = SAMPLE.get(1); // acct-0002: a name variant of OFAC 36001, same birth date (samples/screening/README.md)
        HttpResponse<String> r = post("/v2/accounts", "onb-2", listed);
        assertEquals(201, r.statusCode(), r.body());
        JsonNode a = JSON.readTree(r.body());
        assertEquals("acct-0002", a.get("account").asText());
        assertEquals("review", a.get("status").asText(), r.body());
        assertEquals("screening", a.get("by").asText(), r.body());
        assertTrue(a.get("reason").asText().contains("ofac/36001"), r.body());
        assertNoPersonalData(r.body(), listed);
        HttpResponse<String> other = post("/v2/accounts", "onb-1", SAMPLE.get(0));
        assertEquals(201, other.statusCode(), other.body());
        await(() -> "verified".equals(kycStatus("acct-0001")), "the clean applicant is verified by the vendor");
        assertEquals(1, sim.simulator().decided(), "the vendor was asked about the clean applicant only");
        assertEquals("review", kycStatus("acct-0002"));
        assertEquals(1, count("ScreeningHit"));
        assertEquals(2, count("ScreeningQueried"));
    }

    @EveryEngine
    void callbacksNeedAValidFreshSignatureAndAVerdictForADecidedAccountChangesNothing(TestDatabase engine) throws Exception {
        vault(engine);
        start(kek, null, SECRET); // no provider: the account waits for the vendor's callback
        assertEquals(201, post("/v2/accounts", "onb-2", SAMPLE.get(1)).statusCode());
        String subject = get("/v2/accounts/acct-0002").get("kyc").get("subject").asText();
        byte[] body = ("{\"verification_id\":\"kv-1\",\"subject\":\"" + subject + "\",\"outcome\":\"approved\",\"reason\":\"match\"}")
                .getBytes(StandardCharsets.UTF_8);
        CallbackSignature right = new CallbackSignature(SECRET);
        CallbackSignature wrong = new CallbackSignature("another secret that is long enough for HMAC".getBytes(StandardCharsets.UTF_8));
        String text = new String(body, StandardCharsets.UTF_8);
        long size = count(null);
        assertError(callback(text, null), 401, "INVALID_SIGNATURE");
        assertError(callback(text, wrong.sign(body, clock.instant())), 401, "INVALID_SIGNATURE");
        assertError(callback(text, right.sign(body, clock.instant().minus(Duration.ofMinutes(6)))), 401, "INVALID_SIGNATURE");
        assertError(callback(text.replace("approved", "rejected"), right.sign(body, clock.instant())), 401, "INVALID_SIGNATURE");
        assertError(callback(text, "t=1,v1=zz"), 401, "INVALID_SIGNATURE");
        assertEquals(size, count(null), "refused callbacks change nothing");
        assertEquals("pending", kycStatus("acct-0002"));

        HttpResponse<String> ok = callback(text, right.sign(body, clock.instant()));
        assertEquals(200, ok.statusCode(), ok.body());
        assertTrue(JSON.readTree(ok.body()).get("applied").asBoolean());
        assertFalse(ok.body().contains("acct-0002"), "the vendor never learns our account id");
        assertEquals("verified", kycStatus("acct-0002"));
        size = count(null);
        byte[] late = text.replace("approved", "rejected").getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> again = callback(new String(late, StandardCharsets.UTF_8), right.sign(late, clock.instant()));
        assertEquals(200, again.statusCode(), again.body());
        assertFalse(JSON.readTree(again.body()).get("applied").asBoolean());
        assertEquals("verified", JSON.readTree(again.body()).get("status").asText());
        assertEquals(size, count(null));
        byte[] unknown = text.replace(subject, "sub-nobody").getBytes(StandardCharsets.UTF_8);
        assertEquals("subject", assertError(callback(new String(unknown, StandardCharsets.UTF_8), right.sign(unknown, clock.instant())),
                404, "UNKNOWN_ACCOUNT").get("field").asText());
    }

    @EveryEngine
    void badInputIsRefusedNamingTheFieldNeverTheValueAndNothingIsStored(TestDatabase engine) throws Exception {
        vault(engine);
        start(kek, null, null);
        ObjectNode good = (ObjectNode) JSON.readTree(SAMPLE.get(2));
        String cpf = good.get("cpf").asText();
        String badCpf = cpf.substring(0, 10) + (char) ('0' + (cpf.charAt(10) - '0' + 1) % 10);
        record Case(String field, String value, String code) {
        }
        List<Case> cases = List.of(new Case("cpf", badCpf, "INVALID_FIELD"), new Case("birth_date", "2010-03-04", "INVALID_FIELD"),
                new Case("pix_key", "not-a-pix-key@", "INVALID_FIELD"), new Case("phone", "11987654321", "INVALID_FIELD"),
                new Case("email", "no-at-sign.example.com", "INVALID_FIELD"), new Case("mother_name", "Maria Fictícia", "FIELD_NOT_COLLECTED"));
        long size = count(null);
        for (Case c : cases) {
            ObjectNode n = good.deepCopy();
            n.put(c.field(), c.value());
            HttpResponse<String> r = post("/v2/accounts", "bad-" + c.field(), n.toString());
            JsonNode e = assertError(r, 400, c.code());
            assertEquals(c.field(), e.get("field").asText(), r.body());
            assertFalse(r.body().contains(c.value()), "the refused value is echoed: " + r.body());
            assertNoPersonalData(r.body(), SAMPLE.get(2));
        }
        ObjectNode purpose = good.deepCopy();
        purpose.putArray("consents").add("kyc").add("resale-of-data");
        assertEquals("consents[1]", assertError(post("/v2/accounts", "bad-p", purpose.toString()), 400, "INVALID_FIELD").get("field").asText());
        ObjectNode missing = good.deepCopy();
        missing.remove("cpf");
        assertEquals("cpf", assertError(post("/v2/accounts", "bad-m", missing.toString()), 400, "MISSING_FIELD").get("field").asText());
        JsonNode notJson = assertError(post("/v2/accounts", "bad-j", "{\"account\":\"acct-0003\",\"cpf\":\"" + cpf), 400, "MALFORMED_JSON");
        assertFalse(notJson.toString().contains(cpf), notJson.toString());
        assertError(post("/v2/accounts", null, good.toString()), 400, "IDEMPOTENCY_KEY_REQUIRED");
        String lone = good.toString().replace("\"full_name\":\"", "\"full_name\":\"\\ud800");
        assertError(post("/v2/accounts", "bad-u", lone), 400, "MALFORMED_JSON");
        assertError(post("/v2/accounts", "bad-t", good + " {\"and\":\"more\"}"), 400, "MALFORMED_JSON");
        ObjectNode badId = good.deepCopy();
        badId.put("account", "-starts-with-a-dash");
        assertEquals("account", assertError(post("/v2/accounts", "bad-id", badId.toString()), 400, "INVALID_FIELD").get("field").asText());
        assertEquals(size, count(null), "nothing was appended");
        assertEquals(0, subjects(), "nothing was stored in the vault");
    }

    @EveryEngine
    void anAccountAPartnerOnboardsIsBoundToItAndHiddenFromOtherClients(TestDatabase engine) throws Exception {
        vault(engine);
        start(kek, null, null);
        io.mbp.apiclient.ApiKeyService.Issued partner;
        io.mbp.apiclient.ApiKeyService.Issued other;
        try (Database db = Database.openMigrated(url)) {
            io.mbp.apiclient.ApiKeyService keys = new io.mbp.apiclient.ApiKeyService(db, new Vault(kek, clock), clock);
            partner = keys.create("partner", java.util.EnumSet.of(io.mbp.apiclient.Scope.READ, io.mbp.apiclient.Scope.TRADE), "test");
            other = keys.create("other", java.util.EnumSet.of(io.mbp.apiclient.Scope.READ, io.mbp.apiclient.Scope.TRADE), "test");
        }
        SigningClient p = new SigningClient(api.base(), partner.keyId(), partner.secret(), clock);
        SigningClient o = new SigningClient(api.base(), other.keyId(), other.secret(), clock);
        String line = SAMPLE.get(1);
        String account = JSON.readTree(line).get("account").asText();
        HttpResponse<String> made = p.post("/v2/accounts", "onb-p", line);
        assertEquals(201, made.statusCode(), made.body());
        assertEquals(1, count("AccountBoundToClient"));
        assertEquals(200, p.get("/v2/accounts/" + account).statusCode());
        assertError(o.get("/v2/accounts/" + account), 403, "ACCOUNT_NOT_BOUND");
        assertError(o.post("/v2/deposits", "d-o", "{\"account\":\"" + account + "\",\"amount\":100}"), 403, "ACCOUNT_NOT_BOUND");
        // the partner's account cannot be taken over by onboarding it again from another client
        assertError(o.post("/v2/accounts", "onb-o", line), 403, "ACCOUNT_NOT_BOUND");
        assertEquals(201, p.post("/v2/deposits", "d-p", "{\"account\":\"" + account + "\",\"amount\":100}").statusCode());
        assertEquals(1, count("AccountBoundToClient"));
    }

    /** Issues API keys to clients "partner" and "other" (read + trade) and signs as the partner. */
    private SigningClient partnerBesideOther() throws Exception {
        io.mbp.apiclient.ApiKeyService.Issued partner;
        try (Database db = Database.openMigrated(url)) {
            io.mbp.apiclient.ApiKeyService keys = new io.mbp.apiclient.ApiKeyService(db, new Vault(kek, clock), clock);
            partner = keys.create("partner", java.util.EnumSet.of(io.mbp.apiclient.Scope.READ, io.mbp.apiclient.Scope.TRADE), "test");
            keys.create("other", java.util.EnumSet.of(io.mbp.apiclient.Scope.READ, io.mbp.apiclient.Scope.TRADE), "test");
        }
        return new SigningClient(api.base(), partner.keyId(), partner.secret(), clock);
    }

    @EveryEngine
    void anAccountBoundToAnotherClientIsRefusedBeforeTheDaemonHearsOfTheBindingAndNothingIsStored(TestDatabase engine) throws Exception {
        vault(engine);
        start(kek, null, null);
        SigningClient p = partnerBesideOther();
        String line = SAMPLE.get(4);
        String account = JSON.readTree(line).get("account").asText();
        // the daemon knows the partner's key (and every binding so far) from here on
        assertError(p.get("/v2/accounts/" + account), 403, "ACCOUNT_NOT_BOUND");
        for (int round = 0; round < 3; round++) {
            // the operator binds the account to the other client; the daemon's key ring hears of it within a second,
            // but the onboarding checks the log itself, in the transaction that would store the account
            try (Database db = Database.openMigrated(url)) {
                new io.mbp.apiclient.ApiKeyService(db, new Vault(kek, clock), clock).bind("other", account + "-" + round, "operator");
            }
            ObjectNode n = (ObjectNode) JSON.readTree(line);
            n.put("account", account + "-" + round);
            HttpResponse<String> r = p.post("/v2/accounts", "onb-x-" + round, n.toString());
            assertEquals("account", assertError(r, 403, "ACCOUNT_NOT_BOUND").get("field").asText(), r.body());
            assertNoPersonalData(r.body(), line);
        }
        assertEquals(0, count("KycSubmitted"), "no refused account was stored");
        assertEquals(0, subjects(), "nothing was stored in the vault");
        assertEquals(3, count("AccountBoundToClient"), "the operator's bindings stand, none was added");
        // an account nobody holds is the partner's at once, in the same answer
        HttpResponse<String> made = p.post("/v2/accounts", "onb-y", line);
        assertEquals(201, made.statusCode(), made.body());
        assertEquals(1, count("KycSubmitted"));
        assertEquals(4, count("AccountBoundToClient"));
        assertEquals(200, p.get("/v2/accounts/" + account).statusCode());
    }

    @EveryEngine
    void anOnboardedAccountBoundElsewhereOutsideTheDaemonIs403Not409BeforeTheRingRefreshes(TestDatabase engine) throws Exception {
        vault(engine);
        start(kek, null, null);
        SigningClient p = partnerBesideOther();
        String line = SAMPLE.get(5);
        String account = JSON.readTree(line).get("account").asText();
        // the operator onboards the account (admin: bound to nobody); the ring knows the partner's key from here on
        assertEquals(201, post("/v2/accounts", "onb-op", line).statusCode());
        assertError(p.get("/v2/accounts/" + account), 403, "ACCOUNT_NOT_BOUND");
        long size = count(null);
        // Holding the ring's lock keeps its 1 s refresh from running (refresh() is synchronized; reads are lock-free):
        // the daemon cannot have heard of the binding below, whatever the timing.
        synchronized (daemon.keyRing()) {
            try (Database db = Database.openMigrated(url)) {
                new io.mbp.apiclient.ApiKeyService(db, new Vault(kek, clock), clock).bind("other", account, "operator");
            }
            // the same answer as with a fresh ring: another client's account, whether it exists or not (never 409 ACCOUNT_EXISTS)
            HttpResponse<String> r = p.post("/v2/accounts", "onb-z", line);
            assertEquals("account", assertError(r, 403, "ACCOUNT_NOT_BOUND").get("field").asText(), r.body());
            assertNoPersonalData(r.body(), line);
            // a retry under the operator's own key is another client's too: not answered from the log
            assertError(p.post("/v2/accounts", "onb-op", line), 403, "ACCOUNT_NOT_BOUND");
        }
        assertEquals(size, count(null), "no refusal appended anything");
        assertEquals(1, count("AccountBoundToClient"), "the operator's binding stands, none was added");
        assertEquals(1, subjects());
    }

    @EveryEngine
    void onboardingsRacingDepositsAreEachBoundAndEveryDepositIsKept(TestDatabase engine) throws Exception {
        vault(engine);
        start(kek, null, null);
        io.mbp.apiclient.ApiKeyService.Issued partner;
        try (Database db = Database.openMigrated(url)) {
            partner = new io.mbp.apiclient.ApiKeyService(db, new Vault(kek, clock), clock).create("partner",
                    java.util.EnumSet.of(io.mbp.apiclient.Scope.READ, io.mbp.apiclient.Scope.TRADE), "test");
        }
        SigningClient p = new SigningClient(api.base(), partner.keyId(), partner.secret(), clock);
        // the store thread's transactions, the key ring's reads and the engine's group commits at once: each on its own connection
        List<HttpRequest> onboardings = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            ObjectNode n = (ObjectNode) JSON.readTree(SAMPLE.get(i));
            onboardings.add(p.request("POST", "/v2/accounts", n.toString().getBytes(StandardCharsets.UTF_8))
                    .header("Idempotency-Key", "onb-r-" + i).build());
        }
        List<HttpRequest> deposits = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            deposits.add(api.request("POST", "/v2/deposits", ("{\"account\":\"cash-" + i + "\",\"amount\":100}").getBytes(StandardCharsets.UTF_8))
                    .header("Idempotency-Key", "d-r-" + i).build());
        }
        List<java.util.concurrent.CompletableFuture<HttpResponse<String>>> made = new ArrayList<>();
        List<java.util.concurrent.CompletableFuture<HttpResponse<String>>> paid = new ArrayList<>();
        for (int i = 0; i < deposits.size(); i++) {
            paid.add(http.sendAsync(deposits.get(i), HttpResponse.BodyHandlers.ofString()));
            if (i % 4 == 0) {
                made.add(http.sendAsync(onboardings.get(i / 4), HttpResponse.BodyHandlers.ofString()));
            }
        }
        for (var f : made) {
            assertEquals(201, f.join().statusCode(), f.join().body());
        }
        for (var f : paid) {
            assertEquals(201, f.join().statusCode(), f.join().body());
        }
        assertEquals(6, count("KycSubmitted"));
        assertEquals(6, count("AccountBoundToClient"), "every onboarded account is bound to the partner");
        for (int i = 0; i < 6; i++) {
            assertEquals(200, p.get("/v2/accounts/" + JSON.readTree(SAMPLE.get(i)).get("account").asText()).statusCode());
        }
        for (int i = 0; i < 24; i++) {
            assertEquals(100, get("/v2/accounts/cash-" + i).get("cash").asLong(), "deposit " + i + " was kept");
        }
    }

    @EveryEngine
    void aRetryWithTheSameKeyIsAnsweredFromTheLogEvenAfterARestartAndAnOnboardedAccountIs409(TestDatabase engine) throws Exception {
        vault(engine);
        start(kek, null, null);
        String line = SAMPLE.get(3);
        HttpResponse<String> first = post("/v2/accounts", "onb-4", line);
        assertEquals(201, first.statusCode(), first.body());
        long size = count(null);
        // same body, other key order and whitespace: the same request
        ObjectNode reordered = JSON.createObjectNode();
        List<String> names = new ArrayList<>();
        JSON.readTree(line).fieldNames().forEachRemaining(names::add);
        for (String f : names.reversed()) {
            reordered.set(f, JSON.readTree(line).get(f));
        }
        start(kek, null, null); // across a restart: the key lives in the log
        HttpResponse<String> replay = post("/v2/accounts", "onb-4", " " + reordered.toPrettyString());
        assertEquals(201, replay.statusCode(), replay.body());
        assertEquals("true", replay.headers().firstValue("Idempotent-Replayed").orElse(""));
        assertEquals(JSON.readTree(first.body()), JSON.readTree(replay.body()));
        ObjectNode other = (ObjectNode) JSON.readTree(line);
        other.put("email", "someone.else.0004@example.com");
        assertError(post("/v2/accounts", "onb-4", other.toString()), 422, "IDEMPOTENCY_KEY_REUSED");
        JsonNode exists = assertError(post("/v2/accounts", "onb-4-again", line), 409, "ACCOUNT_EXISTS");
        assertEquals("account", exists.get("field").asText());
        assertEquals(size, count(null), "no retry or refusal appended anything");
        assertEquals(1, subjects());
    }

    @EveryEngine
    void withoutTheVaultOrTheSecretKycIsUnavailableAndReadsStillWork(TestDatabase engine) throws Exception {
        vault(engine);
        start(null, null, null);
        assertError(post("/v2/accounts", "onb-5", SAMPLE.get(4)), 503, "KYC_UNAVAILABLE");
        assertError(callback("{}", "t=1,v1=00"), 503, "KYC_UNAVAILABLE");
        JsonNode never = get("/v2/accounts/acct-0005");
        assertTrue(never.has("kyc") && never.get("kyc").isNull(), never.toString());
        assertEquals(0, count(null));
    }
}

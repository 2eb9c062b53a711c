package io.mbp.cli.kyc;

import io.mbp.cli.testing.Cli;
import io.mbp.cli.testing.Cli.Run;
import io.mbp.sql.testing.EveryEngine;
import io.mbp.sql.testing.TestDatabase;
import static io.mbp.sql.schema.Tables.EVENTS;
import static io.mbp.sql.schema.Tables.PRIVACY_SUBJECTS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mbp.cli.custody.Secrets;
import io.mbp.kyc.sim.KycSimConfig;
import io.mbp.kyc.sim.KycSimServer;
import io.mbp.kyc.sim.KycSimulator;
import io.mbp.privacy.Consents;
import io.mbp.privacy.Purpose;
import io.mbp.sql.Database;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** mbp kyc and mbp privacy through the CLI on a real H2 file: onboarding, refusals, show/reveal, provider, review, consents, rotation. */
class KycCliTest {
    static final String NOW = "2026-11-27T12:00:00Z";

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

    void vault(TestDatabase engine) {
        db = engine.url("mbp");
        env.put("MBP_VAULT_PASSPHRASE", "kyc test passphrase");
        env.put("MBP_KEK_FILE", tmp.resolve("keys/vault-kek.json").toString());
        env.put("MBP_OPERATOR", "alice");
        Secrets.useEnvironment(env::get);
        ok(mbp("privacy", "kek", "init"));
    }

    private TestDatabase parserOnly;

    @AfterEach
    void reset() {
        Secrets.useEnvironment(null);
        if (parserOnly != null) {
            parserOnly.close();
        }
    }

    long logSize() {
        try (Database d = Database.openMigrated(db)) {
            return d.read(dsl -> dsl.fetchCount(EVENTS));
        }
    }

    int subjects() {
        try (Database d = Database.openMigrated(db)) {
            return d.read(dsl -> dsl.fetchCount(PRIVACY_SUBJECTS));
        }
    }

    List<String> types() {
        try (Database d = Database.openMigrated(db)) {
            return d.read(dsl -> dsl.select(EVENTS.TYPE).from(EVENTS).orderBy(EVENTS.SEQ).fetch(EVENTS.TYPE));
        }
    }

    List<ObjectNode> customers(int n, long seed) {
        List<ObjectNode> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(Customers.customer("acct-" + seed + "-" + i, seed * 100 + i));
        }
        return out;
    }

    Run onboard(List<ObjectNode> cs, String... extra) {
        Path f = Customers.write(tmp.resolve("customers-" + System.nanoTime() + ".ndjson"), cs);
        List<String> args = new ArrayList<>(List.of("kyc", "onboard", "--file", f.toString(), "--now", NOW));
        args.addAll(List.of(extra));
        return mbp(args.toArray(String[]::new));
    }

    @EveryEngine
    void aGoodFileIsStoredAsCiphertextWithConsents(TestDatabase engine) {
        vault(engine);
        List<ObjectNode> cs = customers(3, 1);
        cs.get(0).put("birth_date", "2008-11-27"); // 18 today, in São Paulo
        cs.get(1).put("cpf", "529.982.247-25");
        cs.get(1).put("pix_key", "52998224725");
        cs.get(2).put("pix_key", "7d444840-9dc0-11d1-b245-5ffdce74fad2");
        cs.get(2).putArray("consents").add("kyc").add("payouts").add("marketing");
        Run r = ok(onboard(cs));
        assertTrue(r.out().contains("3 account(s): 3 pending"), r.out());
        List<String> t = types();
        assertEquals(3, t.stream().filter("SubjectCreated"::equals).count());
        assertEquals(3, t.stream().filter("FieldsEncrypted"::equals).count());
        assertEquals(3, t.stream().filter("KycSubmitted"::equals).count());
        assertEquals(7, t.stream().filter("ConsentGranted"::equals).count());
        assertEquals(3, subjects());
        Run show = ok(mbp("--json", "kyc", "show", "acct-1-1"));
        assertTrue(show.out().contains("\"pix_key_type\" : \"cpf\"") || show.out().contains("\"pix_key_type\":\"cpf\""), show.out());
    }

    static Stream<Arguments> badLines() {
        return Stream.of(
                Arguments.of("cpf", (Consumer<ObjectNode>) c -> c.put("cpf", spoilLastDigit(c.get("cpf").asText())), "cpf"),
                Arguments.of("same-digit cpf", (Consumer<ObjectNode>) c -> c.put("cpf", "11111111111"), "cpf"),
                Arguments.of("printed cpf with a wrong digit", (Consumer<ObjectNode>) c -> c.put("cpf", "529.982.247-26"), "cpf"),
                Arguments.of("under age", (Consumer<ObjectNode>) c -> c.put("birth_date", "2010-03-01"), "birth_date"),
                Arguments.of("18 tomorrow", (Consumer<ObjectNode>) c -> c.put("birth_date", "2008-11-28"), "birth_date"),
                Arguments.of("not a date", (Consumer<ObjectNode>) c -> c.put("birth_date", "27/11/1990"), "birth_date"),
                Arguments.of("unknown consent purpose", (Consumer<ObjectNode>) c -> c.putArray("consents").add("kyc").add("newsletter"),
                        "consents[1]"),
                Arguments.of("consents not a list", (Consumer<ObjectNode>) c -> c.put("consents", "kyc"), "consents"),
                Arguments.of("short phone as pix key", (Consumer<ObjectNode>) c -> c.put("pix_key", "+55119876"), "pix_key"),
                Arguments.of("uppercase EVP", (Consumer<ObjectNode>) c -> c.put("pix_key", "7D444840-9DC0-11D1-B245-5FFDCE74FAD2"),
                        "pix_key"),
                Arguments.of("pix key cpf with bad digits", (Consumer<ObjectNode>) c -> c.put("pix_key", "52998224724"), "pix_key"),
                Arguments.of("e-mail pix key without domain", (Consumer<ObjectNode>) c -> c.put("pix_key", "zefira@example"), "pix_key"),
                Arguments.of("phone without +55", (Consumer<ObjectNode>) c -> c.put("phone", "11987654321"), "phone"),
                Arguments.of("bad e-mail", (Consumer<ObjectNode>) c -> c.put("email", "zefira.example.com"), "email"),
                Arguments.of("field we do not collect", (Consumer<ObjectNode>) c -> c.put("mother_name", "Maria Quintanilha"), "mother_name"),
                Arguments.of("missing field", (Consumer<ObjectNode>) c -> c.remove("phone"), "phone"),
                Arguments.of("one-word name", (Consumer<ObjectNode>) c -> c.put("full_name", "Zefira"), "full_name"),
                Arguments.of("duplicate account", (Consumer<ObjectNode>) c -> c.put("account", "acct-2-0"), "account"));
    }

    static String spoilLastDigit(String cpf) {
        char last = cpf.charAt(10);
        return cpf.substring(0, 10) + (char) ('0' + (last - '0' + 1) % 10);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badLines")
    void aBadLineRefusesTheWholeFileNamingLineAndField(String name, Consumer<ObjectNode> spoil, String field) {
        // Each case checks the file's validation, which no engine takes part in: H2 only, not 18 x 3 runs.
        vault(parserOnly = new TestDatabase(io.mbp.sql.Engine.H2));
        List<ObjectNode> cs = customers(3, 2);
        ObjectNode bad = cs.get(1);
        String before = bad.toString();
        spoil.accept(bad);
        long size = logSize();
        Run r = onboard(cs);
        assertEquals(4, r.code(), () -> r.out() + r.err());
        assertTrue(r.err().contains("line 2: field " + field + ":"), r.err());
        assertTrue(r.err().contains("nothing was stored"), r.err());
        assertEquals(size, logSize(), "nothing appended");
        assertEquals(0, subjects(), "nothing in the vault");
        // The refused value is personal data: it is not echoed.
        for (String v : Customers.clearValues(Customers.JSON.createObjectNode().setAll((ObjectNode) readTree(before)))) {
            assertFalse(r.err().contains(v), () -> "stderr repeats a personal value: " + r.err());
        }
        assertFalse(r.err().contains("11111111111") || r.err().contains("2010-03-01") || r.err().contains("zefira@example")
                || r.err().contains("Maria Quintanilha"), r.err());
    }

    static JsonNode readTree(String s) {
        try {
            return Customers.JSON.readTree(s);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @EveryEngine
    void malformedJsonAndAnAlreadyOnboardedAccountAreRefusedWhole(TestDatabase engine) {
        vault(engine);
        ok(onboard(customers(2, 3)));
        long size = logSize();
        List<ObjectNode> again = customers(1, 4);
        again.add(Customers.customer("acct-3-1", 999));
        Run r = onboard(again);
        assertEquals(4, r.code());
        assertTrue(r.err().contains("line 2: field account: account acct-3-1 is already onboarded"), r.err());
        assertEquals(size, logSize());
        assertEquals(2, subjects());

        Path f = tmp.resolve("broken.ndjson");
        Customers.write(f, customers(1, 5));
        try {
            java.nio.file.Files.writeString(f, "{\"account\": \"acct-x\", \"cpf\": \"52998224725\"\n", java.nio.file.StandardOpenOption.APPEND);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        Run broken = mbp("kyc", "onboard", "--file", f.toString(), "--now", NOW);
        assertEquals(4, broken.code());
        assertTrue(broken.err().contains("line 2: not valid JSON"), broken.err());
        assertFalse(broken.err().contains("52998224725"), broken.err());
        assertEquals(size, logSize());
    }

    @EveryEngine
    void showIsMaskedAndRevealIsAuditedPerField(TestDatabase engine) {
        vault(engine);
        List<ObjectNode> cs = customers(1, 6);
        ok(onboard(cs));
        ObjectNode c = cs.get(0);
        long size = logSize();
        Run masked = ok(mbp("kyc", "show", "acct-6-0"));
        for (String v : Customers.clearValues(c)) {
            assertFalse(masked.out().contains(v), masked.out());
        }
        assertTrue(masked.out().contains("[encrypted dek-"), masked.out());
        assertTrue(masked.out().contains("pix_key_ref    pix_key-"), masked.out());
        assertEquals(size, logSize(), "a masked show decrypts nothing and logs nothing");

        Run noPurpose = mbp("kyc", "show", "acct-6-0", "--reveal");
        assertEquals(2, noPurpose.code(), noPurpose.err());
        assertTrue(noPurpose.err().contains("--purpose"), noPurpose.err());

        Run reveal = ok(mbp("kyc", "show", "acct-6-0", "--reveal", "--purpose", "support ticket 42", "--as", "bob"));
        for (String f : List.of("full_name", "cpf", "birth_date", "email", "phone", "pix_key")) {
            assertTrue(reveal.out().contains(c.get(f).asText()), f + " in " + reveal.out());
        }
        assertEquals(size + 6, logSize());
        try (Database d = Database.openMigrated(db)) {
            List<String> audit = d.read(dsl -> dsl.select(EVENTS.PAYLOAD).from(EVENTS).where(EVENTS.TYPE.eq("FieldDecrypted"))
                    .orderBy(EVENTS.SEQ).fetch(EVENTS.PAYLOAD));
            assertEquals(6, audit.size());
            assertTrue(audit.get(1).contains("\"actor\":\"bob\"") && audit.get(1).contains("\"field\":\"cpf\"")
                    && audit.get(1).contains("\"purpose\":\"support ticket 42\""), audit.get(1));
        }
        Run one = ok(mbp("kyc", "show", "acct-6-0", "--reveal", "--purpose", "payout check", "--field", "pix_key"));
        assertTrue(one.out().contains(c.get("pix_key").asText()));
        assertFalse(one.out().contains(c.get("cpf").asText()));
        assertEquals(size + 7, logSize());
        assertEquals(4, mbp("kyc", "show", "acct-nobody").code());
    }

    @EveryEngine
    void theProviderDecidesTimeoutsStayPendingAndReviewIsDecidedByAnOperator(TestDatabase engine) throws Exception {
        vault(engine);
        try (KycSimServer review = new KycSimServer(new KycSimulator(new KycSimConfig(7, 0, 0, 0, 0, 100, false, 0, null)), 0).start()) {
            Run r = ok(onboard(customers(2, 7), "--provider", review.baseUrl()));
            assertTrue(r.out().contains("2 account(s): 2 review"), r.out());
        }
        Run list = ok(mbp("kyc", "review", "list"));
        assertTrue(list.out().contains("acct-7-0") && list.out().contains("acct-7-1") && list.out().contains("name_mismatch"), list.out());
        ok(mbp("kyc", "review", "decide", "acct-7-0", "--decision", "verified", "--reason", "documents checked by hand"));
        ok(mbp("kyc", "review", "decide", "acct-7-1", "--decision", "rejected", "--reason", "document photo unreadable"));
        Run illegal = mbp("kyc", "review", "decide", "acct-7-1", "--decision", "verified", "--reason", "changed my mind");
        assertEquals(4, illegal.code());
        assertTrue(illegal.err().contains("is rejected and cannot become verified"), illegal.err());
        ok(mbp("kyc", "review", "decide", "acct-7-0", "--decision", "blocked", "--reason", "fraud report"));
        assertFalse(ok(mbp("kyc", "review", "list")).out().contains("acct-7"));
        Run all = ok(mbp("kyc", "review", "list", "--all"));
        assertTrue(all.out().contains("blocked") && all.out().contains("rejected"), all.out());

        // A vendor that hangs on first requests: accounts stay pending; `kyc verify` asks again (audited reads).
        try (KycSimServer slow = new KycSimServer(new KycSimulator(new KycSimConfig(8, 0, 100, 3000, 0, 0, true, 0, null)), 0).start()) {
            Run r = ok(onboard(customers(2, 8), "--provider", slow.baseUrl(), "--provider-timeout", "300"));
            assertTrue(r.out().contains("2 account(s): 2 pending") && r.out().contains("provider unavailable"), r.out());
            long decryptsBefore = types().stream().filter("FieldDecrypted"::equals).count();
            Run v = ok(mbp("kyc", "verify", "--provider", slow.baseUrl(), "--provider-timeout", "2000", "--as", "nightly"));
            // Liveness is required by this vendor and was not claimed: manual review.
            assertTrue(v.out().contains("2 account(s): 2 review") && v.out().contains("liveness_missing"), v.out());
            assertEquals(decryptsBefore + 6, types().stream().filter("FieldDecrypted"::equals).count());
            Run again = ok(mbp("kyc", "verify", "--provider", slow.baseUrl()));
            assertTrue(again.out().contains("0 account(s)"), again.out());
        }
        try (KycSimServer live = new KycSimServer(new KycSimulator(new KycSimConfig(9, 5, 0, 0, 0, 0, true, 0, null)), 0).start()) {
            Run r = ok(onboard(customers(1, 9), "--provider", live.baseUrl(), "--liveness"));
            assertTrue(r.out().contains("1 account(s): 1 verified"), r.out());
        }
        Run down = ok(onboard(customers(1, 10), "--provider", "http://127.0.0.1:9", "--provider-timeout", "500"));
        assertTrue(down.out().contains("1 pending"), down.out());
    }

    @EveryEngine
    void aDuplicateVerdictChangesNothing(TestDatabase engine) {
        vault(engine);
        ok(onboard(customers(1, 11)));
        try (Database d = Database.openMigrated(db)) {
            var svc = new io.mbp.kyc.KycService(d, null, Clock.systemUTC());
            var verdict = new io.mbp.kyc.KycProvider.Verdict("approved", "kv-1", "match");
            assertEquals(io.mbp.kyc.KycStatus.VERIFIED, svc.applyVerdict("acct-11-0", verdict));
            long size = d.read(dsl -> dsl.fetchCount(EVENTS));
            assertEquals(io.mbp.kyc.KycStatus.VERIFIED, svc.applyVerdict("acct-11-0", verdict));
            assertEquals(io.mbp.kyc.KycStatus.VERIFIED,
                    svc.applyVerdict("acct-11-0", new io.mbp.kyc.KycProvider.Verdict("rejected", "kv-1", "late")));
            assertEquals(size, (long) d.read(dsl -> dsl.fetchCount(EVENTS)));
        }
    }

    @EveryEngine
    void consentsAreGrantedRevokedAndAnswerTheProcessingQuestion(TestDatabase engine) {
        vault(engine);
        ok(onboard(customers(1, 12)));
        Instant now = Instant.parse(NOW).plusSeconds(60); // --now starts the command's clock there; it runs on
        try (Database d = Database.openMigrated(db)) {
            Consents c = new Consents(d, Clock.systemUTC());
            assertTrue(c.mayProcess("acct-12-0", Purpose.PAYOUTS, now));
            assertFalse(c.mayProcess("acct-12-0", Purpose.MARKETING, now));
            assertFalse(c.mayProcess("acct-12-0", Purpose.PAYOUTS, Instant.parse(NOW).minusSeconds(1)), "not before it was given");
        }
        ok(mbp("privacy", "consent", "grant", "--account", "acct-12-0", "--purpose", "marketing", "--now", "2026-11-28T10:00:00Z"));
        ok(mbp("privacy", "consent", "revoke", "--account", "acct-12-0", "--purpose", "payouts", "--now", "2026-11-29T10:00:00Z",
                "--source", "app settings"));
        try (Database d = Database.openMigrated(db)) {
            Consents c = new Consents(d, Clock.systemUTC());
            assertTrue(c.mayProcess("acct-12-0", Purpose.PAYOUTS, Instant.parse("2026-11-28T12:00:00Z")));
            assertFalse(c.mayProcess("acct-12-0", Purpose.PAYOUTS, Instant.parse("2026-11-29T12:00:00Z")));
            assertTrue(c.mayProcess("acct-12-0", Purpose.MARKETING, Instant.parse("2026-11-29T12:00:00Z")));
        }
        Run list = ok(mbp("privacy", "consent", "list", "--account", "acct-12-0", "--now", "2026-11-30T00:00:00Z"));
        assertTrue(list.out().matches("(?s).*payouts\\s+revoked.*"), list.out());
        assertTrue(list.out().matches("(?s).*marketing\\s+granted.*"), list.out());
        assertEquals(4, ok(mbp("--json", "privacy", "consent", "list", "--account", "acct-12-0", "--history")).out()
                .split("\"purpose\"").length - 1);
        Run twice = mbp("privacy", "consent", "revoke", "--account", "acct-12-0", "--purpose", "payouts");
        assertEquals(4, twice.code());
        Run unknown = mbp("privacy", "consent", "grant", "--account", "acct-12-0", "--purpose", "newsletter");
        assertEquals(4, unknown.code());
        assertTrue(unknown.err().contains("known: kyc, payouts, marketing, analytics"), unknown.err());
        assertEquals(4, mbp("privacy", "consent", "grant", "--account", "acct-nobody", "--purpose", "kyc").code());
    }

    @EveryEngine
    void kekRotationKeepsEveryFieldReadable(TestDatabase engine) {
        vault(engine);
        List<ObjectNode> cs = customers(2, 13);
        ok(onboard(cs));
        Run rot = ok(mbp("privacy", "kek", "rotate"));
        assertTrue(rot.out().contains("/v1 -> ") && rot.out().contains("/v2: re-wrapped 3 key(s)"), rot.out());
        Run status = ok(mbp("privacy", "kek", "status"));
        assertTrue(status.out().contains("active version 2") && status.out().contains("retired"), status.out());
        Run reveal = ok(mbp("kyc", "show", "acct-13-1", "--reveal", "--purpose", "after rotation"));
        assertTrue(reveal.out().contains(cs.get(1).get("cpf").asText()), reveal.out());
        env.put("MBP_VAULT_PASSPHRASE", "wrong");
        Run wrong = mbp("kyc", "show", "acct-13-1", "--reveal", "--purpose", "x");
        assertEquals(4, wrong.code());
        assertTrue(wrong.err().contains("does not open KEK"), wrong.err());
    }
}

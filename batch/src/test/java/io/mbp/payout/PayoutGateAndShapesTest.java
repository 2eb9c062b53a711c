package io.mbp.payout;

import io.mbp.sql.testing.EveryEngine;
import io.mbp.sql.testing.TestDatabase;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mbp.events.EventLog;
import io.mbp.events.EventTypes;
import io.mbp.events.FieldException;
import io.mbp.events.NewEvent;
import io.mbp.kyc.KycProvider;
import io.mbp.kyc.KycService;
import io.mbp.kyc.KycStatus;
import io.mbp.market.DepositReceived;
import io.mbp.market.MarketEngine;
import io.mbp.market.MarketEvent;
import io.mbp.market.MarketService;
import io.mbp.market.PixPayee;
import io.mbp.market.WithdrawalRequested;
import io.mbp.privacy.Consents;
import io.mbp.privacy.LocalKekFile;
import io.mbp.privacy.Purpose;
import io.mbp.privacy.Vault;
import io.mbp.sql.Database;
import java.io.BufferedReader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ADR 0703/0704 in the domain: the two event shapes, old-log replay, the gate's answers, the vault read of a key. */
class PayoutGateAndShapesTest {
    static final Path SAMPLE = Path.of("..", "samples", "customers", "2026-11-27.ndjson");
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-27T12:00:00Z"), ZoneOffset.UTC);
    static final EventTypes TYPES = EventTypes.of(MarketEvent.class, PayoutEvent.class);
    static final String REF = "pix_key-" + "ab".repeat(16);

    @TempDir
    Path tmp;

    @Test
    void anOldShapeEventDecodesReEncodesByteForByteAndIsInstructedToItsClearKey() {
        // as a log written before issue 12 stores it (canonical JSON)
        String stored = "{\"account\":\"acct-0017\",\"amount\":3000,\"pix_key\":\"+5511980442784\",\"withdrawal_id\":\"wd-00030\"}";
        WithdrawalRequested w = (WithdrawalRequested) TYPES.decode("WithdrawalRequested", stored);
        assertTrue(w.payee().isLegacy());
        assertEquals(stored, TYPES.encode(w), "re-encoding keeps the bytes, so the leaf hash and every proof stay valid");
        PayoutInstructed i = new WithdrawalOrigin().instructionFor(w).orElseThrow();
        assertEquals("+5511980442784", i.pixKey());
        assertEquals("+5511980442784", PayeeKeys.CLEAR_ONLY.clearKey(i), "an old instruction is paid to the key it holds");
        assertFalse(w.payee().toString().contains("+5511980442784"), "a stray log line prints no key");
    }

    @Test
    void theNewShapeHoldsNoClearKeyAndRefusesMixedOrMissingDestinations() {
        WithdrawalRequested w = new WithdrawalRequested("wd-1", "acct-1", 100, PixPayee.registered(REF, "phone", "sub-1"));
        String json = TYPES.encode(w);
        assertEquals("{\"account\":\"acct-1\",\"amount\":100,\"pix_key_ref\":\"" + REF + "\",\"pix_key_type\":\"phone\","
                + "\"subject\":\"sub-1\",\"withdrawal_id\":\"wd-1\"}", json);
        PayoutInstructed i = new WithdrawalOrigin().instructionFor(w).orElseThrow();
        assertEquals(w.payee(), i.payee());
        assertFalse(TYPES.encode(i).contains("\"pix_key\""));
        assertThrows(PayoutRefusedException.class, () -> PayeeKeys.CLEAR_ONLY.clearKey(i), "a reference needs the vault");
        FieldException both = assertThrows(FieldException.class, () -> TYPES.decode("WithdrawalRequested",
                json.replace("\"amount\":100,", "\"amount\":100,\"pix_key\":\"+5511980442784\",")));
        assertEquals("pix_key", both.field());
        assertThrows(FieldException.class, () -> TYPES.decode("WithdrawalRequested",
                "{\"account\":\"a\",\"amount\":1,\"withdrawal_id\":\"w\"}"));
        assertThrows(FieldException.class, () -> new PixPayee(null, "pix_key-xyz", "phone", "sub-1", null));
        assertThrows(FieldException.class, () -> new PixPayee(null, REF, "iban", "sub-1", null));
        assertThrows(FieldException.class, () -> new PixPayee(null, REF, "phone", "sub-1", "+5511980442784"),
                "pix_key_enc must be ciphertext");
    }

    @EveryEngine
    void aLogMixingBothShapesReplaysAndEachIsPaidFromItsOwnSource(TestDatabase engine) throws Exception {
        try (Database db = Database.openMigrated(engine.url("mixed"))) {
            Vault vault = new Vault(LocalKekFile.create(tmp.resolve("kek.json"), "p".toCharArray(), CLOCK.instant()), CLOCK);
            KycService kyc = new KycService(db, vault, CLOCK);
            kyc.onboard("one", new BufferedReader(new StringReader(Files.readAllLines(SAMPLE, StandardCharsets.UTF_8).get(0))),
                    null, false);
            String registered = kyc.reveal("acct-0001", List.of("pix_key"), "test", "test").get("pix_key");
            PayeeIntake intake = new PayeeIntake(vault);
            PayeeIntake.Intake same = db.inTransaction(dsl -> intake.of(dsl, "acct-0001", registered));
            PayeeIntake.Intake other = db.inTransaction(dsl -> intake.of(dsl, "acct-0001", "+5521987654321"));
            assertTrue(same.encryptedFor().isEmpty(), "the registered key is a reference only");
            assertEquals(Optional.of(db.read(dsl -> Vault.subjectOf(dsl, "acct-0001")).orElseThrow()), other.encryptedFor());
            assertTrue(other.payee().pixKeyEnc().startsWith("mbp1:"));
            assertEquals("phone", other.payee().pixKeyType());
            Instant t = CLOCK.instant();
            new EventLog(db).append(List.of(
                    NewEvent.of(TYPES, "acct-0001", t, new DepositReceived("acct-0001", 9000, "E1")),
                    NewEvent.of(TYPES, "acct-0001", t, WithdrawalRequested.legacy("wd-old", "acct-0001", 1000, "+5511911112222")),
                    NewEvent.of(TYPES, "acct-0001", t, new WithdrawalRequested("wd-reg", "acct-0001", 2000, same.payee())),
                    NewEvent.of(TYPES, "acct-0001", t, new WithdrawalRequested("wd-oth", "acct-0001", 3000, other.payee()))));
            MarketService market = new MarketService(db, new MarketEngine(), CLOCK);
            market.loadFromSnapshot();
            assertEquals(3000, market.state().cash("acct-0001"), "old and new shapes replay alike");

            PayoutService svc = new PayoutService(db, CLOCK);
            PayoutBook book = svc.book();
            assertEquals(3, svc.instructDue(java.time.LocalDate.parse("2026-11-27"), book));
            VaultPayeeKeys keys = new VaultPayeeKeys(db, () -> vault, "payouts test");
            java.util.Map<String, String> paidTo = new java.util.TreeMap<>();
            for (Payout p : book.all()) {
                paidTo.put(p.instruction().originRef(), keys.clearKey(p.instruction()));
            }
            assertEquals(java.util.Map.of("wd-old", "+5511911112222", "wd-reg", registered, "wd-oth", "+5521987654321"), paidTo);
            long audits = db.read(dsl -> dsl.fetchCount(dsl.selectFrom(io.mbp.sql.schema.Tables.EVENTS)
                    .where(io.mbp.sql.schema.Tables.EVENTS.TYPE.eq("FieldDecrypted"))
                    .and(io.mbp.sql.schema.Tables.EVENTS.PAYLOAD.contains("\"purpose\":\"payout\""))));
            assertEquals(2, audits, "each vault read of a key to pay is an audited FieldDecrypted; the old clear key needs none");
        }
    }

    @EveryEngine
    void theGatePaysOnlyVerifiedConsentedAccountsAndUnverifiedOnesUpToTheLimit(TestDatabase engine) throws Exception {
        try (Database db = Database.openMigrated(engine.url("gate"))) {
            Vault vault = new Vault(LocalKekFile.create(tmp.resolve("kek.json"), "p".toCharArray(), CLOCK.instant()), CLOCK);
            KycService kyc = new KycService(db, vault, CLOCK);
            List<String> lines = Files.readAllLines(SAMPLE, StandardCharsets.UTF_8).subList(0, 6);
            kyc.onboard("six", new BufferedReader(new StringReader(String.join("\n", lines))), null, false);
            KycProvider.Verdict ok = new KycProvider.Verdict(KycProvider.Verdict.APPROVED, "r", "ok");
            kyc.applyVerdict("acct-0001", ok);
            kyc.decide("acct-0003", KycStatus.REVIEW, "unclear", "alice");
            kyc.applyVerdict("acct-0004", ok);
            kyc.decide("acct-0004", KycStatus.BLOCKED, "fraud", "alice");
            kyc.applyVerdict("acct-0005", new KycProvider.Verdict(KycProvider.Verdict.REJECTED, "r", "no match"));
            kyc.applyVerdict("acct-0006", ok);
            new Consents(db, CLOCK, io.mbp.kyc.KycAccounts::catchUp).revoke("acct-0006", Purpose.PAYOUTS, "app");

            PayoutGate strict = KycPayoutGate.of(db, 0);
            assertEquals(Optional.empty(), strict.refusal(payout("acct-0001", 5000), 0));
            assertEquals(Optional.of("kyc pending: over the unverified limit of 0 centavos"), strict.refusal(payout("acct-0002", 1), 0));
            assertEquals(Optional.of("kyc review: over the unverified limit of 0 centavos"), strict.refusal(payout("acct-0003", 1), 0));
            assertEquals(Optional.of("kyc blocked"), strict.refusal(payout("acct-0004", 1), 0));
            assertEquals(Optional.of("kyc rejected"), strict.refusal(payout("acct-0005", 1), 0));
            assertEquals(Optional.of("no payouts consent"), strict.refusal(payout("acct-0006", 1), 0));
            assertEquals(Optional.of("not onboarded (no KYC record)"), strict.refusal(payout("acct-9999", 1), 0));

            PayoutGate limited = KycPayoutGate.of(db, 5000);
            assertEquals(Optional.empty(), limited.refusal(payout("acct-0002", 3000), 2000), "exactly the limit");
            assertTrue(limited.refusal(payout("acct-0002", 3000), 2001).isPresent(), "one centavo over");
            assertEquals(Optional.of("kyc blocked"), limited.refusal(payout("acct-0004", 1), 0), "the limit never pays a blocked account");
            assertThrows(IllegalArgumentException.class, () -> KycPayoutGate.of(db, -1));

            // an archived (retention) or erased subject's key cannot be read to pay: refused before anything is sent
            db.inTransaction(dsl -> vault.archive(dsl, Vault.subjectOf(dsl, "acct-0001").orElseThrow(), "acct-0001", "test", "2031-11-27"));
            db.inTransaction(dsl -> vault.destroy(dsl, Vault.subjectOf(dsl, "acct-0002").orElseThrow(), "test", "alice"));
            PayoutGate after = KycPayoutGate.of(db, 5000);
            assertEquals(Optional.of("personal data archived by the retention policy: the PIX key cannot be read to pay"),
                    after.refusal(payout("acct-0001", 1), 0));
            assertEquals(Optional.of("personal data erased: the PIX key cannot be read to pay"), after.refusal(payout("acct-0002", 1), 0));
            assertEquals(Optional.of("kyc blocked"), after.refusal(payout("acct-0004", 1), 0), "other accounts unchanged");
        }
    }

    private static Payout payout(String account, long amount) {
        return Payout.instructed(new PayoutInstructed("po-" + account, account, PixPayee.registered(REF, "phone", "sub-x"), amount,
                PayoutSource.WITHDRAWAL, "wd-" + account), CLOCK.instant());
    }
}

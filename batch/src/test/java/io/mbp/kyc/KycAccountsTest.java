package io.mbp.kyc;

import io.mbp.sql.testing.EveryEngine;
import io.mbp.sql.testing.TestDatabase;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;

/** The KYC account projection (V61, ADR 0704): kept in the appending transaction, and equal to a rebuild from the log. */
class KycAccountsTest {
    static final Path SAMPLE = Path.of("..", "samples", "customers", "2026-11-27.ndjson");
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-27T12:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path tmp;

    @EveryEngine
    void incrementalEqualsRebuildAndEachLookupIsTheStateTheLogTells(TestDatabase engine) throws Exception {
        try (Database db = Database.openMigrated(engine.url())) {
            Vault vault = new Vault(LocalKekFile.create(tmp.resolve("kek.json"), "p".toCharArray(), CLOCK.instant()), CLOCK);
            KycService kyc = new KycService(db, vault, CLOCK);
            List<String> lines = Files.readAllLines(SAMPLE, StandardCharsets.UTF_8).subList(0, 6);
            kyc.onboard("six.ndjson", new BufferedReader(new StringReader(String.join("\n", lines))), null, false);
            Map<String, KycAccounts.Row> afterOnboarding = db.read(KycAccounts::all);
            assertEquals(6, afterOnboarding.size(), "onboarding kept the projection in its own transaction");
            assertEquals(KycStatus.PENDING, afterOnboarding.get("acct-0001").status());
            assertTrue(afterOnboarding.get("acct-0001").consented(Purpose.PAYOUTS));

            kyc.applyVerdict("acct-0001", new KycProvider.Verdict(KycProvider.Verdict.APPROVED, "ref-1", "ok"));
            kyc.decide("acct-0002", KycStatus.REVIEW, "document unclear", "alice");
            kyc.decide("acct-0003", KycStatus.BLOCKED, "fraud alert", "alice");
            new Consents(db, CLOCK, KycAccounts::catchUp).revoke("acct-0004", Purpose.PAYOUTS, "app");
            // a consent written without the hook (another writer): the row lags until the next catch-up
            new Consents(db, CLOCK).revoke("acct-0005", Purpose.KYC, "app");
            assertTrue(db.read(dsl -> KycAccounts.find(dsl, "acct-0005")).orElseThrow().consented(Purpose.KYC));
            assertEquals(1L, db.inTransaction(KycAccounts::catchUp));
            assertEquals(0L, db.inTransaction(KycAccounts::catchUp), "caught up: nothing folds twice");

            Map<String, KycAccounts.Row> incremental = db.read(KycAccounts::all);
            assertEquals(KycStatus.VERIFIED, incremental.get("acct-0001").status());
            assertEquals(KycStatus.REVIEW, incremental.get("acct-0002").status());
            assertEquals("document unclear", incremental.get("acct-0002").statusReason());
            assertEquals("operator:alice", incremental.get("acct-0002").statusBy());
            assertEquals(KycStatus.BLOCKED, incremental.get("acct-0003").status());
            assertFalse(incremental.get("acct-0004").consented(Purpose.PAYOUTS));
            assertTrue(incremental.get("acct-0004").consented(Purpose.KYC));
            assertFalse(incremental.get("acct-0005").consented(Purpose.KYC));
            assertTrue(incremental.get("acct-0006").pixKeyRef().startsWith("pix_key-"));
            assertTrue(incremental.get("acct-0006").pixKeyEnc().startsWith("mbp1:"));
            // the service reads one row and the one submission event it points at
            assertEquals(KycStatus.BLOCKED, kyc.account("acct-0003").status());
            assertEquals(incremental.get("acct-0006").pixKeyRef(), kyc.account("acct-0006").submitted().pixKeyRef());

            long folded = db.inTransaction(KycAccounts::rebuild);
            assertTrue(folded >= 6 + 4, "the rebuild read the whole log: " + folded);
            assertEquals(incremental, db.read(KycAccounts::all), "rebuild from the log == incremental");
        }
    }
}

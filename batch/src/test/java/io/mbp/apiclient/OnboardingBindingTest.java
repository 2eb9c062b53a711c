package io.mbp.apiclient;

import io.mbp.sql.testing.EveryEngine;
import io.mbp.sql.testing.TestDatabase;
import static io.mbp.sql.schema.Tables.EVENTS;
import static io.mbp.sql.schema.Tables.PRIVACY_SUBJECTS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.mbp.kyc.Customer;
import io.mbp.kyc.CustomerFileReader;
import io.mbp.kyc.KycService;
import io.mbp.privacy.LocalKekFile;
import io.mbp.privacy.Vault;
import io.mbp.sql.Database;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;

/**
 * An account a client onboards and its binding to that client are one transaction (ADR 0323):
 * {@link KycService#submit(Customer, String, String, java.util.function.Consumer)} with
 * {@link ApiKeyService#bindOnboardedIn}, as the daemon's POST /v2/accounts runs them.
 */
class OnboardingBindingTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-27T12:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path tmp;

    @EveryEngine
    void theAccountAndItsBindingAreStoredTogetherOrNotAtAll(TestDatabase engine) throws Exception {
        try (Database db = Database.openMigrated(engine.url())) {
            Vault vault = new Vault(LocalKekFile.create(tmp.resolve("kek.json"), "p".toCharArray(), CLOCK.instant()), CLOCK);
            db.inTransaction(dsl -> {
                vault.init(dsl);
                return null;
            });
            ApiKeyService keys = new ApiKeyService(db, vault, CLOCK);
            keys.create("partner", EnumSet.of(Scope.TRADE), "test");
            keys.create("other", EnumSet.of(Scope.TRADE), "test");
            KycService kyc = new KycService(db, vault, CLOCK);
            List<String> lines = Files.readAllLines(Path.of("..", "samples", "customers", "2026-11-27.ndjson"), StandardCharsets.UTF_8);
            Customer first = new CustomerFileReader(CLOCK).readOne("request body", lines.get(0));
            Customer second = new CustomerFileReader(CLOCK).readOne("request body", lines.get(1));
            long before = count(db, null);

            // the binding was appended, then the transaction failed: neither the binding nor the account is stored
            RuntimeException failed = assertThrows(IllegalStateException.class, () -> kyc.submit(first, "k-1", lines.get(0), dsl -> {
                assertEquals(ApiKeyService.Binding.BOUND, ApiKeyService.bindOnboardedIn(dsl, ApiKeyService.clientsIn(dsl), "partner", first.account(), "api:k", CLOCK.instant()));
                throw new IllegalStateException("injected failure after the binding");
            }));
            assertEquals("injected failure after the binding", failed.getMessage());
            assertEquals(before, count(db, null), "nothing was appended");
            assertEquals(0, (int) db.read(dsl -> dsl.fetchCount(PRIVACY_SUBJECTS)), "no data subject was stored in the vault");
            assertEquals(null, keys.clients().clientOf(first.account()));

            // the same key again (not used up by the failure): the account and its binding, together; the clients
            // folded by the first step of the transaction (the daemon's owner check) serve the binding
            ApiClients[] folded = new ApiClients[1];
            assertEquals(KycService.Admission.CREATED, kyc.submit(first, "k-1", lines.get(0), dsl -> folded[0] = ApiKeyService.clientsIn(dsl),
                    dsl -> assertEquals(ApiKeyService.Binding.BOUND, ApiKeyService.bindOnboardedIn(dsl, folded[0], "partner", first.account(),
                            "api:k", CLOCK.instant()))).admission());
            assertEquals(1, count(db, "KycSubmitted"));
            assertEquals(1, count(db, "AccountBoundToClient"));
            assertEquals("partner", keys.clients().clientOf(first.account()));

            // an account the operator bound to another client is not the partner's: refused before anything is stored
            keys.bind("other", second.account(), "operator");
            long bound = count(db, null);
            assertThrows(IllegalStateException.class, () -> kyc.submit(second, "k-2", lines.get(1), dsl -> {
                if (ApiKeyService.bindOnboardedIn(dsl, ApiKeyService.clientsIn(dsl), "partner", second.account(), "api:k", CLOCK.instant())
                        == ApiKeyService.Binding.BOUND_ELSEWHERE) {
                    throw new IllegalStateException("bound elsewhere");
                }
            }));
            assertEquals(bound, count(db, null));
            assertEquals(1, (int) db.read(dsl -> dsl.fetchCount(PRIVACY_SUBJECTS)));
            assertEquals("other", keys.clients().clientOf(second.account()));
            // bound to the onboarding client already: nothing more is appended, the account is stored
            keys.bind("partner", "acct-0003", "operator");
            Customer third = new CustomerFileReader(CLOCK).readOne("request body", lines.get(2));
            assertEquals(KycService.Admission.CREATED, kyc.submit(third, "k-3", lines.get(2), dsl -> assertEquals(
                    ApiKeyService.Binding.ALREADY_BOUND, ApiKeyService.bindOnboardedIn(dsl, ApiKeyService.clientsIn(dsl), "partner", third.account(), "api:k",
                            CLOCK.instant()))).admission());
            assertEquals(3, count(db, "AccountBoundToClient"));

            // a replay or an onboarded account runs nothing along
            int[] ran = {0};
            assertEquals(KycService.Admission.REPLAYED, kyc.submit(first, "k-1", lines.get(0), dsl -> ran[0]++).admission());
            assertEquals(KycService.Admission.EXISTS, kyc.submit(first, "k-4", lines.get(0), dsl -> ran[0]++).admission());
            assertEquals(0, ran[0]);
        }
    }

    private static long count(Database db, String type) {
        return db.read(dsl -> (long) (type == null ? dsl.fetchCount(EVENTS) : dsl.fetchCount(EVENTS, EVENTS.TYPE.eq(type))));
    }
}

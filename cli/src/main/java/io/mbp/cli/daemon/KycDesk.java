package io.mbp.cli.daemon;

import com.fasterxml.jackson.databind.JsonNode;
import io.mbp.events.CanonicalJson;
import io.mbp.events.Identifier;
import io.mbp.kyc.CallbackSignature;
import io.mbp.kyc.Customer;
import io.mbp.kyc.CustomerFileReader;
import io.mbp.kyc.CustomerRefusedException;
import io.mbp.kyc.HttpKycProvider;
import io.mbp.kyc.KycAccount;
import io.mbp.kyc.KycProvider;
import io.mbp.kyc.KycService;
import io.mbp.kyc.KycStatus;
import io.mbp.market.Reject;
import io.mbp.privacy.KeyEncryptionKey;
import io.mbp.privacy.Vault;
import io.mbp.screenhooks.OnboardingScreening;
import io.mbp.screenhooks.SubjectScreening;
import io.mbp.sql.Database;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.jooq.DSLContext;

/**
 * KYC on the daemon (docs/adr/0708): {@code POST /v2/accounts}, the KYC part of
 * {@code GET /v2/accounts/{id}} and the vendor's {@code POST /v2/kyc/callbacks}. None of it runs on
 * the engine thread: one "kyc-store" thread owns a second database connection and does every KYC
 * transaction (the writers' lock serialises it with the engine's group commits, and the engine
 * follows the log as it does for any other writer); two "kyc-vendor" threads only talk to the
 * provider, so a slow vendor delays neither orders nor other onboardings. An account is stored
 * pending first and answered 201; the verdict comes later, from our own request or the vendor's
 * callback, whichever is first (the second changes nothing, ADR 0702).
 */
final class KycDesk implements AutoCloseable {
    private static final Logger LOG = LogManager.getLogger(KycDesk.class);
    static final String CALLBACK_PATH = "/v2/kyc/callbacks";

    /**
     * What KYC needs, each part optional: without {@code kek} onboarding answers KYC_UNAVAILABLE,
     * without {@code providerUrl} accounts stay pending for {@code mbp kyc verify} or a callback,
     * without {@code callbackSecret} callbacks answer KYC_UNAVAILABLE.
     */
    record Settings(KeyEncryptionKey kek, String providerUrl, Duration providerTimeout, boolean liveness, byte[] callbackSecret) {
        static Settings none() {
            return new Settings(null, null, Duration.ofSeconds(5), false, null);
        }
    }

    private final Settings settings;
    private final Clock clock;
    private final Database db;
    private final KycService svc;
    private final CallbackSignature signature;
    private final ExecutorService store = Executors.newSingleThreadExecutor(r -> new Thread(r, "kyc-store"));
    private final ThreadPoolExecutor vendor = new ThreadPoolExecutor(2, 2, 0, TimeUnit.MILLISECONDS,
            new ArrayBlockingQueue<>(10_000), r -> new Thread(r, "kyc-vendor"));
    private volatile KycProvider provider;

    KycDesk(String dbUrl, Settings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
        this.signature = settings.callbackSecret() == null ? null : new CallbackSignature(settings.callbackSecret());
        this.db = Database.open(dbUrl); // migrated by the daemon already
        Vault vault = settings.kek() == null ? null : new Vault(settings.kek(), clock);
        // issue 13: a stored account is screened on the store thread before the provider is asked (a hit -> review)
        this.svc = new KycService(db, vault, clock, vault == null ? null
                : new OnboardingScreening(() -> new SubjectScreening(db, vault, clock, "mbp daemon")));
    }

    /** Once the daemon's port is known: the provider, asked to call back here when callbacks are configured. */
    void start(int port) {
        if (settings.providerUrl() != null) {
            provider = new HttpKycProvider(settings.providerUrl(), settings.providerTimeout(),
                    signature == null ? null : "http://127.0.0.1:" + port + CALLBACK_PATH);
        }
    }

    /**
     * POST /v2/accounts: validated here on the HTTP thread (no I/O), stored pending on the store thread.
     * {@code alongWith} gets the store transaction and the account just before a new account is stored
     * (the caller's binding, ADR 0323): an {@link ApiError} it throws is the answer and nothing is stored.
     * {@code first} runs in that transaction before any admission check (the caller's refusal of another
     * client's account, read from the store), so its {@link ApiError} comes before ACCOUNT_EXISTS or a replay.
     */
    CompletableFuture<Reply> onboard(ApiRequest ex, BiConsumer<DSLContext, String> first, BiConsumer<DSLContext, String> alongWith) {
        if (settings.kek() == null) {
            throw new ApiError(Reject.KYC_UNAVAILABLE, null, "onboarding needs the vault: start the daemon with "
                    + "$MBP_VAULT_PASSPHRASE set (and --kek-file or $MBP_KEK_FILE); see docs/runbooks/onboarding.md");
        }
        if (ex.bodyTooLarge()) {
            throw new ApiError(Reject.MALFORMED_JSON, null, "request body over 64 KiB");
        }
        String text = new String(ex.body(), StandardCharsets.UTF_8);
        Customer c;
        try {
            c = new CustomerFileReader(clock).readOne("request body", text);
        } catch (CustomerRefusedException e) {
            throw refused(e);
        }
        if (!Identifier.isValid(c.account())) {
            throw new ApiError(Reject.INVALID_FIELD, "account", "account: 1 to " + Identifier.MAX_LENGTH
                    + " characters of A-Z a-z 0-9 . _ : @ -, the first a letter or digit (docs/api-errors.md#ids)");
        }
        String key = ex.header("Idempotency-Key");
        if (key == null || key.isBlank()) {
            throw new ApiError(Reject.IDEMPOTENCY_KEY_REQUIRED, null,
                    "writes need an Idempotency-Key header (a unique string per intended operation)");
        }
        if (key.length() > 128) {
            throw new ApiError(Reject.INVALID_FIELD, "Idempotency-Key", "Idempotency-Key: at most 128 characters");
        }
        String canonical;
        try {
            canonical = CanonicalJson.canonicalize(text);
        } catch (RuntimeException e) {
            // a lone UTF-16 surrogate, or text after the object: the message would quote input, so it is not passed on
            throw new ApiError(Reject.MALFORMED_JSON, null, "request body must be one JSON object of valid Unicode text");
        }
        return CompletableFuture.supplyAsync(() -> {
            KycService.Submission s;
            try {
                s = svc.submit(c, key, canonical, dsl -> first.accept(dsl, c.account()), dsl -> alongWith.accept(dsl, c.account()));
            } catch (ApiError e) {
                return Reply.error(e);
            } catch (RuntimeException e) {
                // rolled back whole: neither the account nor its binding is stored, so a retry is safe
                LOG.warn("KYC {}: not stored ({}); answered STORAGE_UNAVAILABLE", c.account(), e.getMessage());
                return Reply.error(Reject.STORAGE_UNAVAILABLE, null, "the account could not be stored; nothing was stored. "
                        + "Retry with the same Idempotency-Key");
            }
            return switch (s.admission()) {
                case CREATED -> {
                    if (screened(c.account())) {
                        yield new Reply(201, view(svc.account(c.account())));
                    }
                    askProvider(c, s.account().subject());
                    yield new Reply(201, view(s.account()));
                }
                case REPLAYED -> new Reply(201, view(s.account()), Map.of("Idempotent-Replayed", "true"));
                case KEY_REUSED -> Reply.error(Reject.IDEMPOTENCY_KEY_REUSED, null, "Idempotency-Key " + key
                        + " was used with a different request body");
                case EXISTS -> Reply.error(Reject.ACCOUNT_EXISTS, "account", "account " + c.account() + " is already onboarded"
                        + (s.account() == null ? "" : " (" + s.account().status().code() + ")"));
            };
        }, store);
    }

    /** The KYC part of GET /v2/accounts/{id}, or null when the account was never onboarded. */
    CompletableFuture<Map<String, Object>> view(String account) {
        return CompletableFuture.supplyAsync(() -> {
            KycAccount a = svc.accounts().get(account);
            return a == null ? null : view(a);
        }, store);
    }

    /** POST /v2/kyc/callbacks: the signature is checked here, the verdict applied on the store thread. */
    CompletableFuture<Reply> callback(ApiRequest ex) {
        if (signature == null) {
            throw new ApiError(Reject.KYC_UNAVAILABLE, null, "callbacks need a shared secret: start the daemon with $"
                    + CallbackSignature.SECRET_ENV + " set (the same as the vendor's)");
        }
        Optional<String> bad = signature.check(ex.header(CallbackSignature.HEADER), ex.body(), clock.instant());
        if (bad.isPresent()) {
            LOG.warn("KYC callback refused: {}", bad.get());
            throw new ApiError(Reject.INVALID_SIGNATURE, CallbackSignature.HEADER, bad.get() + "; nothing was changed");
        }
        JsonNode n;
        try {
            n = CanonicalJson.readTree(ex.body());
        } catch (IOException e) {
            throw new ApiError(Reject.MALFORMED_JSON, null, "callback body is not valid JSON");
        }
        String subject = n == null ? "" : n.path("subject").asText("");
        if (subject.isBlank()) {
            throw new ApiError(Reject.MISSING_FIELD, "subject", "subject: required");
        }
        KycProvider.Verdict v;
        try {
            v = new KycProvider.Verdict(n.path("outcome").asText(""), n.path("verification_id").asText(""),
                    n.path("reason").asText("none"));
        } catch (IllegalArgumentException e) {
            throw new ApiError(Reject.INVALID_FIELD, "outcome", "outcome: approved, rejected or review");
        }
        return CompletableFuture.supplyAsync(() -> {
            Optional<KycAccount> a = svc.bySubject(subject);
            if (a.isEmpty()) {
                return Reply.error(Reject.UNKNOWN_ACCOUNT, "subject", "no onboarded account has subject " + subject);
            }
            boolean pending = a.get().status() == KycStatus.PENDING;
            KycStatus now = svc.applyVerdict(a.get().account(), v);
            LOG.info("KYC callback for {} ({}): {} -> {}{}", a.get().account(), subject, v.outcome(), now.code(),
                    pending ? "" : " (not pending: nothing changed)");
            // the vendor knows the subject only, never our account id (ADR 0702)
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("subject", subject);
            m.put("status", now.code());
            m.put("applied", pending);
            return new Reply(200, m);
        }, store);
    }

    /**
     * Screens a just-stored account (on the store thread); true when it hit and is now in review, so
     * the provider is not asked. A screening failure leaves it pending: the payout gate screens again.
     */
    private boolean screened(String account) {
        try {
            return svc.screen(account).isPresent();
        } catch (RuntimeException e) {
            LOG.warn("KYC {}: not screened at onboarding ({}); the payout screen will", account, e.getMessage());
            return false;
        }
    }

    /** Asks the provider on a vendor thread; its verdict is applied on the store thread. A full queue leaves the account pending. */
    private void askProvider(Customer c, String subject) {
        KycProvider p = provider;
        if (p == null) {
            return;
        }
        KycProvider.Request r = new KycProvider.Request(subject, c.fullName(), c.cpf(), c.birthDate().toString(), settings.liveness());
        try {
            vendor.execute(() -> {
                KycProvider.Verdict v;
                try {
                    v = p.verify(r);
                } catch (RuntimeException e) {
                    LOG.warn("KYC {} stays pending ({}): {}", c.account(), subject, e.getMessage());
                    return;
                }
                try {
                    store.execute(() -> {
                        try {
                            KycStatus s = svc.applyVerdict(c.account(), v);
                            LOG.info("KYC {} ({}): provider {} ({}) -> {}", c.account(), subject, v.outcome(), v.reason(), s.code());
                        } catch (RuntimeException e) {
                            LOG.warn("KYC {}: verdict not stored, stays pending: {}", c.account(), e.getMessage());
                        }
                    });
                } catch (RejectedExecutionException e) {
                    LOG.warn("KYC {}: the daemon is stopping; the verdict is not stored, the account stays pending", c.account());
                }
            });
        } catch (RejectedExecutionException e) {
            LOG.warn("KYC {} stays pending: the provider queue is full; run `mbp kyc verify`", c.account());
        }
    }

    /** An account's KYC record as the API shows it: state and which key holds each field, never a value. */
    static Map<String, Object> view(KycAccount a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("account", a.account());
        m.put("subject", a.subject());
        m.put("status", a.status().code());
        m.put("since", a.since());
        m.put("reason", a.reason());
        m.put("by", a.by());
        m.put("submitted_at", a.submittedAt());
        m.put("terms_version", a.submitted().termsVersion());
        m.put("pix_key_type", a.submitted().pixKeyType());
        Map<String, Object> fields = new LinkedHashMap<>();
        for (String f : KycService.FIELDS) {
            fields.put(f, KycService.masked(KycService.envelope(a.submitted(), f)));
        }
        m.put("fields", fields);
        return m;
    }

    private static ApiError refused(CustomerRefusedException e) {
        String msg = (e.field() == null ? "" : e.field() + ": ") + e.problem();
        return switch (e.kind()) {
            case MALFORMED -> new ApiError(Reject.MALFORMED_JSON, null, "request body " + e.problem());
            case MISSING -> new ApiError(Reject.MISSING_FIELD, e.field(), e.field() + ": required");
            case NOT_COLLECTED -> new ApiError(Reject.FIELD_NOT_COLLECTED, e.field(), msg);
            case INVALID -> new ApiError(Reject.INVALID_FIELD, e.field(), msg);
        };
    }

    /** Lets queued verdicts land, then closes the connection. */
    @Override
    public void close() {
        vendor.shutdown();
        try {
            vendor.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        vendor.shutdownNow();
        store.shutdown();
        try {
            store.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        db.close();
    }
}

package io.mbp.kyc;

import io.mbp.error.BadInputException;
import io.mbp.events.Event;
import io.mbp.events.EventLog;
import io.mbp.events.NewEvent;
import io.mbp.privacy.Consents;
import io.mbp.privacy.Envelope;
import io.mbp.privacy.Purpose;
import io.mbp.privacy.Vault;
import io.mbp.sql.Database;
import java.io.BufferedReader;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.jooq.DSLContext;

/**
 * KYC onboarding and decisions. A file is validated whole, then stored in one transaction: a data
 * subject per account, every personal field sealed in the vault, a {@link KycSubmitted} with
 * ciphertext and references, and the consents given. Only then is the provider asked, account by
 * account, each verdict its own {@link KycStatusChanged}; an account the provider does not answer
 * for stays pending for {@code mbp kyc verify}.
 */
public final class KycService {
    /** Vault field names, as they appear in audit events. */
    public static final List<String> FIELDS = List.of("full_name", "cpf", "birth_date", "email", "phone", "pix_key");
    static final String ONBOARDING = "kyc-onboarding";
    /** How a state change decided by an overturned appeal names its decider ({@code appeal:ID by NAME}). */
    public static final String APPEAL_PREFIX = "appeal:";
    /** How a move to review on a screening hit names its decider. */
    public static final String SCREENING = "screening";
    // Log lines name accounts, subjects and states only: never a personal field (docs/privacy.md).
    private static final Logger LOG = LogManager.getLogger(KycService.class);

    private final Database db;
    private final Vault vault;
    private final Clock clock;
    /** Screens each just-stored account before the provider is asked (null: no screening). */
    private final OnboardingScreen screen;

    public KycService(Database db, Vault vault, Clock clock) {
        this(db, vault, clock, null);
    }

    public KycService(Database db, Vault vault, Clock clock, OnboardingScreen screen) {
        this.db = db;
        this.vault = vault;
        this.clock = clock;
        this.screen = screen;
    }

    /** What an onboarding run did, account by account. */
    public record Onboarded(String account, String subject, KycStatus status, String note) {
    }

    /** Validates and stores a whole file (or nothing), then asks {@code provider}, if any. */
    public List<Onboarded> onboard(String name, BufferedReader in, KycProvider provider, boolean liveness) {
        List<Customer> customers = new CustomerFileReader(clock).read(name, in);
        Map<String, String> subjects = db.inTransaction(dsl -> {
            EventLog.lockWriters(dsl);
            Map<String, String> out = new LinkedHashMap<>();
            for (Customer c : customers) {
                if (Vault.subjectOf(dsl, c.account()).isPresent()) {
                    throw new BadInputException(name + ": line " + c.line() + ": field account: account " + c.account()
                            + " is already onboarded; nothing was stored");
                }
                out.put(c.account(), store(dsl, c, null, null));
            }
            KycAccounts.catchUp(dsl);
            return out;
        });
        LOG.info("onboarding {}: {} customer(s) stored in the vault, pending", name, subjects.size());
        List<Onboarded> result = new ArrayList<>();
        for (Customer c : customers) {
            String subject = subjects.get(c.account());
            Optional<String> hit = screen(c.account());
            if (hit.isPresent()) {
                result.add(new Onboarded(c.account(), subject, KycStatus.REVIEW, "screening hit (" + hit.get() + "): in review"));
                continue;
            }
            if (provider == null) {
                result.add(new Onboarded(c.account(), subject, KycStatus.PENDING, "no provider asked"));
                continue;
            }
            result.add(ask(provider, new KycProvider.Request(subject, c.fullName(), c.cpf(), c.birthDate().toString(), liveness),
                    c.account()));
        }
        return result;
    }

    /** How a single submission (the daemon's {@code POST /v2/accounts}) ended. */
    public enum Admission { CREATED, REPLAYED, KEY_REUSED, EXISTS }

    /** The outcome of {@link #submit}; {@code account} is the stored one (null when the key was reused). */
    public record Submission(Admission admission, KycAccount account) {
    }

    /**
     * Stores one validated customer as pending, in one transaction, without asking the provider
     * (the daemon asks later, off its engine thread). The Idempotency-Key and a keyed reference of the
     * request's canonical body go into the {@link KycSubmitted}: the same key with the same body is
     * answered with the stored account, with another body it is refused; another key for an
     * onboarded account is {@link Admission#EXISTS}.
     */
    public Submission submit(Customer c, String idempotencyKey, String canonicalBody) {
        return submit(c, idempotencyKey, canonicalBody, dsl -> { });
    }

    /**
     * As {@link #submit(Customer, String, String)}; {@code alongWith} runs in the same transaction just
     * before a new account is stored (the daemon binds it to the calling client there, ADR 0323): if it
     * throws, nothing of the onboarding is stored either.
     */
    public Submission submit(Customer c, String idempotencyKey, String canonicalBody, Consumer<DSLContext> alongWith) {
        return submit(c, idempotencyKey, canonicalBody, dsl -> { }, alongWith);
    }

    /**
     * As {@link #submit(Customer, String, String, Consumer)}; {@code first} runs in the same transaction
     * before any admission check (the daemon refuses there an account bound to another client, read from
     * the store: its cached key ring may not know a binding made a moment ago by `mbp`), so a refusal it
     * throws is the answer whether the account exists, was onboarded under that key, or neither.
     */
    public Submission submit(Customer c, String idempotencyKey, String canonicalBody, Consumer<DSLContext> first,
                             Consumer<DSLContext> alongWith) {
        return db.inTransaction(dsl -> {
            EventLog.lockWriters(dsl);
            first.accept(dsl);
            String requestRef = vault.ref(dsl, "request", canonicalBody);
            Map<String, KycAccount> all = accounts(dsl);
            for (KycAccount a : all.values()) {
                if (idempotencyKey.equals(a.submitted().idempotencyKey())) {
                    return requestRef.equals(a.submitted().requestRef()) ? new Submission(Admission.REPLAYED, a)
                            : new Submission(Admission.KEY_REUSED, null);
                }
            }
            if (all.containsKey(c.account()) || Vault.subjectOf(dsl, c.account()).isPresent()) {
                return new Submission(Admission.EXISTS, all.get(c.account()));
            }
            alongWith.accept(dsl);
            store(dsl, c, idempotencyKey, requestRef);
            LOG.info("onboarding through the API: {} stored in the vault, pending", c.account());
            return new Submission(Admission.CREATED, account(dsl, c.account()));
        });
    }

    /**
     * Screens a just-stored account (issue 13, ADR 0716): a hit moves it from pending to review, by
     * "screening", before any provider verdict, so it is not paid until an operator decides. Returns
     * the hit (list entity refs), or empty when nothing hit or no screen is set.
     */
    public Optional<String> screen(String account) {
        if (screen == null) {
            return Optional.empty();
        }
        Optional<String> hit = screen.hit(account);
        hit.ifPresent(refs -> db.inTransaction(dsl -> {
            EventLog.lockWriters(dsl);
            KycAccount a = account(dsl, account);
            if (a.status() == KycStatus.PENDING) {
                append(dsl, new KycStatusChanged(account, a.subject(), KycStatus.PENDING.code(), KycStatus.REVIEW.code(), SCREENING,
                        "screening hit: " + refs, null));
                KycAccounts.catchUp(dsl);
            }
            LOG.info("KYC {} ({}): screening hit, {}", account, a.subject(), a.status() == KycStatus.PENDING ? "in review" : "stays "
                    + a.status().code());
            return null;
        }));
        return hit;
    }

    /** Asks the provider about one pending account whose clear data the caller still holds (no vault read). */
    public Onboarded verify(KycProvider provider, Customer c, String subject, boolean liveness) {
        return ask(provider, new KycProvider.Request(subject, c.fullName(), c.cpf(), c.birthDate().toString(), liveness), c.account());
    }

    /** The account whose data subject is {@code subject}, if onboarded (callbacks name the subject, never the account). */
    public Optional<KycAccount> bySubject(String subject) {
        return accounts().values().stream().filter(a -> a.subject().equals(subject)).findFirst();
    }

    private String store(DSLContext dsl, Customer c, String idempotencyKey, String requestRef) {
        Vault.Subject s = vault.createSubject(dsl, c.account());
        String sub = s.subject();
        KycSubmitted e = new KycSubmitted(c.account(), sub,
                seal(dsl, sub, "full_name", c.fullName()),
                seal(dsl, sub, "cpf", c.cpf()),
                seal(dsl, sub, "birth_date", c.birthDate().toString()),
                seal(dsl, sub, "email", c.email()),
                seal(dsl, sub, "phone", c.phone()),
                seal(dsl, sub, "pix_key", c.pixKey()),
                c.pixKeyType().code(),
                vault.ref(dsl, "cpf", c.cpf()),
                vault.ref(dsl, "pix_key", c.pixKey()),
                c.termsVersion(), idempotencyKey, requestRef);
        vault.recordEncrypted(dsl, sub, FIELDS, ONBOARDING);
        List<NewEvent> events = new ArrayList<>();
        events.add(NewEvent.of(KycEvents.TYPES, c.account(), clock.instant(), e));
        for (String p : c.consents()) {
            events.add(Consents.grant(sub, c.account(), Purpose.of(p).orElseThrow(), "onboarding:" + c.termsVersion(), clock.instant()));
        }
        EventLog.appendIn(dsl, events.iterator());
        return sub;
    }

    private String seal(DSLContext dsl, String subject, String field, String clear) {
        return vault.encrypt(dsl, subject, field, clear).text();
    }

    private Onboarded ask(KycProvider provider, KycProvider.Request request, String account) {
        try {
            KycProvider.Verdict v = provider.verify(request);
            KycStatus s = applyVerdict(account, v);
            LOG.info("KYC {} ({}): provider {} ({}) -> {}", account, request.subject(), v.outcome(), v.reason(), s.code());
            return new Onboarded(account, request.subject(), s, "provider: " + v.outcome() + " (" + v.reason() + ")");
        } catch (KycProvider.ProviderUnavailableException e) {
            LOG.warn("KYC {} stays pending: {}", account, e.getMessage());
            return new Onboarded(account, request.subject(), KycStatus.PENDING, "provider unavailable; retry with `mbp kyc verify`");
        }
    }

    /**
     * Applies a provider verdict to a pending account. Idempotent: a verdict for an account that is
     * no longer pending (a duplicate callback, a retry that crossed the first answer) changes nothing.
     */
    public KycStatus applyVerdict(String account, KycProvider.Verdict v) {
        return db.inTransaction(dsl -> {
            EventLog.lockWriters(dsl);
            KycAccounts.catchUp(dsl);
            KycAccount a = account(dsl, account);
            if (a.status() != KycStatus.PENDING) {
                return a.status();
            }
            append(dsl, new KycStatusChanged(account, a.subject(), KycStatus.PENDING.code(), v.status().code(), "provider",
                    v.reason(), v.reference()));
            KycAccounts.catchUp(dsl);
            return v.status();
        });
    }

    /** Asks the provider again for every pending account (or just {@code only}); reading the data to send is audited. */
    public List<Onboarded> verifyPending(KycProvider provider, boolean liveness, String actor, Optional<String> only) {
        List<Onboarded> out = new ArrayList<>();
        for (KycAccount a : accounts().values()) {
            if (a.status() != KycStatus.PENDING || only.isPresent() && !only.get().equals(a.account())) {
                continue;
            }
            Optional<String> hit = screen(a.account());
            if (hit.isPresent()) {
                out.add(new Onboarded(a.account(), a.subject(), KycStatus.REVIEW, "screening hit (" + hit.get() + "): in review"));
                continue;
            }
            Map<String, String> clear;
            try {
                clear = reveal(a.account(), List.of("full_name", "cpf", "birth_date"), actor, "identity verification by the KYC provider");
            } catch (io.mbp.privacy.SubjectArchivedException | io.mbp.privacy.SubjectErasedException e) {
                // Cold or shredded by the retention policy (ADR 0706): not ours to send any more.
                out.add(new Onboarded(a.account(), a.subject(), KycStatus.PENDING, "not sent: the subject's data is archived or erased"));
                continue;
            }
            out.add(ask(provider, new KycProvider.Request(a.subject(), clear.get("full_name"), clear.get("cpf"),
                    clear.get("birth_date"), liveness), a.account()));
        }
        return out;
    }

    /** An operator's decision on an account (from review, or blocking any account). */
    public KycAccount decide(String account, KycStatus to, String reason, String actor) {
        db.inTransaction(dsl -> {
            EventLog.lockWriters(dsl);
            KycAccounts.catchUp(dsl);
            KycAccount a = account(dsl, account);
            if (!a.status().next().contains(to)) {
                throw new BadInputException("account " + account + " is " + a.status().code() + " and cannot become " + to.code()
                        + (a.status().next().isEmpty() ? "" : " (it may become: " + String.join(", ",
                                a.status().next().stream().map(KycStatus::code).toList()) + ")"));
            }
            append(dsl, new KycStatusChanged(account, a.subject(), a.status().code(), to.code(), "operator:" + actor, reason, null));
            KycAccounts.catchUp(dsl);
            return null;
        });
        return account(account);
    }

    /**
     * Moves a rejected or blocked account to {@code to} (verified or review) because appeal
     * {@code appeal} was overturned, in the caller's transaction (the appeal's decision is logged beside it).
     */
    public void reinstate(DSLContext dsl, String account, KycStatus to, String appeal, String actor, String reason) {
        KycAccount a = account(dsl, account);
        if (!a.status().afterAppeal().contains(to)) {
            throw new BadInputException("account " + account + " is " + a.status().code() + ": an appeal can move only a rejected"
                    + " or blocked account, to verified or review");
        }
        append(dsl, new KycStatusChanged(account, a.subject(), a.status().code(), to.code(), APPEAL_PREFIX + appeal + " by " + actor,
                reason, null));
    }

    /**
     * The clear values of {@code fields} of {@code account}, each read logged as a
     * {@link io.mbp.privacy.FieldDecrypted} (actor, purpose, field) in the same transaction.
     */
    public Map<String, String> reveal(String account, List<String> fields, String actor, String purpose) {
        for (String f : fields) {
            if (!FIELDS.contains(f)) {
                throw new BadInputException("field " + f + ": unknown (known: " + String.join(", ", FIELDS) + ")").about("kyc-field");
            }
        }
        return db.inTransaction(dsl -> {
            KycAccounts.catchUp(dsl);
            KycSubmitted s = account(dsl, account).submitted();
            Map<String, String> out = new LinkedHashMap<>();
            for (String f : fields) {
                out.put(f, vault.decrypt(dsl, s.subject(), f, envelope(s, f), actor, purpose));
            }
            return out;
        });
    }

    /** The ciphertext of {@code field} in a submission. */
    public static String envelope(KycSubmitted s, String field) {
        return switch (field) {
            case "full_name" -> s.fullNameEnc();
            case "cpf" -> s.cpfEnc();
            case "birth_date" -> s.birthDateEnc();
            case "email" -> s.emailEnc();
            case "phone" -> s.phoneEnc();
            case "pix_key" -> s.pixKeyEnc();
            default -> throw new IllegalArgumentException(field);
        };
    }

    public KycAccount account(String account) {
        return db.inTransaction(dsl -> {
            KycAccounts.catchUp(dsl);
            return account(dsl, account);
        });
    }

    /** Is the subject's data still readable (not crypto-shredded)? */
    public boolean readable(String subject) {
        return db.read(dsl -> vault.readable(dsl, subject));
    }

    /** One row of the projection (ADR 0704) and the one submission event it points at: no scan of the log. */
    public static KycAccount account(DSLContext dsl, String account) {
        KycAccounts.catchUp(dsl);
        return KycAccounts.find(dsl, account).map(r -> of(dsl, r)).orElseThrow(() ->
                new BadInputException("account " + account + " is not onboarded (no KycSubmitted in the log)"));
    }

    private static KycAccount of(DSLContext dsl, KycAccounts.Row r) {
        Event e = EventLog.page(dsl, r.submittedSeq(), r.submittedSeq() + 1).get(0);
        KycSubmitted s = (KycSubmitted) KycEvents.TYPES.decode(e.type(), e.payload());
        return new KycAccount(s, r.submittedAt(), r.status(), r.statusReason(), r.statusBy(), r.statusSince());
    }

    /** Every onboarded account, by account id. */
    public Map<String, KycAccount> accounts() {
        return db.inTransaction(dsl -> {
            KycAccounts.catchUp(dsl);
            return accounts(dsl);
        });
    }

    /** Every onboarded account, from the projection (which the caller has caught up). */
    public static Map<String, KycAccount> accounts(DSLContext dsl) {
        KycAccounts.catchUp(dsl);
        Map<String, KycAccount> out = new TreeMap<>();
        KycAccounts.all(dsl).forEach((account, r) -> out.put(account, of(dsl, r)));
        return out;
    }

    private void append(DSLContext dsl, KycEvent e) {
        EventLog.appendIn(dsl, List.of(NewEvent.of(KycEvents.TYPES, e.account(), clock.instant(), e)).iterator());
    }

    /** Masks an envelope for display: its header (which key) without the body. */
    public static String masked(String envelopeText) {
        Envelope e = Envelope.parse(envelopeText);
        return "[encrypted " + e.dekId() + " v" + e.dekVersion() + "]";
    }
}

package io.mbp.privacy;

import io.mbp.error.BadInputException;
import io.mbp.events.Event;
import io.mbp.events.EventLog;
import io.mbp.events.EventTypes;
import io.mbp.events.NewEvent;
import io.mbp.events.Timestamps;
import io.mbp.sql.Database;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.jooq.DSLContext;

/**
 * Consents per purpose, from the log: {@link ConsentGranted} and {@link ConsentRevoked} events are
 * the only record. {@link #mayProcess} is the question other code asks before processing personal
 * data for a purpose ("may we pay this account's PIX key now?").
 */
public final class Consents {
    private static final List<String> TYPES = List.of("ConsentGranted", "ConsentRevoked");

    private final Database db;
    private final Clock clock;
    private final java.util.function.Consumer<DSLContext> afterChange;

    public Consents(Database db, Clock clock) {
        this(db, clock, dsl -> { });
    }

    /**
     * With {@code afterChange} run in the transaction of every grant or revocation: the KYC account
     * projection (io.mbp.kyc.KycAccounts::catchUp, ADR 0704) keeps its consent flags there.
     */
    public Consents(Database db, Clock clock, java.util.function.Consumer<DSLContext> afterChange) {
        this.db = db;
        this.clock = clock;
        this.afterChange = afterChange;
    }

    /** Records a grant of {@code purpose} (current wording) inside the caller's transaction. */
    public static NewEvent grant(String subject, String account, Purpose purpose, String source, Instant at) {
        ConsentGranted e = new ConsentGranted(subject, account, purpose.code(), purpose.version(), source);
        return NewEvent.of(PrivacyEvents.TYPES, e.streamId(), at, e);
    }

    /** Grants {@code purpose} for {@code account} now; the account must have a data subject. */
    public Consent grant(String account, Purpose purpose, String source) {
        db.inTransaction(dsl -> {
            EventLog.lockWriters(dsl); // as revoke: the subject is read, then the grant appended
            String subject = subjectOf(dsl, account);
            EventLog.appendIn(dsl, List.of(grant(subject, account, purpose, source, clock.instant())).iterator());
            afterChange.accept(dsl);
            return null;
        });
        return current(account, clock.instant()).get(purpose.code());
    }

    /** Revokes {@code purpose} for {@code account} now; refused when it is not granted. */
    public Consent revoke(String account, Purpose purpose, String source) {
        db.inTransaction(dsl -> {
            EventLog.lockWriters(dsl);
            String subject = subjectOf(dsl, account);
            Consent c = current(dsl, account, clock.instant()).get(purpose.code());
            if (c == null || !c.granted()) {
                throw new BadInputException("account " + account + " has no standing consent to " + purpose.code() + " to revoke");
            }
            ConsentRevoked e = new ConsentRevoked(subject, account, purpose.code(), c.version(), source);
            EventLog.appendIn(dsl, List.of(NewEvent.of(PrivacyEvents.TYPES, e.streamId(), clock.instant(), e)).iterator());
            afterChange.accept(dsl);
            return null;
        });
        return current(account, clock.instant()).get(purpose.code());
    }

    /** May we process {@code account}'s personal data for {@code purpose} at {@code at}? Only with a standing grant. */
    public boolean mayProcess(String account, Purpose purpose, Instant at) {
        Consent c = current(account, at).get(purpose.code());
        return c != null && c.granted();
    }

    /** As {@link #mayProcess(String, Purpose, Instant)}, inside a transaction the caller holds (e.g. a payout run under the writer lock). */
    public static boolean mayProcess(DSLContext dsl, String account, Purpose purpose, Instant at) {
        Consent c = current(dsl, account, at).get(purpose.code());
        return c != null && c.granted();
    }

    /** Each purpose's standing for {@code account} as of {@code at}, by purpose code. */
    public Map<String, Consent> current(String account, Instant at) {
        return db.read(dsl -> current(dsl, account, at));
    }

    static Map<String, Consent> current(DSLContext dsl, String account, Instant at) {
        Map<String, Consent> out = new TreeMap<>();
        EventTypes types = PrivacyEvents.TYPES;
        EventLog.forEachOfTypes(dsl, TYPES, (Event e) -> {
            if (Timestamps.parse("ts", e.ts()).isAfter(at)) {
                return;
            }
            Object p = types.decode(e.type(), e.payload());
            if (p instanceof ConsentGranted g && g.account().equals(account)) {
                out.put(g.purpose(), new Consent(account, g.subject(), g.purpose(), true, g.version(), e.ts(), e.seq()));
            } else if (p instanceof ConsentRevoked r && r.account().equals(account)) {
                out.put(r.purpose(), new Consent(account, r.subject(), r.purpose(), false, r.version(), e.ts(), e.seq()));
            }
        });
        return out;
    }

    /** Every consent event of {@code account}, oldest first (the history a data subject may ask for). */
    public List<Consent> history(String account) {
        List<Consent> out = new ArrayList<>();
        EventTypes types = PrivacyEvents.TYPES;
        db.read(dsl -> EventLog.forEachOfTypes(dsl, TYPES, (Event e) -> {
            Object p = types.decode(e.type(), e.payload());
            if (p instanceof ConsentGranted g && g.account().equals(account)) {
                out.add(new Consent(account, g.subject(), g.purpose(), true, g.version(), e.ts(), e.seq()));
            } else if (p instanceof ConsentRevoked r && r.account().equals(account)) {
                out.add(new Consent(account, r.subject(), r.purpose(), false, r.version(), e.ts(), e.seq()));
            }
        }));
        return out;
    }

    private static String subjectOf(DSLContext dsl, String account) {
        Optional<String> s = Vault.subjectOf(dsl, account);
        return s.orElseThrow(() -> new BadInputException("account " + account + " is not onboarded (no data subject): "
                + "run `mbp kyc onboard` first"));
    }
}

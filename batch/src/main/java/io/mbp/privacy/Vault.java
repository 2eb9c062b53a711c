package io.mbp.privacy;

import static io.mbp.sql.schema.Tables.PRIVACY_DEKS;
import static io.mbp.sql.schema.Tables.PRIVACY_SECRETS;
import static io.mbp.sql.schema.Tables.PRIVACY_SUBJECTS;

import io.mbp.error.BadInputException;
import io.mbp.error.VerificationFailedException;
import io.mbp.events.EventLog;
import io.mbp.events.NewEvent;
import io.mbp.events.Timestamps;
import io.mbp.sql.Database;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.jooq.DSLContext;
import org.jooq.Record;

/**
 * The personal-data vault (ADR 0700): one AES-256 data key (DEK) per subject, stored wrapped by the
 * {@link KeyEncryptionKey} in the mutable {@code privacy_deks} table, never in the log. Fields are
 * sealed into {@link Envelope}s; pseudonymous references are HMAC-SHA-256 under a vault secret.
 * Every action is a {@link PrivacyEvent} appended in the caller's transaction; the events name
 * subjects, keys, fields and purposes, never a clear value.
 */
public final class Vault {
    /** The vault secret behind {@link #ref}. */
    static final String REF_SECRET = "ref-hmac";
    private static final Logger LOG = LogManager.getLogger(Vault.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final HexFormat HEX = HexFormat.of();

    private final KeyEncryptionKey kek;
    private final Clock clock;

    /** A subject and its current data key. */
    public record Subject(String subject, String account, String dekId, int dekVersion) {
    }

    /** What a KEK rotation did. */
    public record Rotation(KekRef from, KekRef to, long rewrapped) {
    }

    public Vault(KeyEncryptionKey kek, Clock clock) {
        this.kek = kek;
        this.clock = clock;
    }

    /** The subject of {@code account}, if it has one. */
    public static Optional<String> subjectOf(DSLContext dsl, String account) {
        return Optional.ofNullable(dsl.select(PRIVACY_SUBJECTS.SUBJECT).from(PRIVACY_SUBJECTS)
                .where(PRIVACY_SUBJECTS.ACCOUNT.eq(account)).fetchOne(PRIVACY_SUBJECTS.SUBJECT));
    }

    /** A new subject for {@code account} with its own fresh data key; refuses an account that has one. */
    public Subject createSubject(DSLContext dsl, String account) {
        if (subjectOf(dsl, account).isPresent()) {
            throw new BadInputException("account " + account + " already has a data subject in the vault");
        }
        String subject = "sub-" + randomHex(10);
        String dekId = "dek-" + randomHex(10);
        String now = Timestamps.format(clock.instant());
        byte[] dek = Aead.newKey();
        try {
            KekRef ref = kek.active();
            byte[] wrapped = kek.wrap(dek, dekAssociated(dekId, subject, 1));
            dsl.insertInto(PRIVACY_SUBJECTS, PRIVACY_SUBJECTS.ACCOUNT, PRIVACY_SUBJECTS.SUBJECT, PRIVACY_SUBJECTS.CREATED_AT)
                    .values(account, subject, now).execute();
            dsl.insertInto(PRIVACY_DEKS, PRIVACY_DEKS.DEK_ID, PRIVACY_DEKS.SUBJECT, PRIVACY_DEKS.DEK_VERSION, PRIVACY_DEKS.KEK_ID,
                    PRIVACY_DEKS.KEK_VERSION, PRIVACY_DEKS.WRAPPED, PRIVACY_DEKS.CREATED_AT)
                    .values(dekId, subject, 1, ref.kekId(), ref.version(), b64(wrapped), now).execute();
            append(dsl, new SubjectCreated(subject, account, dekId, 1, ref.kekId()));
            return new Subject(subject, account, dekId, 1);
        } finally {
            Arrays.fill(dek, (byte) 0);
        }
    }

    /** Seals {@code clear} as {@code field} of {@code subject}; record the fields with {@link #recordEncrypted}. */
    public Envelope encrypt(DSLContext dsl, String subject, String field, String clear) {
        Record row = currentDek(dsl, subject);
        String dekId = row.get(PRIVACY_DEKS.DEK_ID);
        int version = row.get(PRIVACY_DEKS.DEK_VERSION);
        Envelope header = new Envelope(row.get(PRIVACY_DEKS.KEK_ID), dekId, version, new byte[0]);
        byte[] dek = unwrap(row);
        try {
            byte[] body = Aead.seal(dek, clear.getBytes(StandardCharsets.UTF_8), header.associated(subject, field));
            return new Envelope(header.kekId(), dekId, version, body);
        } finally {
            Arrays.fill(dek, (byte) 0);
        }
    }

    /** Logs that {@code fields} of {@code subject} were encrypted, for {@code purpose}. */
    public void recordEncrypted(DSLContext dsl, String subject, List<String> fields, String purpose) {
        append(dsl, new FieldsEncrypted(subject, currentDek(dsl, subject).get(PRIVACY_DEKS.DEK_ID), fields, purpose));
    }

    /**
     * Opens {@code field} of {@code subject} and logs who read it and why, in the same transaction:
     * a read that is not logged does not happen. {@link SubjectErasedException} after shredding.
     */
    public String decrypt(DSLContext dsl, String subject, String field, String envelopeText, String actor, String purpose) {
        return open(dsl, subject, field, envelopeText, actor, purpose, false);
    }

    /**
     * As {@link #decrypt}, but also opens a cold (archived) subject: only for answering a data-subject
     * request or a legal hold (ADR 0706), never for day-to-day processing.
     */
    public String decryptArchived(DSLContext dsl, String subject, String field, String envelopeText, String actor, String purpose) {
        return open(dsl, subject, field, envelopeText, actor, purpose, true);
    }

    private String open(DSLContext dsl, String subject, String field, String envelopeText, String actor, String purpose,
            boolean cold) {
        io.mbp.events.FieldException.requireText("actor", actor);
        io.mbp.events.FieldException.requireText("purpose", purpose);
        Envelope env;
        try {
            env = Envelope.parse(envelopeText);
        } catch (IllegalArgumentException e) {
            throw new VerificationFailedException("field " + field + " of subject " + subject + " is not an mbp1 envelope");
        }
        Record row = dsl.selectFrom(PRIVACY_DEKS).where(PRIVACY_DEKS.DEK_ID.eq(env.dekId())).fetchOne();
        if (row == null) {
            throw new SubjectErasedException(subject);
        }
        if (!row.get(PRIVACY_DEKS.SUBJECT).equals(subject) || row.get(PRIVACY_DEKS.DEK_VERSION) != env.dekVersion()) {
            throw new VerificationFailedException("field " + field + " names data key " + env.dekId() + " v" + env.dekVersion()
                    + ", which is not subject " + subject + "'s");
        }
        if (!cold && row.get(PRIVACY_DEKS.ARCHIVED_AT) != null) {
            throw new SubjectArchivedException(subject);
        }
        byte[] dek = unwrap(row);
        try {
            byte[] clear = Aead.open(dek, env.body(), env.associated(subject, field));
            append(dsl, new FieldDecrypted(subject, field, actor, purpose));
            LOG.debug("decrypted {} of {} for {} ({})", field, subject, actor, purpose);
            return new String(clear, StandardCharsets.UTF_8);
        } catch (Aead.TagMismatch e) {
            throw new VerificationFailedException("field " + field + " of subject " + subject + " does not open under its data key:"
                    + " the ciphertext was altered or moved from another subject or field");
        } finally {
            Arrays.fill(dek, (byte) 0);
        }
    }

    /**
     * A stable pseudonymous reference to {@code value} of a kind ("pix_key", "cpf"): the same value
     * always gives the same reference, which reveals nothing without the vault secret (a CPF has only
     * 10^9 candidates, so a plain hash would not do).
     */
    public String ref(DSLContext dsl, String kind, String value) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            byte[] key = refKey(dsl);
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            Arrays.fill(key, (byte) 0);
            byte[] h = mac.doFinal((kind + "|" + value).getBytes(StandardCharsets.UTF_8));
            return kind + "-" + HEX.formatHex(h, 0, 16);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from the JDK", e);
        }
    }

    /**
     * Crypto-shredding: deletes every data key of {@code subject}. The log keeps its ciphertext (and
     * so every Merkle proof keeps verifying), but nobody can open it again.
     */
    public int destroy(DSLContext dsl, String subject, String reason, String actor) {
        List<String> deks = dsl.select(PRIVACY_DEKS.DEK_ID).from(PRIVACY_DEKS).where(PRIVACY_DEKS.SUBJECT.eq(subject))
                .fetch(PRIVACY_DEKS.DEK_ID);
        if (deks.isEmpty()) {
            throw new BadInputException("subject " + subject + " has no data key in the vault (unknown, or already erased)");
        }
        dsl.deleteFrom(PRIVACY_DEKS).where(PRIVACY_DEKS.SUBJECT.eq(subject)).execute();
        List<NewEvent> events = new ArrayList<>();
        for (String d : deks) {
            events.add(event(new DekDestroyed(subject, d, reason, actor)));
        }
        EventLog.appendIn(dsl, events.iterator());
        LOG.info("crypto-shredded subject {}: {} data key(s) destroyed ({})", subject, deks.size(), reason);
        return deks.size();
    }

    /**
     * Moves every data key of {@code subject} to the cold tier (ADR 0706): kept, but opened only by
     * {@link #decryptArchived}. Returns false when it was cold already (nothing logged).
     */
    public boolean archive(DSLContext dsl, String subject, String account, String reason, String shredDue) {
        int n = dsl.update(PRIVACY_DEKS).set(PRIVACY_DEKS.ARCHIVED_AT, Timestamps.format(clock.instant()))
                .where(PRIVACY_DEKS.SUBJECT.eq(subject)).and(PRIVACY_DEKS.ARCHIVED_AT.isNull()).execute();
        if (n == 0) {
            return false;
        }
        append(dsl, new SubjectArchived(subject, account, reason, shredDue));
        return true;
    }

    /** True when the subject's data keys are in the cold tier. */
    public static boolean archived(DSLContext dsl, String subject) {
        return dsl.fetchExists(dsl.selectFrom(PRIVACY_DEKS).where(PRIVACY_DEKS.SUBJECT.eq(subject))
                .and(PRIVACY_DEKS.ARCHIVED_AT.isNotNull()));
    }

    /** Makes the vault secrets a new vault needs (the reference key), so every later reference uses the same one. */
    public void init(DSLContext dsl) {
        EventLog.lockWritersOnSqlite(dsl); // reads the reference secret, then may insert it
        Arrays.fill(refKey(dsl), (byte) 0);
    }

    /** True while the subject's data key exists. */
    public boolean readable(DSLContext dsl, String subject) {
        return hasKey(dsl, subject);
    }

    /** True while the subject's data key exists: for callers that hold no KEK (the payout gate). */
    public static boolean hasKey(DSLContext dsl, String subject) {
        return dsl.fetchExists(dsl.selectFrom(PRIVACY_DEKS).where(PRIVACY_DEKS.SUBJECT.eq(subject)));
    }

    /**
     * Rotates the KEK: a new version is made, every wrapped data key and vault secret is re-wrapped
     * under it in one transaction (no field is re-encrypted), then the old versions are destroyed.
     * If the process dies between the two steps the key file still holds the old versions, so
     * nothing becomes unreadable; re-running the rotation finishes the job.
     */
    public Rotation rotateKek(Database db) {
        KekRef from = kek.active();
        KekRef to = kek.rotate(clock.instant());
        long n = db.inTransaction(dsl -> {
            EventLog.lockWriters(dsl);
            long count = 0;
            for (Record r : dsl.selectFrom(PRIVACY_DEKS).fetch()) {
                byte[] dek = unwrap(r);
                try {
                    String aad = dekAssociated(r.get(PRIVACY_DEKS.DEK_ID), r.get(PRIVACY_DEKS.SUBJECT), r.get(PRIVACY_DEKS.DEK_VERSION));
                    dsl.update(PRIVACY_DEKS).set(PRIVACY_DEKS.WRAPPED, b64(kek.wrap(dek, aad)))
                            .set(PRIVACY_DEKS.KEK_ID, to.kekId()).set(PRIVACY_DEKS.KEK_VERSION, to.version())
                            .where(PRIVACY_DEKS.DEK_ID.eq(r.get(PRIVACY_DEKS.DEK_ID))).execute();
                    count++;
                } finally {
                    Arrays.fill(dek, (byte) 0);
                }
            }
            for (Record r : dsl.selectFrom(PRIVACY_SECRETS).fetch()) {
                String name = r.get(PRIVACY_SECRETS.NAME);
                byte[] secret = kek.unwrap(new KekRef(r.get(PRIVACY_SECRETS.KEK_ID), r.get(PRIVACY_SECRETS.KEK_VERSION)),
                        unb64(r.get(PRIVACY_SECRETS.WRAPPED)), secretAssociated(name));
                try {
                    dsl.update(PRIVACY_SECRETS).set(PRIVACY_SECRETS.WRAPPED, b64(kek.wrap(secret, secretAssociated(name))))
                            .set(PRIVACY_SECRETS.KEK_ID, to.kekId()).set(PRIVACY_SECRETS.KEK_VERSION, to.version())
                            .where(PRIVACY_SECRETS.NAME.eq(name)).execute();
                    count++;
                } finally {
                    Arrays.fill(secret, (byte) 0);
                }
            }
            append(dsl, new KekRotated(to.kekId(), from.version(), to.version(), count));
            return count;
        });
        kek.retireAllBut(to, clock.instant());
        LOG.info("KEK rotated {} -> {}: {} key(s) re-wrapped", from, to, n);
        return new Rotation(from, to, n);
    }

    private Record currentDek(DSLContext dsl, String subject) {
        Record row = dsl.selectFrom(PRIVACY_DEKS).where(PRIVACY_DEKS.SUBJECT.eq(subject))
                .orderBy(PRIVACY_DEKS.DEK_VERSION.desc()).limit(1).fetchOne();
        if (row == null) {
            boolean known = dsl.fetchExists(dsl.selectFrom(PRIVACY_SUBJECTS).where(PRIVACY_SUBJECTS.SUBJECT.eq(subject)));
            if (known) {
                throw new SubjectErasedException(subject);
            }
            throw new BadInputException("no data subject " + subject + " in the vault");
        }
        return row;
    }

    private byte[] unwrap(Record row) {
        KekRef ref = new KekRef(row.get(PRIVACY_DEKS.KEK_ID), row.get(PRIVACY_DEKS.KEK_VERSION));
        return kek.unwrap(ref, unb64(row.get(PRIVACY_DEKS.WRAPPED)),
                dekAssociated(row.get(PRIVACY_DEKS.DEK_ID), row.get(PRIVACY_DEKS.SUBJECT), row.get(PRIVACY_DEKS.DEK_VERSION)));
    }

    /**
     * Stores a named vault secret (e.g. an API key's HMAC secret, ADR 0311), wrapped under the active KEK
     * like the reference key: KEK rotation re-wraps it, the log never sees it.
     */
    public void putSecret(DSLContext dsl, String name, byte[] secret) {
        KekRef ref = kek.active();
        dsl.insertInto(PRIVACY_SECRETS, PRIVACY_SECRETS.NAME, PRIVACY_SECRETS.KEK_ID, PRIVACY_SECRETS.KEK_VERSION,
                PRIVACY_SECRETS.WRAPPED, PRIVACY_SECRETS.CREATED_AT)
                .values(name, ref.kekId(), ref.version(), b64(kek.wrap(secret, secretAssociated(name))),
                        Timestamps.format(clock.instant())).execute();
    }

    /** A named vault secret in clear, or null when there is none (never stored, or deleted). */
    public byte[] secret(DSLContext dsl, String name) {
        Record r = dsl.selectFrom(PRIVACY_SECRETS).where(PRIVACY_SECRETS.NAME.eq(name)).fetchOne();
        return r == null ? null : kek.unwrap(new KekRef(r.get(PRIVACY_SECRETS.KEK_ID), r.get(PRIVACY_SECRETS.KEK_VERSION)),
                unb64(r.get(PRIVACY_SECRETS.WRAPPED)), secretAssociated(name));
    }

    /** Destroys a named vault secret (a revoked API key's): nothing can unwrap it afterwards. */
    public void deleteSecret(DSLContext dsl, String name) {
        dsl.deleteFrom(PRIVACY_SECRETS).where(PRIVACY_SECRETS.NAME.eq(name)).execute();
    }

    // Not cached across calls: a secret created in a transaction that rolls back must not outlive it.
    private byte[] refKey(DSLContext dsl) {
        Record r = dsl.selectFrom(PRIVACY_SECRETS).where(PRIVACY_SECRETS.NAME.eq(REF_SECRET)).fetchOne();
        if (r == null) {
            byte[] secret = Aead.newKey();
            KekRef ref = kek.active();
            dsl.insertInto(PRIVACY_SECRETS, PRIVACY_SECRETS.NAME, PRIVACY_SECRETS.KEK_ID, PRIVACY_SECRETS.KEK_VERSION,
                    PRIVACY_SECRETS.WRAPPED, PRIVACY_SECRETS.CREATED_AT)
                    .values(REF_SECRET, ref.kekId(), ref.version(), b64(kek.wrap(secret, secretAssociated(REF_SECRET))),
                            Timestamps.format(clock.instant())).execute();
            return secret;
        }
        return kek.unwrap(new KekRef(r.get(PRIVACY_SECRETS.KEK_ID), r.get(PRIVACY_SECRETS.KEK_VERSION)),
                unb64(r.get(PRIVACY_SECRETS.WRAPPED)), secretAssociated(REF_SECRET));
    }

    private void append(DSLContext dsl, PrivacyEvent e) {
        EventLog.appendIn(dsl, List.of(event(e)).iterator());
    }

    private NewEvent event(PrivacyEvent e) {
        return NewEvent.of(PrivacyEvents.TYPES, e.streamId(), clock.instant(), e);
    }

    private static String dekAssociated(String dekId, String subject, int version) {
        return "mbp-dek|" + dekId + "|" + subject + "|" + version;
    }

    private static String secretAssociated(String name) {
        return "mbp-vault-secret|" + name;
    }

    private static String randomHex(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return HEX.formatHex(b);
    }

    private static String b64(byte[] b) {
        return Base64.getEncoder().encodeToString(b);
    }

    private static byte[] unb64(String s) {
        return Base64.getDecoder().decode(s);
    }
}

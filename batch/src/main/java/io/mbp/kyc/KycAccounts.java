package io.mbp.kyc;

import static io.mbp.sql.schema.Tables.KYC_ACCOUNTS;
import static io.mbp.sql.schema.Tables.KYC_PROJECTION;

import io.mbp.events.Event;
import io.mbp.events.EventLog;
import io.mbp.events.EventPayload;
import io.mbp.events.EventTypes;
import io.mbp.privacy.ConsentGranted;
import io.mbp.privacy.ConsentRevoked;
import io.mbp.privacy.PrivacyEvent;
import io.mbp.privacy.Purpose;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;

/**
 * The KYC account projection (table {@code kyc_accounts}, migration V61, ADR 0704): per onboarded
 * account its subject, state, standing consents and registered PIX key, folded from the KYC and
 * consent events. Every writer of those events calls {@link #catchUp} in the transaction that
 * appended them, so a lookup is one row; {@link #rebuild} folds the whole log again and must give
 * the same table (the log is the truth, the table a cache of it).
 */
public final class KycAccounts {
    static final List<String> TYPES = List.of("KycSubmitted", "KycStatusChanged", "ConsentGranted", "ConsentRevoked");
    private static final String HEAD = "kyc_accounts";
    private static final EventTypes DECODE = EventTypes.of(KycEvent.class, PrivacyEvent.class);

    private KycAccounts() {
    }

    /** One account as the projection holds it. */
    public record Row(String account, String subject, KycStatus status, boolean kyc, boolean payouts, boolean marketing,
                      boolean analytics, String pixKeyRef, String pixKeyType, String pixKeyEnc, long submittedSeq,
                      String submittedAt, String statusReason, String statusBy, String statusSince, long updatedSeq) {
        /** Whether the purpose's consent stands now. */
        public boolean consented(Purpose p) {
            return switch (p) {
                case KYC -> kyc;
                case PAYOUTS -> payouts;
                case MARKETING -> marketing;
                case ANALYTICS -> analytics;
            };
        }
    }

    /**
     * Folds the KYC and consent events appended since the projection last read. Call it in the
     * transaction that appended them (it takes the writer lock, so two catch-ups never interleave).
     * Returns how many events it folded.
     */
    public static long catchUp(DSLContext dsl) {
        EventLog.lockWriters(dsl);
        Long stored = dsl.select(KYC_PROJECTION.SEQ).from(KYC_PROJECTION).where(KYC_PROJECTION.NAME.eq(HEAD))
                .fetchOne(KYC_PROJECTION.SEQ);
        long from = stored == null ? 0 : stored;
        long[] next = {from};
        long n = EventLog.forEachOfTypes(dsl, TYPES, from, e -> {
            apply(dsl, e);
            next[0] = e.seq() + 1;
        });
        if (stored == null) {
            dsl.insertInto(KYC_PROJECTION, KYC_PROJECTION.NAME, KYC_PROJECTION.SEQ).values(HEAD, next[0]).execute();
        } else if (next[0] != from) {
            dsl.update(KYC_PROJECTION).set(KYC_PROJECTION.SEQ, next[0]).where(KYC_PROJECTION.NAME.eq(HEAD)).execute();
        }
        return n;
    }

    /** Empties the table and folds the whole log again. */
    public static long rebuild(DSLContext dsl) {
        EventLog.lockWriters(dsl);
        dsl.deleteFrom(KYC_ACCOUNTS).execute();
        dsl.deleteFrom(KYC_PROJECTION).where(KYC_PROJECTION.NAME.eq(HEAD)).execute();
        return catchUp(dsl);
    }

    public static Optional<Row> find(DSLContext dsl, String account) {
        return Optional.ofNullable(dsl.selectFrom(KYC_ACCOUNTS).where(KYC_ACCOUNTS.ACCOUNT.eq(account)).fetchOne())
                .map(KycAccounts::row);
    }

    /** Every row, by account. */
    public static Map<String, Row> all(DSLContext dsl) {
        Map<String, Row> out = new LinkedHashMap<>();
        for (Record r : dsl.selectFrom(KYC_ACCOUNTS).orderBy(KYC_ACCOUNTS.ACCOUNT).fetch()) {
            Row row = row(r);
            out.put(row.account(), row);
        }
        return out;
    }

    private static void apply(DSLContext dsl, Event e) {
        EventPayload p = DECODE.decode(e.type(), e.payload());
        if (p instanceof KycSubmitted s) {
            dsl.deleteFrom(KYC_ACCOUNTS).where(KYC_ACCOUNTS.ACCOUNT.eq(s.account())).execute();
            dsl.insertInto(KYC_ACCOUNTS)
                    .set(KYC_ACCOUNTS.ACCOUNT, s.account()).set(KYC_ACCOUNTS.SUBJECT, s.subject())
                    .set(KYC_ACCOUNTS.STATUS, KycStatus.PENDING.code())
                    .set(KYC_ACCOUNTS.CONSENT_KYC, 0).set(KYC_ACCOUNTS.CONSENT_PAYOUTS, 0)
                    .set(KYC_ACCOUNTS.CONSENT_MARKETING, 0).set(KYC_ACCOUNTS.CONSENT_ANALYTICS, 0)
                    .set(KYC_ACCOUNTS.PIX_KEY_REF, s.pixKeyRef()).set(KYC_ACCOUNTS.PIX_KEY_TYPE, s.pixKeyType())
                    .set(KYC_ACCOUNTS.PIX_KEY_ENC, s.pixKeyEnc())
                    .set(KYC_ACCOUNTS.SUBMITTED_SEQ, e.seq()).set(KYC_ACCOUNTS.SUBMITTED_AT, e.ts())
                    .set(KYC_ACCOUNTS.STATUS_REASON, "submitted").set(KYC_ACCOUNTS.STATUS_BY, "customer")
                    .set(KYC_ACCOUNTS.STATUS_SINCE, e.ts()).set(KYC_ACCOUNTS.UPDATED_SEQ, e.seq())
                    .execute();
        } else if (p instanceof KycStatusChanged c) {
            dsl.update(KYC_ACCOUNTS).set(KYC_ACCOUNTS.STATUS, c.to()).set(KYC_ACCOUNTS.STATUS_REASON, c.reason())
                    .set(KYC_ACCOUNTS.STATUS_BY, c.by()).set(KYC_ACCOUNTS.STATUS_SINCE, e.ts())
                    .set(KYC_ACCOUNTS.UPDATED_SEQ, e.seq()).where(KYC_ACCOUNTS.ACCOUNT.eq(c.account())).execute();
        } else if (p instanceof ConsentGranted g) {
            consent(dsl, g.account(), g.purpose(), 1, e.seq());
        } else if (p instanceof ConsentRevoked r) {
            consent(dsl, r.account(), r.purpose(), 0, e.seq());
        }
    }

    private static void consent(DSLContext dsl, String account, String purpose, int standing, long seq) {
        Field<Integer> column = switch (Purpose.of(purpose).orElseThrow()) {
            case KYC -> KYC_ACCOUNTS.CONSENT_KYC;
            case PAYOUTS -> KYC_ACCOUNTS.CONSENT_PAYOUTS;
            case MARKETING -> KYC_ACCOUNTS.CONSENT_MARKETING;
            case ANALYTICS -> KYC_ACCOUNTS.CONSENT_ANALYTICS;
        };
        // a consent can only be given by an onboarded account (Consents needs its subject), so the row exists
        dsl.update(KYC_ACCOUNTS).set(column, standing).set(KYC_ACCOUNTS.UPDATED_SEQ, seq)
                .where(KYC_ACCOUNTS.ACCOUNT.eq(account)).execute();
    }

    private static Row row(Record r) {
        return new Row(r.get(KYC_ACCOUNTS.ACCOUNT), r.get(KYC_ACCOUNTS.SUBJECT), KycStatus.of(r.get(KYC_ACCOUNTS.STATUS)).orElseThrow(),
                r.get(KYC_ACCOUNTS.CONSENT_KYC) != 0, r.get(KYC_ACCOUNTS.CONSENT_PAYOUTS) != 0,
                r.get(KYC_ACCOUNTS.CONSENT_MARKETING) != 0, r.get(KYC_ACCOUNTS.CONSENT_ANALYTICS) != 0,
                r.get(KYC_ACCOUNTS.PIX_KEY_REF), r.get(KYC_ACCOUNTS.PIX_KEY_TYPE), r.get(KYC_ACCOUNTS.PIX_KEY_ENC),
                r.get(KYC_ACCOUNTS.SUBMITTED_SEQ), r.get(KYC_ACCOUNTS.SUBMITTED_AT), r.get(KYC_ACCOUNTS.STATUS_REASON),
                r.get(KYC_ACCOUNTS.STATUS_BY), r.get(KYC_ACCOUNTS.STATUS_SINCE), r.get(KYC_ACCOUNTS.UPDATED_SEQ));
    }
}

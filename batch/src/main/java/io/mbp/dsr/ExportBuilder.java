package io.mbp.dsr;

import io.mbp.events.Event;
import io.mbp.events.EventLog;
import io.mbp.events.EventPayload;
import io.mbp.events.EventTypes;
import io.mbp.events.Timestamps;
import io.mbp.kyc.KycAccount;
import io.mbp.kyc.KycEvent;
import io.mbp.kyc.KycService;
import io.mbp.kyc.KycStatusChanged;
import io.mbp.kyc.KycSubmitted;
import io.mbp.privacy.ConsentGranted;
import io.mbp.privacy.ConsentRevoked;
import io.mbp.privacy.DekDestroyed;
import io.mbp.privacy.FieldDecrypted;
import io.mbp.privacy.PrivacyEvent;
import io.mbp.privacy.Vault;
import io.mbp.privacy.retention.ErasureScheduled;
import io.mbp.privacy.retention.Relationship;
import io.mbp.privacy.retention.RetentionPolicy;
import io.mbp.privacy.retention.RetentionService;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;

/** Gathers a {@link SubjectExport} inside the request's transaction; each field read is an audited vault decryption. */
final class ExportBuilder {
    private static final EventTypes TYPES = EventTypes.of(PrivacyEvent.class, KycEvent.class);
    /** The AML family's type prefix (io.mbp.aml.AmlEvents.TYPE_PREFIX; dsr may not import aml). */
    static final String AML_TYPES = "Aml";
    /** Screening review alerts (io.mbp.screenhooks): a possible list match under review is an investigation too. */
    static final String SCREENING_ALERT = "ScreeningAlertOpened";

    /** Why each field is held, and on which LGPD art. 7 basis (docs/privacy.md). */
    private static final Map<String, String[]> WHY = new LinkedHashMap<>();

    static {
        String[] id = {"identify you as Bacen Res. 4.753 and Circ. 3.978 require, and check you are 18 or older",
            "legal obligation (LGPD art. 7 II)"};
        String[] contact = {"reach you about your account, withdrawals and any problem", "contract (LGPD art. 7 V)"};
        WHY.put("full_name", id);
        WHY.put("cpf", id);
        WHY.put("birth_date", id);
        WHY.put("email", contact);
        WHY.put("phone", contact);
        WHY.put("pix_key", new String[] {"pay your withdrawals", "contract (LGPD art. 7 V)"});
    }

    private ExportBuilder() {
    }

    static SubjectExport build(DSLContext dsl, Vault vault, RetentionPolicy policy, String request, String account, String receivedAt,
            Instant now, String actor) {
        KycAccount a = KycService.account(dsl, account);
        KycSubmitted s = a.submitted();
        String subject = a.subject();
        List<Event> events = EventLog.mentioning(dsl, List.of(account, subject),
                List.of("\"account\":\"" + account + "\"", subject, s.cpfRef(), s.pixKeyRef()));
        long submittedSeq = -1;
        String erasedAt = null;
        List<SubjectExport.ConsentRow> consents = new ArrayList<>();
        List<SubjectExport.KycRow> kyc = new ArrayList<>();
        List<SubjectExport.Read> reads = new ArrayList<>();
        List<SubjectExport.Use> uses = new ArrayList<>();
        List<Long> cpfUses = new ArrayList<>();
        List<Long> pixUses = new ArrayList<>();
        for (Event e : events) {
            if (e.type().startsWith(AML_TYPES) || e.type().equals(SCREENING_ALERT)) {
                // AML alerts, cases and COAF drafts are never disclosed to the customer: Lei 9.613 art. 11 II
                // forbids tipping-off, a legal limit on the access right (LGPD art. 18 with art. 4; ADR 0715)
                continue;
            }
            uses.add(new SubjectExport.Use(e.seq(), e.ts(), e.type(), e.stream()));
            if (e.payload().contains(s.cpfRef())) {
                cpfUses.add(e.seq());
            }
            if (e.payload().contains(s.pixKeyRef())) {
                pixUses.add(e.seq());
            }
            if (!TYPES.isKnown(e.type())) {
                continue;
            }
            EventPayload p = TYPES.decode(e.type(), e.payload());
            if (p instanceof KycSubmitted k && k.account().equals(account)) {
                submittedSeq = e.seq();
            } else if (p instanceof KycStatusChanged c && c.account().equals(account)) {
                kyc.add(new SubjectExport.KycRow(e.seq(), e.ts(), c.from(), c.to(), c.by(), c.reason()));
            } else if (p instanceof ConsentGranted g && g.subject().equals(subject)) {
                consents.add(new SubjectExport.ConsentRow(e.seq(), e.ts(), g.purpose(), true, g.version()));
            } else if (p instanceof ConsentRevoked r && r.subject().equals(subject)) {
                consents.add(new SubjectExport.ConsentRow(e.seq(), e.ts(), r.purpose(), false, r.version()));
            } else if (p instanceof FieldDecrypted f && f.subject().equals(subject)) {
                reads.add(new SubjectExport.Read(e.seq(), e.ts(), f.field(), f.actor(), f.purpose()));
            } else if (p instanceof DekDestroyed d && d.subject().equals(subject)) {
                erasedAt = e.ts();
            }
        }
        boolean readable = vault.readable(dsl, subject);
        String state = !readable ? "erased" : Vault.archived(dsl, subject) ? "archived" : "held";
        List<SubjectExport.Item> items = new ArrayList<>();
        for (String field : KycService.FIELDS) {
            String env = KycService.envelope(s, field);
            String value = readable ? vault.decryptArchived(dsl, subject, field, env, actor, DsrService.PURPOSE) : null;
            String ref = "cpf".equals(field) ? s.cpfRef() : "pix_key".equals(field) ? s.pixKeyRef() : null;
            List<Long> used = "cpf".equals(field) ? cpfUses : "pix_key".equals(field) ? pixUses : List.of(submittedSeq);
            String heldAs = (readable ? "" : "unreadable ") + "ciphertext " + KycService.masked(env) + " in KycSubmitted";
            items.add(new SubjectExport.Item(field, value, heldAs, submittedSeq, WHY.get(field)[0], WHY.get(field)[1], ref, used));
        }
        String note = readable ? null : "your data key was destroyed at " + erasedAt + " (crypto-shredding): the encrypted"
                + " copies that remain in our tamper-evident log can no longer be read by anyone, including us";
        return new SubjectExport(SubjectExport.FORMAT, request, account, subject, receivedAt, Timestamps.format(now), state, erasedAt,
                note, items, consents, kyc, reads, uses, retention(dsl, policy, account, subject));
    }

    static SubjectExport.RetentionView retention(DSLContext dsl, RetentionPolicy policy, String account, String subject) {
        RetentionPolicy.Standing st = policy.standing(Relationship.of(dsl, account, subject));
        ErasureScheduled e = RetentionService.scheduled(dsl).get(subject);
        return new SubjectExport.RetentionView(st.relationship().began(), Timestamps.format(st.relationship().ended()),
                Timestamps.format(st.archiveAt()), Timestamps.format(st.shredAt()),
                st.amlUntil().map(Timestamps::format).orElse(null), st.amlUntil().isPresent() ? RetentionPolicy.AML_BASIS : null,
                e == null ? null : e.due());
    }
}

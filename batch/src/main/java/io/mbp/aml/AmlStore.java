package io.mbp.aml;

import static io.mbp.sql.schema.Tables.AML_ALERTS;
import static io.mbp.sql.schema.Tables.AML_CASES;
import static io.mbp.sql.schema.Tables.AML_COAF_DRAFTS;
import static io.mbp.sql.schema.Tables.AML_SCENARIOS;

import io.mbp.error.VerificationFailedException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.impl.DSL;

/** The AML tables (V76, V77), the package's only SQL. Rows are written in the transaction of their events. */
final class AmlStore {
    private AmlStore() {
    }

    static Optional<String> scenarioHash(DSLContext dsl, String scenario, int version) {
        return dsl.select(AML_SCENARIOS.CONTENT_HASH).from(AML_SCENARIOS)
                .where(AML_SCENARIOS.SCENARIO.eq(scenario).and(AML_SCENARIOS.VERSION.eq(version))).fetchOptional(AML_SCENARIOS.CONTENT_HASH);
    }

    static void insertScenario(DSLContext dsl, AmlScenarioRegistered s, String at) {
        dsl.insertInto(AML_SCENARIOS, AML_SCENARIOS.SCENARIO, AML_SCENARIOS.VERSION, AML_SCENARIOS.RULE_NAME, AML_SCENARIOS.CONTENT_HASH,
                AML_SCENARIOS.PARAMS, AML_SCENARIOS.REGISTERED_AT).values(s.scenario(), s.version(), s.rule(), s.contentHash(), s.params(), at)
                .execute();
    }

    static Optional<Alert> alertByKey(DSLContext dsl, String key) {
        return dsl.selectFrom(AML_ALERTS).where(AML_ALERTS.ALERT_KEY.eq(key)).fetchOptional().map(AmlStore::alert);
    }

    static Optional<Alert> alert(DSLContext dsl, String id) {
        return dsl.selectFrom(AML_ALERTS).where(AML_ALERTS.ALERT_ID.eq(id)).fetchOptional().map(AmlStore::alert);
    }

    static List<Alert> alerts(DSLContext dsl, String status, String caseId) {
        Condition c = DSL.trueCondition();
        if (status != null) {
            c = c.and(AML_ALERTS.STATUS.eq(status));
        }
        if (caseId != null) {
            c = c.and(AML_ALERTS.CASE_ID.eq(caseId));
        }
        return dsl.selectFrom(AML_ALERTS).where(c).orderBy(AML_ALERTS.OPENED_SEQ).fetch(AmlStore::alert);
    }

    static void insertAlert(DSLContext dsl, AmlAlertOpened a, String at, long seq) {
        dsl.insertInto(AML_ALERTS, AML_ALERTS.ALERT_ID, AML_ALERTS.ALERT_KEY, AML_ALERTS.SCENARIO, AML_ALERTS.SCENARIO_VERSION,
                AML_ALERTS.ACCOUNT, AML_ALERTS.SUBJECT, AML_ALERTS.BUSINESS_DATE, AML_ALERTS.SUMMARY, AML_ALERTS.EVIDENCE, AML_ALERTS.STATUS,
                AML_ALERTS.CASE_ID, AML_ALERTS.OPENED_AT, AML_ALERTS.OPENED_SEQ)
                .values(a.alert(), a.key(), a.scenario(), a.scenarioVersion(), a.account(), a.subject(), a.businessDate(), a.summary(),
                        String.join(" ", a.evidence().stream().map(String::valueOf).toList()), Alert.OPEN, null, at, seq)
                .execute();
    }

    static void moveAlerts(DSLContext dsl, List<String> ids, String status, String caseId) {
        dsl.update(AML_ALERTS).set(AML_ALERTS.STATUS, status).set(AML_ALERTS.CASE_ID, caseId).where(AML_ALERTS.ALERT_ID.in(ids)).execute();
    }

    static int caseCount(DSLContext dsl) {
        return dsl.fetchCount(AML_CASES);
    }

    static Optional<Case> caseRow(DSLContext dsl, String id) {
        return dsl.selectFrom(AML_CASES).where(AML_CASES.CASE_ID.eq(id)).fetchOptional().map(AmlStore::caseOf);
    }

    static List<Case> cases(DSLContext dsl) {
        return dsl.selectFrom(AML_CASES).orderBy(AML_CASES.CASE_ID).fetch(AmlStore::caseOf);
    }

    static void insertCase(DSLContext dsl, String id, String at, String by) {
        dsl.insertInto(AML_CASES, AML_CASES.CASE_ID, AML_CASES.STATUS, AML_CASES.OPENED_AT, AML_CASES.OPENED_BY)
                .values(id, Case.OPEN, at, by).execute();
    }

    static void assign(DSLContext dsl, String id, String to) {
        dsl.update(AML_CASES).set(AML_CASES.ASSIGNEE, to).where(AML_CASES.CASE_ID.eq(id)).execute();
    }

    static void decide(DSLContext dsl, String id, String status, String decision, String reason, String at, String by) {
        dsl.update(AML_CASES).set(AML_CASES.STATUS, status).set(AML_CASES.DECISION, decision).set(AML_CASES.REASON, reason)
                .set(AML_CASES.DECIDED_AT, at).set(AML_CASES.DECIDED_BY, by).where(AML_CASES.CASE_ID.eq(id)).execute();
    }

    static void insertDraft(DSLContext dsl, String id, String caseId, String decidedAt, String due, String document, String sha) {
        dsl.insertInto(AML_COAF_DRAFTS, AML_COAF_DRAFTS.DRAFT_ID, AML_COAF_DRAFTS.CASE_ID, AML_COAF_DRAFTS.DECIDED_AT, AML_COAF_DRAFTS.DUE,
                AML_COAF_DRAFTS.DOCUMENT, AML_COAF_DRAFTS.DOCUMENT_SHA256).values(id, caseId, decidedAt, due, document, sha).execute();
    }

    /** Drafts: {draft_id, case_id, decided_at, due, document, sha256}. */
    static List<String[]> drafts(DSLContext dsl, String id) {
        Condition c = id == null ? DSL.trueCondition() : AML_COAF_DRAFTS.DRAFT_ID.eq(id);
        return dsl.selectFrom(AML_COAF_DRAFTS).where(c).orderBy(AML_COAF_DRAFTS.DRAFT_ID).fetch(r -> new String[] {
            r.get(AML_COAF_DRAFTS.DRAFT_ID), r.get(AML_COAF_DRAFTS.CASE_ID), r.get(AML_COAF_DRAFTS.DECIDED_AT), r.get(AML_COAF_DRAFTS.DUE),
            r.get(AML_COAF_DRAFTS.DOCUMENT), r.get(AML_COAF_DRAFTS.DOCUMENT_SHA256)});
    }

    private static Alert alert(Record r) {
        String ev = r.get(AML_ALERTS.EVIDENCE);
        List<Long> evidence;
        try {
            evidence = ev.isBlank() ? List.of() : Arrays.stream(ev.split(" ")).map(Long::valueOf).toList();
        } catch (NumberFormatException e) {
            throw new VerificationFailedException("aml_alerts " + r.get(AML_ALERTS.ALERT_ID) + ": evidence is not a list of seqs");
        }
        return new Alert(r.get(AML_ALERTS.ALERT_ID), r.get(AML_ALERTS.ALERT_KEY), r.get(AML_ALERTS.SCENARIO), r.get(AML_ALERTS.SCENARIO_VERSION),
                r.get(AML_ALERTS.ACCOUNT), r.get(AML_ALERTS.SUBJECT), r.get(AML_ALERTS.BUSINESS_DATE), r.get(AML_ALERTS.SUMMARY), evidence,
                r.get(AML_ALERTS.STATUS), r.get(AML_ALERTS.CASE_ID), r.get(AML_ALERTS.OPENED_AT), r.get(AML_ALERTS.OPENED_SEQ));
    }

    private static Case caseOf(Record r) {
        return new Case(r.get(AML_CASES.CASE_ID), r.get(AML_CASES.STATUS), r.get(AML_CASES.ASSIGNEE), r.get(AML_CASES.OPENED_AT),
                r.get(AML_CASES.OPENED_BY), r.get(AML_CASES.DECISION), r.get(AML_CASES.REASON), r.get(AML_CASES.DECIDED_AT),
                r.get(AML_CASES.DECIDED_BY));
    }
}

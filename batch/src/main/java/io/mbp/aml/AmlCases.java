package io.mbp.aml;

import io.mbp.aml.coaf.BusinessCalendar;
import io.mbp.aml.coaf.CoafDraft;
import io.mbp.error.BadInputException;
import io.mbp.error.VerificationFailedException;
import io.mbp.events.EventLog;
import io.mbp.events.Identifier;
import io.mbp.events.Timestamps;
import io.mbp.sql.Database;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.jooq.DSLContext;

/**
 * The case workflow (docs/runbooks/aml-review.md): open a case over open alerts, assign it, decide it
 * (close as a false positive with a reason, or escalate). Escalating drafts the COAF communication with
 * its deadline. Each step is one event and its projection rows, in one transaction.
 */
public final class AmlCases {
    private static final Logger LOG = LogManager.getLogger(AmlCases.class);
    private final Database db;
    private final Clock clock;
    private final BusinessCalendar calendar;

    public AmlCases(Database db, Clock clock) {
        this(db, clock, BusinessCalendar.brazil());
    }

    public AmlCases(Database db, Clock clock, BusinessCalendar calendar) {
        this.db = db;
        this.clock = clock;
        this.calendar = calendar;
    }

    /** A case with its alerts and, once escalated, its COAF draft id. */
    public record CaseView(Case kase, List<Alert> alerts, String coafDraft) {
    }

    /** A stored COAF draft: the structured JSON as stored and the text of the same draft. */
    public record Draft(String id, String caseId, String decidedAt, String due, String json, String sha256, String text) {
    }

    public CaseView open(List<String> alertIds, String by) {
        if (alertIds.isEmpty()) {
            throw new BadInputException("--alert: name at least one alert");
        }
        List<String> ids = List.copyOf(new LinkedHashSet<>(alertIds));
        Instant now = clock.instant();
        String id = db.inTransaction(dsl -> {
            EventLog.lockWriters(dsl);
            for (String a : ids) {
                Alert alert = AmlStore.alert(dsl, a).orElseThrow(() -> new BadInputException("--alert " + a + ": no such AML alert"));
                if (!Alert.OPEN.equals(alert.status())) {
                    throw new BadInputException("--alert " + a + ": is " + alert.status()
                            + (alert.caseId() == null ? "" : " (case " + alert.caseId() + ")") + ", not open");
                }
            }
            String caseId = String.format("CASE-%06d", AmlStore.caseCount(dsl) + 1);
            EventLog.appendIn(dsl, List.of(AmlService.event(new AmlCaseOpened(caseId, ids, by), now)).iterator());
            AmlStore.insertCase(dsl, caseId, Timestamps.format(now), by);
            AmlStore.moveAlerts(dsl, ids, Alert.IN_CASE, caseId);
            return caseId;
        });
        LOG.info("aml case {} opened by {} over {} alert(s)", id, by, ids.size());
        return show(id);
    }

    public CaseView assign(String caseId, String to, String by) {
        if (!Identifier.isValid(to)) {
            throw new BadInputException("--to must be a user name of letters, digits and ._:@- (up to 64)");
        }
        db.inTransaction(dsl -> {
            EventLog.lockWriters(dsl);
            openCase(dsl, caseId);
            EventLog.appendIn(dsl, List.of(AmlService.event(new AmlCaseAssigned(caseId, to, by), clock.instant())).iterator());
            AmlStore.assign(dsl, caseId, to);
            return null;
        });
        return show(caseId);
    }

    /** Closes the case as a false positive, or escalates it and drafts the COAF communication. */
    public CaseView decide(String caseId, boolean escalate, String reason, String by) {
        if (reason == null || reason.isBlank()) {
            throw new BadInputException("--reason: say why (it is logged and, when escalated, goes into the COAF draft)");
        }
        Instant now = clock.instant();
        String at = Timestamps.format(now);
        db.inTransaction(dsl -> {
            EventLog.lockWriters(dsl);
            openCase(dsl, caseId);
            String decision = escalate ? AmlCaseDecided.ESCALATED : AmlCaseDecided.FALSE_POSITIVE;
            List<Alert> alerts = AmlStore.alerts(dsl, null, caseId);
            var events = new ArrayList<io.mbp.events.NewEvent>();
            events.add(AmlService.event(new AmlCaseDecided(caseId, decision, reason, by), now));
            AmlStore.decide(dsl, caseId, escalate ? Case.ESCALATED : Case.CLOSED, decision, reason, at, by);
            AmlStore.moveAlerts(dsl, alerts.stream().map(Alert::id).toList(), escalate ? Alert.ESCALATED : Alert.CLOSED, caseId);
            if (escalate) {
                CoafDraft d = draft(caseId, now, by, reason, alerts);
                String json = d.json();
                String sha = AmlService.sha256(json);
                String due = Timestamps.format(d.due().toInstant());
                events.add(AmlService.event(new AmlCoafDrafted(d.draftId(), caseId, at, due, sha), now));
                AmlStore.insertDraft(dsl, d.draftId(), caseId, at, due, json, sha);
            }
            EventLog.appendIn(dsl, events.iterator());
            return null;
        });
        LOG.info("aml case {} decided by {}: {}", caseId, by, escalate ? "escalated" : "false positive");
        return show(caseId);
    }

    public CaseView show(String caseId) {
        return db.read(dsl -> {
            Case c = AmlStore.caseRow(dsl, caseId).orElseThrow(() -> new BadInputException("--case " + caseId + ": no such AML case"));
            List<String[]> drafts = AmlStore.drafts(dsl, null).stream().filter(d -> d[1].equals(caseId)).toList();
            return new CaseView(c, AmlStore.alerts(dsl, null, caseId), drafts.isEmpty() ? null : drafts.get(0)[0]);
        });
    }

    public List<Case> cases() {
        return db.read(AmlStore::cases);
    }

    public List<Draft> drafts() {
        return db.read(dsl -> AmlStore.drafts(dsl, null).stream().map(d -> draftOf(dsl, d)).toList());
    }

    /** One draft; its stored JSON must still hash to what its event recorded, and rebuild the same from the case. */
    public Draft draft(String id) {
        return db.read(dsl -> AmlStore.drafts(dsl, id).stream().findFirst().map(d -> draftOf(dsl, d))
                .orElseThrow(() -> new BadInputException("no COAF draft " + id)));
    }

    private Draft draftOf(DSLContext dsl, String[] d) {
        Case c = AmlStore.caseRow(dsl, d[1]).orElseThrow(() -> new VerificationFailedException("COAF draft " + d[0] + " names no case"));
        CoafDraft rebuilt = draft(c.id(), Instant.parse(d[2]), c.decidedBy(), c.reason(), AmlStore.alerts(dsl, null, c.id()));
        if (!AmlService.sha256(d[4]).equals(d[5]) || !rebuilt.json().equals(d[4])) {
            throw new VerificationFailedException("COAF draft " + d[0] + " does not match its case and alerts (altered table?)");
        }
        return new Draft(d[0], d[1], d[2], d[3], d[4], d[5], rebuilt.text());
    }

    private CoafDraft draft(String caseId, Instant decidedAt, String by, String reason, List<Alert> alerts) {
        List<CoafDraft.Alert> as = alerts.stream().map(a -> new CoafDraft.Alert(a.id(), a.scenario(), a.scenarioVersion(), a.account(),
                a.subject(), a.businessDate(), a.summary(), a.evidence())).toList();
        return CoafDraft.of("COAF-" + caseId.substring("CASE-".length()), caseId, decidedAt, by, reason, as, calendar);
    }

    private static Case openCase(DSLContext dsl, String caseId) {
        Case c = AmlStore.caseRow(dsl, caseId).orElseThrow(() -> new BadInputException("--case " + caseId + ": no such AML case"));
        if (!Case.OPEN.equals(c.status())) {
            throw new BadInputException("--case " + caseId + ": already decided (" + c.decision() + " by " + c.decidedBy() + ")");
        }
        return c;
    }
}

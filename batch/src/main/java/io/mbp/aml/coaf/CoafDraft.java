package io.mbp.aml.coaf;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mbp.events.CanonicalJson;
import io.mbp.events.Timestamps;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A draft of a communication of suspicious operations to COAF (Lei 9.613/1998 art. 11 II; Bacen
 * Circular 3.978/2020 arts. 48-49): structured JSON for the SISCOAF form and the same as text.
 * It names people only by their pseudonymous subject id and account: the analyst who files it reads
 * the identity through the vault (an audited read). Fields: docs/aml.md ("COAF drafts").
 */
public record CoafDraft(String draftId, String caseId, Instant decidedAt, String decidedBy, String reason, ZonedDateTime due,
                        List<Alert> alerts) {
    public static final String FORMAT = "mbp-coaf-draft/1";

    /** An alert of the case as the draft tells it. */
    public record Alert(String alert, String scenario, int scenarioVersion, String account, String subject, String businessDate,
                        String summary, List<Long> evidence) {
    }

    public CoafDraft {
        alerts = List.copyOf(alerts);
    }

    /** Builds the draft with its deadline from {@code calendar}. */
    public static CoafDraft of(String draftId, String caseId, Instant decidedAt, String decidedBy, String reason, List<Alert> alerts,
                               BusinessCalendar calendar) {
        return new CoafDraft(draftId, caseId, decidedAt, decidedBy, reason, calendar.communicationDue(decidedAt), alerts);
    }

    /** The structured draft, canonical JSON (RFC 8785), which the AmlCoafDrafted event hashes. */
    public String json() {
        ObjectNode n = CanonicalJson.MAPPER.createObjectNode();
        n.put("format", FORMAT);
        n.put("draft_id", draftId);
        n.put("case_id", caseId);
        n.put("communication_type", "COS");
        n.putArray("legal_basis").add("Lei 9.613/1998 art. 11 II").add("Circular Bacen 3.978/2020 arts. 48 and 49");
        n.put("decided_at", Timestamps.format(decidedAt));
        n.put("decided_by", decidedBy);
        n.put("due", Timestamps.format(due.toInstant()));
        n.put("due_local", due.toLocalDateTime() + " " + due.getZone());
        n.put("deadline_rule", "by the end of the business day after the decision to communicate (Brasilia time, BR holidays)");
        n.put("decision_reason", reason);
        TreeMap<String, TreeSet<String>> subjects = new TreeMap<>();
        alerts.forEach(a -> subjects.computeIfAbsent(a.subject() == null ? "unknown" : a.subject(), k -> new TreeSet<>()).add(a.account()));
        ArrayNode people = n.putArray("subjects");
        subjects.forEach((s, accts) -> {
            ObjectNode p = people.addObject();
            p.put("subject", s);
            accts.forEach(p.putArray("accounts")::add);
        });
        ArrayNode as = n.putArray("alerts");
        for (Alert a : alerts) {
            ObjectNode o = as.addObject();
            o.put("alert", a.alert());
            o.put("scenario", a.scenario() + "@" + a.scenarioVersion());
            o.put("account", a.account());
            o.put("business_date", a.businessDate());
            o.put("summary", a.summary());
            a.evidence().forEach(o.putArray("evidence_seqs")::add);
        }
        n.put("narrative", narrative());
        n.put("confidentiality", "Do not inform the customer or third parties (Lei 9.613/1998 art. 11 II): no customer-facing"
                + " output mentions this case");
        return CanonicalJson.canonicalize(n);
    }

    /** The same draft as text for the analyst filing it in SISCOAF. */
    public String text() {
        StringBuilder b = new StringBuilder();
        b.append("COAF communication draft ").append(draftId).append(" (case ").append(caseId).append(")\n");
        b.append("Type: COS - comunicacao de operacao suspeita (Lei 9.613/1998 art. 11 II; Circular Bacen 3.978/2020 arts. 48-49)\n");
        b.append("Decided: ").append(Timestamps.format(decidedAt)).append(" by ").append(decidedBy).append('\n');
        b.append("DUE: ").append(due.toLocalDateTime()).append(' ').append(due.getZone()).append(" (")
                .append(Timestamps.format(due.toInstant())).append(")\n");
        b.append("Reason: ").append(reason).append("\n\n").append(narrative()).append("\n\nAlerts:\n");
        for (Alert a : alerts) {
            b.append("  ").append(a.alert()).append(' ').append(a.scenario()).append('@').append(a.scenarioVersion()).append(' ')
                    .append(a.account()).append(' ').append(a.businessDate()).append(": ").append(a.summary())
                    .append(" (evidence seqs ").append(a.evidence()).append(")\n");
        }
        b.append("\nConfidential: do not inform the customer (no tipping-off).\n");
        return b.toString();
    }

    private String narrative() {
        TreeSet<String> accounts = new TreeSet<>();
        TreeSet<String> scenarios = new TreeSet<>();
        TreeSet<String> days = new TreeSet<>();
        alerts.forEach(a -> {
            accounts.add(a.account());
            scenarios.add(a.scenario() + "@" + a.scenarioVersion());
            days.add(a.businessDate());
        });
        return "Monitoring raised " + alerts.size() + " alert(s) (" + String.join(", ", scenarios) + ") on account(s) "
                + String.join(", ", accounts) + " for " + String.join(", ", days) + ". The analyst decided to communicate: "
                + reason + ". The evidence seqs point into MBP's sealed, anchored event log.";
    }
}

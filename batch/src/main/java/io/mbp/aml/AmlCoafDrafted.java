package io.mbp.aml;

import static io.mbp.events.FieldException.requireText;

import io.mbp.events.EventType;

/**
 * The COAF communication draft of an escalated case: its id, the decision time the deadline runs
 * from, the deadline, and the SHA-256 of the draft's canonical JSON (kept in aml_coaf_drafts).
 */
@EventType("AmlCoafDrafted")
public record AmlCoafDrafted(String draft, String caseId, String decidedAt, String due, String documentSha256) implements AmlEvent {
    public AmlCoafDrafted {
        requireText("draft", draft);
        requireText("case_id", caseId);
        requireText("decided_at", decidedAt);
        requireText("due", due);
        requireText("document_sha256", documentSha256);
    }

    @Override
    public String streamId() {
        return CASES_STREAM;
    }
}

package io.mbp.privacy.retention;

import static io.mbp.events.FieldException.requireText;

import io.mbp.events.EventType;
import io.mbp.events.OptionalField;

/**
 * The subject asked to be erased while a legal retention applies: the data is kept (cold) until
 * {@code due}, for the reason in {@code basis}, then shredded by the retention run. A later event
 * for the same subject with a later {@code due} (the relationship resumed) supersedes it.
 */
@EventType("ErasureScheduled")
public record ErasureScheduled(String subject, String account, @OptionalField String request, String due, String basis,
        String relationshipEnded) implements RetentionEvent {
    public ErasureScheduled {
        requireText("subject", subject);
        requireText("account", account);
        requireText("due", due);
        requireText("basis", basis);
        requireText("relationship_ended", relationshipEnded);
    }

    @Override
    public String streamId() {
        return subject;
    }
}

package io.mbp.appeals;

import static io.mbp.events.FieldException.requireText;

import io.mbp.events.EventType;
import io.mbp.events.FieldException;
import io.mbp.events.OptionalField;

/** An appeal was decided: {@code upheld} (the decision stands) or {@code overturned} (the account moved to {@code new_status}). */
@EventType("AppealDecided")
public record AppealDecided(String appeal, String account, String subject, String outcome, String reason, String decidedBy,
        @OptionalField String newStatus) implements AppealEvent {
    public AppealDecided {
        requireText("appeal", appeal);
        requireText("account", account);
        requireText("subject", subject);
        if (!"upheld".equals(outcome) && !"overturned".equals(outcome)) {
            throw new FieldException("outcome", "must be upheld or overturned");
        }
        if ("overturned".equals(outcome) && newStatus == null) {
            throw new FieldException("new_status", "an overturned appeal names the state the account moved to");
        }
        requireText("reason", reason);
        requireText("decided_by", decidedBy);
    }
}

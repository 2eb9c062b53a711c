package io.mbp.appeals;

import static io.mbp.events.FieldException.requireText;

import io.mbp.events.EventType;

/** The customer of {@code account}, {@code status} at the time, appealed for {@code reason}; to be decided by {@code due}. */
@EventType("AppealOpened")
public record AppealOpened(String appeal, String account, String subject, String status, String reason, String openedBy,
        String due) implements AppealEvent {
    public AppealOpened {
        requireText("appeal", appeal);
        requireText("account", account);
        requireText("subject", subject);
        requireText("status", status);
        requireText("reason", reason);
        requireText("opened_by", openedBy);
        requireText("due", due);
    }
}

package io.mbp.oracle;

import static io.mbp.events.FieldException.requireText;

import io.mbp.events.EventType;
import io.mbp.events.FieldException;

/** A member of the dispute committee, whose quorum resolves escalated disputes. */
@EventType("CommitteeMemberAdded")
public record CommitteeMemberAdded(String member, String name) implements OracleEvent {
    public CommitteeMemberAdded {
        requireText("id", member);
        if (!Ids.isId(member)) {
            throw new FieldException("id", "must be letters, digits, '.', '_' or '-', got \"" + member + "\"");
        }
        requireText("name", name);
    }
}

package io.mbp.oracle;

import static io.mbp.events.FieldException.requireText;

import io.mbp.events.EventType;
import io.mbp.events.FieldException;
import io.mbp.events.OptionalField;
import io.mbp.events.Timestamps;
import java.util.List;

/** A committee quorum ({@code signers}) answered an escalated dispute before its deadline. */
@EventType("CommitteeResolved")
public record CommitteeResolved(String event, @OptionalField String value, @OptionalField String outcome,
                                boolean invalid, List<String> signers, String at) implements OracleEvent {
    public CommitteeResolved {
        requireText("event", event);
        if (signers == null || signers.isEmpty()) {
            throw new FieldException("signers", "needs at least one signer");
        }
        signers = List.copyOf(signers);
        at = Timestamps.normalize("at", at);
    }
}

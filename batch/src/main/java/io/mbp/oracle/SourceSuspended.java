package io.mbp.oracle;

import static io.mbp.events.FieldException.requireText;

import io.mbp.events.EventType;
import io.mbp.events.Timestamps;

/** A source stops counting: its new reports are rejected and it leaves every panel's weight. */
@EventType("SourceSuspended")
public record SourceSuspended(String source, String reason, String at) implements OracleEvent {
    public SourceSuspended {
        requireText("source", source);
        requireText("reason", reason);
        at = Timestamps.normalize("at", at);
    }
}

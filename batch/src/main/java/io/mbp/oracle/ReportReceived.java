package io.mbp.oracle;

import static io.mbp.events.FieldException.requireText;

import io.mbp.events.EventType;
import io.mbp.events.Timestamps;

/**
 * A source's report for an oracle event. {@code value} is a decimal string (numeric events) or an
 * outcome name (categorical ones): never a float.
 */
@EventType("ReportReceived")
public record ReportReceived(String source, String event, String observedAt, String value) implements OracleEvent {
    public ReportReceived {
        requireText("source", source);
        requireText("event", event);
        observedAt = Timestamps.normalize("observed_at", observedAt);
        requireText("value", value);
    }
}

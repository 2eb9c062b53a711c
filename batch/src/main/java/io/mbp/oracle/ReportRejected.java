package io.mbp.oracle;

import static io.mbp.events.FieldException.requireText;

import io.mbp.events.EventType;
import io.mbp.events.OptionalField;

/**
 * A report that was refused at ingest, with where it came from ({@code input}: file and line),
 * whatever fields could be read (verbatim), a stable {@code reason} code and a sentence.
 * Nothing is silently dropped: every refused line is one of these and one rejects-file row.
 */
@EventType("ReportRejected")
public record ReportRejected(String input, @OptionalField String source, @OptionalField String event,
                             @OptionalField String observedAt, @OptionalField String value,
                             String reason, String detail) implements OracleEvent {
    public ReportRejected {
        requireText("input", input);
        requireText("reason", reason);
        requireText("detail", detail);
    }
}

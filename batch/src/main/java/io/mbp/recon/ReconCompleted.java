package io.mbp.recon;

import static io.mbp.events.FieldException.requireNonNegative;
import static io.mbp.events.FieldException.requireText;

import io.mbp.events.EventType;
import java.util.List;

/**
 * The result of reconciling {@code date} against statement {@code statementId}. Logged only when it
 * differs from the date's previous result, so re-running an unchanged date appends nothing.
 * {@code rate} is a decimal string with two places ("99.52"); {@code exceptions} lists "kind:open/total".
 */
@EventType("ReconCompleted")
public record ReconCompleted(String date, String statementId, long lines, long matchedLines, long matchedAmount,
                             long expected, long exceptionsOpen, long exceptionsResolved, String rate,
                             List<String> exceptions) implements ReconEvent {
    public ReconCompleted {
        requireText("date", date);
        requireText("statement_id", statementId);
        requireNonNegative("lines", lines);
        requireNonNegative("matched_lines", matchedLines);
        requireNonNegative("matched_amount", matchedAmount);
        requireText("rate", rate);
        exceptions = List.copyOf(exceptions);
    }
}

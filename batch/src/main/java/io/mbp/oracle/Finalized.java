package io.mbp.oracle;

import static io.mbp.events.FieldException.requireText;

import io.mbp.events.EventType;
import io.mbp.events.FieldException;
import io.mbp.events.OptionalField;
import io.mbp.events.Timestamps;

/**
 * The oracle's final, write-once answer for an oracle event (I3: at most one per event, ever).
 * Markets settle on this and nothing else (I5). Numeric events carry {@code value} (a decimal
 * string); categorical ones carry {@code outcome}. {@code invalid} is the 50/50 (1/N) result a
 * committee that missed its deadline, or declared the question unresolvable, produces; then
 * neither value nor outcome is set. {@code via} says how it was reached:
 * {@code undisputed}, {@code re_proposed}, {@code committee} or {@code committee_timeout}.
 */
@EventType("Finalized")
public record Finalized(String event, String kind, @OptionalField String value, @OptionalField String outcome,
                        boolean invalid, String via, String finalizedAt) implements OracleEvent {
    public Finalized {
        requireText("event", event);
        if (!"numeric".equals(kind) && !"categorical".equals(kind)) {
            throw new FieldException("kind", "must be \"numeric\" or \"categorical\", got \"" + kind + "\"");
        }
        if (invalid) {
            if (value != null || outcome != null) {
                throw new FieldException("invalid", "an invalid result carries neither value nor outcome");
            }
        } else if ("numeric".equals(kind)) {
            requireText("value", value);
            if (outcome != null) {
                throw new FieldException("outcome", "a numeric event finalizes with a value, not an outcome");
            }
        } else {
            requireText("outcome", outcome);
            if (value != null) {
                throw new FieldException("value", "a categorical event finalizes with an outcome, not a value");
            }
        }
        requireText("via", via);
        finalizedAt = Timestamps.normalize("finalized_at", finalizedAt);
    }
}

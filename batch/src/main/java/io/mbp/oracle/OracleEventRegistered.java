package io.mbp.oracle;

import static io.mbp.events.FieldException.requirePositive;
import static io.mbp.events.FieldException.requireText;

import io.mbp.events.EventType;
import io.mbp.events.FieldException;
import io.mbp.events.OptionalField;
import io.mbp.events.Timestamps;
import java.util.List;

/**
 * An oracle event (the question being resolved) entered the registry. Numeric events carry
 * {@code min}/{@code max} bounds (decimal strings); categorical ones their {@code outcomes}.
 * {@code sources} is the event's panel; absent means every active source.
 */
@EventType("OracleEventRegistered")
public record OracleEventRegistered(String event, String kind, @OptionalField String title,
                                    @OptionalField String min, @OptionalField String max,
                                    @OptionalField List<String> outcomes, String resolvesAt,
                                    long stalenessSeconds, long disputeWindowSeconds,
                                    @OptionalField List<String> sources) implements OracleEvent {
    public OracleEventRegistered {
        requireText("event", event);
        if (event.length() > 128 || !Ids.isId(event)) {
            throw new FieldException("id", "must be 1-128 characters of letters, digits, '.', '_' or '-', got \"" + event + "\"");
        }
        Kind k = Kind.parse("kind", kind);
        if (k == Kind.NUMERIC) {
            if (min == null || max == null) {
                throw new FieldException(min == null ? "min" : "max", "is required for a numeric event (a decimal string)");
            }
            if (Decimals.parse("min", min).compareTo(Decimals.parse("max", max)) > 0) {
                throw new FieldException("max", "must not be below min (" + min + "), got " + max);
            }
            if (outcomes != null) {
                throw new FieldException("outcomes", "only categorical events have outcomes");
            }
        } else {
            if (min != null || max != null) {
                throw new FieldException(min != null ? "min" : "max", "only numeric events have bounds");
            }
            if (outcomes == null || outcomes.size() < 2) {
                throw new FieldException("outcomes", "a categorical event needs at least 2 outcomes");
            }
            for (String o : outcomes) {
                if (!Ids.isId(o)) {
                    throw new FieldException("outcomes", "\"" + o + "\" is not a valid outcome name (letters, digits, '.', '_', '-')");
                }
            }
            if (outcomes.stream().distinct().count() != outcomes.size()) {
                throw new FieldException("outcomes", "must be distinct");
            }
            outcomes = List.copyOf(outcomes);
        }
        resolvesAt = Timestamps.normalize("resolves_at", resolvesAt);
        requirePositive("staleness_seconds", stalenessSeconds);
        requirePositive("dispute_window_seconds", disputeWindowSeconds);
        if (sources != null) {
            if (sources.isEmpty()) {
                throw new FieldException("sources", "must name at least one source, or be left out for all sources");
            }
            if (sources.stream().distinct().count() != sources.size()) {
                throw new FieldException("sources", "must be distinct");
            }
            sources = List.copyOf(sources);
        }
    }
}

package io.mbp.oracle;

import static io.mbp.events.FieldException.requireNonNegative;
import static io.mbp.events.FieldException.requireText;

import io.mbp.events.EventType;
import io.mbp.events.OptionalField;
import io.mbp.events.Timestamps;
import java.util.List;

/**
 * One aggregation round of one oracle event at {@code at}. {@code status} is {@code consensus},
 * {@code no_quorum} or {@code divergent}; on consensus {@code value} (numeric) or {@code outcome}
 * (categorical) holds the answer. {@code mode} is the mode after this round; in fallback mode
 * {@code fallback_value} is the TWAP monitors see (never a finalizable answer). {@code sources}
 * has one entry per panel source, {@code id|status|age_seconds|reported}, status one of
 * {@code agree}, {@code outlier}, {@code stale}, {@code silent} (age and reported empty when silent).
 */
@EventType("RoundAggregated")
public record RoundAggregated(String event, String at, String mode, String status,
                              @OptionalField String value, @OptionalField String outcome,
                              @OptionalField String fallbackValue, long freshSources,
                              long countedWeightBps, long panelWeightBps, long agreeWeightBps,
                              List<String> sources) implements OracleEvent {
    public RoundAggregated {
        requireText("event", event);
        at = Timestamps.normalize("at", at);
        requireText("mode", mode);
        requireText("status", status);
        requireNonNegative("fresh_sources", freshSources);
        requireNonNegative("counted_weight_bps", countedWeightBps);
        requireNonNegative("panel_weight_bps", panelWeightBps);
        requireNonNegative("agree_weight_bps", agreeWeightBps);
        sources = List.copyOf(sources);
    }
}

package io.mbp.canary;

import static io.mbp.events.FieldException.requireText;

import io.mbp.events.EventType;
import io.mbp.events.Timestamps;
import java.util.List;

/**
 * One phase's analysis, canary cohort against baseline over {@code [from, to)} (docs/adr/0319): each
 * watcher as {@code metric|canary|baseline|limit|verdict} (integers; {@code -} for no data; verdict
 * {@code pass}, {@code fail} or {@code no-data}) and whether every check passed. {@code canary_markets}
 * and {@code baseline_markets} count the cohorts.
 */
@EventType("CanaryPhaseAnalyzed")
public record CanaryPhaseAnalyzed(String release, long percent, String from, String to, long canaryMarkets, long baselineMarkets,
                                  List<String> checks, boolean passed) implements CanaryEvent {
    public CanaryPhaseAnalyzed {
        requireText("release", release);
        from = Timestamps.normalize("from", from);
        to = Timestamps.normalize("to", to);
        checks = List.copyOf(checks);
    }
}

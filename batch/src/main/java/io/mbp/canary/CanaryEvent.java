package io.mbp.canary;

import io.mbp.events.EventPayload;

/**
 * What a canary leaves in the log (docs/adr/0318): its start with the release's parameters, each
 * phase's analysis, each promotion and each rollback. Markets move to and from the release's
 * parameters through {@code io.mbp.market.MarketParamsApplied}, which the engine writes. Stream =
 * {@code canary-<release>}.
 */
public sealed interface CanaryEvent extends EventPayload
        permits CanaryStarted, CanaryPhaseAnalyzed, CanaryPromoted, CanaryRolledBack {
    String release();

    default String streamId() {
        return "canary-" + release();
    }
}

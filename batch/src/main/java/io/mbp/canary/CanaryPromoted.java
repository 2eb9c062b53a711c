package io.mbp.canary;

import static io.mbp.events.FieldException.requireText;

import io.mbp.events.EventType;

/**
 * A passed analysis moved the canary from {@code from} to {@code to} percent; at 100 the release
 * became the stable one. {@code analysis_seq} is the seq of the {@code CanaryPhaseAnalyzed} it rests on.
 */
@EventType("CanaryPromoted")
public record CanaryPromoted(String release, long from, long to, long analysisSeq) implements CanaryEvent {
    public CanaryPromoted {
        requireText("release", release);
    }
}

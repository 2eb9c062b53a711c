package io.mbp.canary;

import static io.mbp.events.FieldException.requirePositive;
import static io.mbp.events.FieldException.requireText;

import io.mbp.events.EventType;
import io.mbp.events.FieldException;
import java.util.List;

/**
 * A canary of {@code release} began, replacing {@code stable} for a growing cohort of markets:
 * the release's parameters ({@code params.json}, its SHA-256), the phases in percent (ascending,
 * ending at 100) and how long each soaks before its analysis.
 */
@EventType("CanaryStarted")
public record CanaryStarted(String release, String stable, long feeBps, long haltWarnBps, long haltSoftBps, long haltHardBps,
                            long oracleStalenessSeconds, long oracleDivergenceBps, String paramsSha256, List<Long> phases,
                            long soakSeconds) implements CanaryEvent {
    public CanaryStarted {
        requireText("release", release);
        requireText("stable", stable);
        if (release.equals(stable)) {
            throw new FieldException("release", "is already the stable release");
        }
        requireText("params_sha256", paramsSha256);
        requirePositive("soak_seconds", soakSeconds);
        phases = List.copyOf(phases);
        Phases.check("phases", phases);
    }

    /** The halt bands and oracle parameters each canary market runs (ADR 0322). */
    public io.mbp.market.ParamBands bands() {
        return params().bands();
    }

    public ReleaseParams params() {
        return new ReleaseParams(release, feeBps, haltWarnBps, haltSoftBps, haltHardBps, oracleStalenessSeconds, oracleDivergenceBps,
                paramsSha256);
    }
}

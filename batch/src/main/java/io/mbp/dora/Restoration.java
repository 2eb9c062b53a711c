package io.mbp.dora;

import java.time.Duration;
import java.time.Instant;

/**
 * An incident as DORA sees it: when impact started, how long restoring took (null while open), and
 * the deployment that caused it ({@code change}: a tag or a commit prefix; null when not a change failure).
 */
public record Restoration(String incident, Instant startedAt, Duration timeToRestore, String change) {
}

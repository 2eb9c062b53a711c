package io.mbp.dora;

import java.time.Instant;
import java.util.List;

/**
 * One deployment: a release tag, or a merge into the main line when the repository has no releases.
 * {@code changes} are the commit instants it shipped (lead time runs from each to {@code at}).
 */
public record Deployment(String id, Instant at, List<Instant> changes) {
    public Deployment {
        changes = List.copyOf(changes);
    }
}

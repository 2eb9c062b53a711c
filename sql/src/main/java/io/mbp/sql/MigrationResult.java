package io.mbp.sql;

import java.util.List;

/** What {@code db migrate} did: the schema version now, and the versions applied by this run. */
public record MigrationResult(int schemaVersion, List<Integer> applied) {
    public MigrationResult {
        applied = List.copyOf(applied);
    }
}

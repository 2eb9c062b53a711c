package io.mbp.sql;

import java.util.List;

/** Every schema migration, in order. Append only: an applied migration is never edited. */
public final class Migrations {
    public static final List<Migration> ALL = List.of(
            new Migration(1, "event log", "V1__event_log.sql", true),
            new Migration(2, "append-only guard on events", "V2__append_only_guard.sql", false),
            new Migration(40, "recon statements and lines", "V40__recon_statements.sql", true));

    public static int latestVersion() {
        return ALL.get(ALL.size() - 1).version();
    }

    private Migrations() {
    }
}

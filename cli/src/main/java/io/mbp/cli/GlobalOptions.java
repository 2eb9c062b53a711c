package io.mbp.cli;

import io.mbp.sql.Database;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * Options every command accepts, before or after the subcommand name
 * ({@code mbp --json events stats} or {@code mbp events stats --json}).
 */
public final class GlobalOptions {
    @Option(names = "--db", paramLabel = "URL", scope = ScopeType.INHERIT,
            description = "JDBC URL of the database (default: $MBP_DB, else ${DEFAULT-VALUE}).",
            defaultValue = Database.DEFAULT_URL)
    String db;

    @Option(names = "--json", scope = ScopeType.INHERIT, description = "Print results as JSON on stdout.") boolean json;

    @Option(names = "--verbose", scope = ScopeType.INHERIT,
            description = "Debug logs on stderr, and stack traces on errors.")
    boolean verbose;

    public String dbUrl() {
        return db;
    }

    public boolean json() {
        return json;
    }

    public boolean verbose() {
        return verbose;
    }
}

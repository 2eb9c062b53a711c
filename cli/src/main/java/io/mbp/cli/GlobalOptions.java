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

    @Option(names = "--metrics-dir", paramLabel = "DIR", scope = ScopeType.INHERIT,
            description = "Batch commands (nightly and its steps, seal, anchor publish, payouts run, recon d1, oracle aggregate) "
                    + "write textfile-collector metrics here (default: $MBP_METRICS_DIR; docs/slo.md).")
    java.nio.file.Path metricsDir;

    public String dbUrl() {
        return db;
    }

    /** --metrics-dir as given (null when not); {@code BatchMetrics.dir} adds $MBP_METRICS_DIR. */
    public java.nio.file.Path metricsDir() {
        return metricsDir;
    }

    public boolean json() {
        return json;
    }

    public boolean verbose() {
        return verbose;
    }
}

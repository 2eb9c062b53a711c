package io.mbp.cli.bench;

import io.mbp.error.BadInputException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Fresh, empty databases for one benchmark run on each engine: H2 and SQLite files under the bench
 * folder, PostgreSQL schemas in the server {@code --pg} names (dropped at the end). Never the user's --db.
 */
final class BenchDatabases implements AutoCloseable {
    private final Path dir;
    private final String pg;
    private final List<String> schemas = new ArrayList<>();
    private int next;

    BenchDatabases(Path dir, String pg) {
        this.dir = dir;
        this.pg = pg == null || pg.isBlank() ? null : pg.strip();
        if (this.pg != null && !this.pg.startsWith("jdbc:postgresql:")) {
            throw new BadInputException("--pg: a jdbc:postgresql: URL, e.g. the one scripts/postgres start prints; got " + redact(this.pg));
        }
    }

    List<String> engines() {
        return pg == null ? List.of("h2", "sqlite") : List.of("h2", "sqlite", "postgresql");
    }

    /** A new empty database of {@code engine}, named after {@code what}. */
    String fresh(String engine, String what) {
        String name = what.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "_") + "_" + (next++);
        return switch (engine) {
            case "h2" -> "jdbc:h2:file:" + dir.resolve(name).toAbsolutePath() + ";AUTO_SERVER=TRUE";
            case "sqlite" -> "jdbc:sqlite:" + dir.resolve(name + ".sqlite").toAbsolutePath();
            case "postgresql" -> {
                String schema = "bench_" + Long.toHexString(System.nanoTime()) + "_" + name;
                execute("CREATE SCHEMA " + schema);
                schemas.add(schema);
                yield pg + (pg.contains("?") ? "&" : "?") + "currentSchema=" + schema;
            }
            default -> throw new IllegalArgumentException(engine);
        };
    }

    private void execute(String sql) {
        try (Connection c = DriverManager.getConnection(pg); Statement st = c.createStatement()) {
            st.execute(sql);
        } catch (SQLException e) {
            throw new io.mbp.error.InfrastructureException("PostgreSQL at " + redact(pg) + ": " + e.getMessage(), e).about("database");
        }
    }

    /** The URL without its password, for output. */
    static String redact(String url) {
        return url.replaceAll("(?i)(password=)[^&;]*", "$1***");
    }

    @Override
    public void close() {
        for (String s : schemas) {
            try {
                execute("DROP SCHEMA IF EXISTS " + s + " CASCADE");
            } catch (RuntimeException e) {
                // a benchmark schema left behind is harmless; say so and go on
                System.err.println("bench: could not drop schema " + s + ": " + e.getMessage());
            }
        }
    }
}

package io.mbp.sql.testing;

import io.mbp.sql.Database;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;

/**
 * The PostgreSQL server the tests were given: {@code -Dmbp.test.pg=URL} (scripts/test passes
 * {@code scripts/postgres start}'s URL) or the environment variable {@code MBP_TEST_PG}. Each test
 * database is a schema of its own in that server's database, created here and dropped afterwards.
 */
public final class PostgresServer {
    public static final String PROPERTY = "mbp.test.pg";
    public static final String ENVIRONMENT = "MBP_TEST_PG";

    private PostgresServer() {
    }

    /** The server's JDBC URL, if the run was given one. */
    public static Optional<String> url() {
        String url = System.getProperty(PROPERTY);
        if (url == null || url.isBlank()) {
            url = System.getenv(ENVIRONMENT);
        }
        return url == null || url.isBlank() ? Optional.empty() : Optional.of(url.strip());
    }

    /** The server's URL, or the test is skipped (not failed) with how to give one. */
    public static String urlOrSkip() {
        Optional<String> url = url();
        Assumptions.assumeTrue(url.isPresent(), "no PostgreSQL server given: run scripts/test, or pass -D" + PROPERTY
                + "=\"$(scripts/postgres start)\"");
        return url.get();
    }

    /** {@code base} with one more query parameter. */
    static String withParameter(String base, String name, String value) {
        return base + (base.contains("?") ? "&" : "?") + name + "=" + value;
    }

    static String createSchema(String name) {
        String base = urlOrSkip();
        execute(base, "CREATE SCHEMA " + name);
        return withParameter(base, "currentSchema", name);
    }

    static void dropSchema(String name) {
        // A test that left a connection open must not hang the run: give up after a few seconds.
        execute(urlOrSkip(), "SET lock_timeout = '5s'; DROP SCHEMA IF EXISTS " + name + " CASCADE");
    }

    /** Runs administrative SQL on the server in its own short connection. */
    public static void execute(String url, String sql) {
        try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement()) {
            st.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL test server (" + Database.redact(url) + "): " + e.getMessage(), e);
        }
    }
}

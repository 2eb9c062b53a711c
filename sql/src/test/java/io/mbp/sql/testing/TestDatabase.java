package io.mbp.sql.testing;

import io.mbp.sql.Engine;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Fresh databases on one engine for one test invocation: H2 and SQLite files in a folder of their own,
 * PostgreSQL schemas in the test server. The same name gives the same database (so a test can reopen
 * it); different names give independent ones. Closing it (JUnit closes parameters) drops them all.
 */
public final class TestDatabase implements AutoCloseable {
    private final Engine engine;
    private final Map<String, String> urls = new LinkedHashMap<>();
    private final List<String> schemas = new ArrayList<>();
    private Path folder;

    public TestDatabase(Engine engine) {
        this.engine = engine;
    }

    public Engine engine() {
        return engine;
    }

    public boolean is(Engine e) {
        return engine == e;
    }

    /** The invocation's main database. */
    public String url() {
        return url("db");
    }

    /** The database called {@code name} in this invocation, created empty on first use. */
    public synchronized String url(String name) {
        return urls.computeIfAbsent(name, this::create);
    }

    private String create(String name) {
        String safe = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "_");
        return switch (engine) {
            case H2 -> "jdbc:h2:file:" + folder().resolve(safe).toAbsolutePath();
            case SQLITE -> "jdbc:sqlite:" + folder().resolve(safe + ".sqlite").toAbsolutePath();
            case POSTGRESQL -> {
                String schema = "t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12) + "_"
                        + (safe.length() > 40 ? safe.substring(0, 40) : safe);
                String url = PostgresServer.createSchema(schema);
                schemas.add(schema);
                yield url;
            }
        };
    }

    private Path folder() {
        if (folder == null) {
            try {
                folder = Files.createTempDirectory("mbp-" + engine.migrationFolder() + "-");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return folder;
    }

    @Override
    public synchronized void close() {
        for (String schema : schemas) {
            try {
                PostgresServer.dropSchema(schema);
            } catch (RuntimeException e) {
                // Left behind in the throwaway test cluster; the next tests use schemas of their own.
                System.err.println("TestDatabase: could not drop schema " + schema + ": " + e.getMessage());
            }
        }
        schemas.clear();
        if (folder != null) {
            try (Stream<Path> files = Files.walk(folder)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException ignored) {
                // a temp folder; best effort
            }
            folder = null;
        }
        urls.clear();
    }

    /**
     * The statement that drops trigger {@code trigger} of {@code table}: what someone with DDL rights does
     * before rewriting history behind mbp's back (PostgreSQL names the table; H2 and SQLite do not).
     */
    public static String dropTrigger(Engine engine, String trigger, String table) {
        return engine == Engine.POSTGRESQL ? "DROP TRIGGER " + trigger + " ON " + table : "DROP TRIGGER " + trigger;
    }

    @Override
    public String toString() {
        return engine.migrationFolder();
    }
}

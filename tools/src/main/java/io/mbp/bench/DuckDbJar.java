package io.mbp.bench;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Driver;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds DuckDB's JDBC driver for `mbp bench recon` (benchmark only, never the runtime): on the class
 * path when mbp.jar was built with {@code -Pbench}; otherwise the {@code duckdb_jdbc-*.jar} that such a
 * build copied into mbp.jar's {@code lib/} folder, or the jar {@code MBP_DUCKDB_JAR} names. A later
 * build without the profile rewrites mbp.jar's manifest without DuckDB but leaves the jar in
 * {@code lib/}: that was how `bench recon` came to say "not on the class path" after `-Pbench`.
 */
public final class DuckDbJar {
    private static final String DRIVER = "org.duckdb.DuckDBDriver";

    private DuckDbJar() {
    }

    /** The driver, or null if no DuckDB jar is found (the places tried are in {@link #searched()}). */
    public static Driver driver() {
        try {
            return (Driver) Class.forName(DRIVER).getDeclaredConstructor().newInstance();
        } catch (ClassNotFoundException e) {
            // not on the class path: look for the jar
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("DuckDB's driver did not start: " + e, e);
        }
        for (Path jar : candidates()) {
            if (Files.isRegularFile(jar)) {
                try {
                    URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, DuckDbJar.class.getClassLoader());
                    return (Driver) Class.forName(DRIVER, true, loader).getDeclaredConstructor().newInstance();
                } catch (ReflectiveOperationException | java.io.IOException e) {
                    throw new IllegalStateException("cannot load DuckDB from " + jar + ": " + e, e);
                }
            }
        }
        return null;
    }

    /** Where {@link #driver()} looks beyond the class path, in order. */
    public static List<Path> searched() {
        return candidates();
    }

    private static List<Path> candidates() {
        List<Path> out = new ArrayList<>();
        String env = System.getenv("MBP_DUCKDB_JAR");
        if (env != null && !env.isBlank()) {
            out.add(Path.of(env));
        }
        Path lib = libFolder();
        if (lib != null && Files.isDirectory(lib)) {
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(lib, "duckdb_jdbc-*.jar")) {
                ds.forEach(out::add);
            } catch (java.io.IOException e) {
                // an unreadable folder is one place less to look
            }
            if (out.isEmpty() || env != null && out.size() == 1) {
                out.add(lib.resolve("duckdb_jdbc-<version>.jar"));
            }
        }
        return out;
    }

    /** The folder holding this class's jar: mbp.jar's lib/ in a packaged build. */
    private static Path libFolder() {
        try {
            java.security.CodeSource cs = DuckDbJar.class.getProtectionDomain().getCodeSource();
            if (cs == null) {
                return null;
            }
            Path p = Path.of(cs.getLocation().toURI());
            return Files.isRegularFile(p) ? p.getParent() : null;
        } catch (java.net.URISyntaxException | IllegalArgumentException | SecurityException e) {
            return null;
        }
    }
}

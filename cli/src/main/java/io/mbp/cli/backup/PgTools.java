package io.mbp.cli.backup;

import io.mbp.error.BadInputException;
import io.mbp.error.InfrastructureException;
import io.mbp.sql.Database;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * pg_dump and pg_restore for one schema (the URL's currentSchema, else public). The connection
 * reaches them through PG* environment variables, so the password never shows in a process list.
 * pg_restore recreates the schema under its old name in a fresh database; when the target URL
 * names another schema, the restored one is renamed to it.
 */
final class PgTools {
    static final String FILE = "mbp.pgdump";

    private PgTools() {
    }

    record Target(String host, String port, String database, Map<String, String> params) {
        String schema() {
            String s = params.getOrDefault("currentSchema", "public");
            if (!s.matches("[a-z_][a-z0-9_]{0,62}")) {
                throw new BadInputException("currentSchema: " + s + " is not a plain lower-case schema name");
            }
            return s;
        }

        Map<String, String> env() {
            Map<String, String> env = new HashMap<>();
            env.put("PGHOST", host);
            env.put("PGPORT", port);
            env.put("PGDATABASE", database);
            if (params.containsKey("user")) {
                env.put("PGUSER", params.get("user"));
            }
            if (params.containsKey("password")) {
                env.put("PGPASSWORD", params.get("password"));
            }
            return env;
        }
    }

    static Target parse(String url) {
        URI u = URI.create(url.substring("jdbc:".length()));
        Map<String, String> params = new HashMap<>();
        if (u.getRawQuery() != null) {
            for (String kv : u.getRawQuery().split("&")) {
                int eq = kv.indexOf('=');
                if (eq > 0) {
                    params.put(kv.substring(0, eq), URLDecoder.decode(kv.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
        }
        String db = u.getPath() == null || u.getPath().length() <= 1 ? "postgres" : u.getPath().substring(1);
        return new Target(u.getHost() == null ? "127.0.0.1" : u.getHost(), Integer.toString(u.getPort() < 0 ? 5432 : u.getPort()),
                db, params);
    }

    static String schemaOf(String url) {
        return parse(url).schema();
    }

    static void dump(String url, Path file) {
        Target t = parse(url);
        run(t, List.of("pg_dump", "--format=custom", "--no-owner", "--no-acl", "--schema=" + t.schema(), "--file=" + file), "pg_dump");
    }

    /** The target database must not hold the backup's schema, nor tables in the schema its URL names. */
    static void requireFresh(String target, String schema) {
        Target t = parse(target);
        try (Connection c = DriverManager.getConnection(target)) {
            for (String s : List.of(schema, t.schema())) {
                if (tables(c, s) > 0) {
                    throw new BadInputException("--db: schema " + s + " of database " + t.database() + " holds tables already: a restore"
                            + " goes into a fresh database, never over one");
                }
            }
            // public is in every new database; empty (checked above), the restore replaces it
            if (!schema.equals(t.schema()) && !schema.equals("public") && schemaExists(c, schema)) {
                throw new BadInputException("--db: database " + t.database() + " has a schema " + schema + " already (the backup's"
                        + " own): restore into a fresh database");
            }
        } catch (SQLException e) {
            throw new InfrastructureException("PostgreSQL at " + Database.redact(target) + ": " + e.getMessage(), e);
        }
    }

    static void restore(Path file, String target, String schema) {
        Target t = parse(target);
        try (Connection c = DriverManager.getConnection(target); Statement st = c.createStatement()) {
            if (!schema.equals(t.schema()) && schemaExists(c, t.schema())) {
                st.execute("DROP SCHEMA " + t.schema()); // empty (requireFresh): the restored one takes its name
            }
            if (schema.equals("public") && schemaExists(c, "public")) {
                st.execute("DROP SCHEMA public");
            }
        } catch (SQLException e) {
            throw new InfrastructureException("PostgreSQL at " + Database.redact(target) + ": " + e.getMessage(), e);
        }
        run(t, List.of("pg_restore", "--no-owner", "--no-acl", "--exit-on-error", "--single-transaction",
                "--dbname=" + t.database(), file.toString()), "pg_restore");
        if (!schema.equals(t.schema())) {
            try (Connection c = DriverManager.getConnection(target); Statement st = c.createStatement()) {
                st.execute("ALTER SCHEMA " + schema + " RENAME TO " + t.schema());
            } catch (SQLException e) {
                throw new InfrastructureException("PostgreSQL at " + Database.redact(target) + ": " + e.getMessage(), e);
            }
        }
    }

    private static long tables(Connection c, String schema) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM information_schema.tables WHERE table_schema = ?")) {
            ps.setString(1, schema);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static boolean schemaExists(Connection c, String schema) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM information_schema.schemata WHERE schema_name = ?")) {
            ps.setString(1, schema);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    private static void run(Target t, List<String> command, String tool) {
        List<String> cmd = new ArrayList<>(command);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().putAll(t.env());
        try {
            Process p = pb.start();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(30, TimeUnit.MINUTES) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new InfrastructureException(tool + " failed on database " + t.database() + " at " + t.host() + ":" + t.port()
                        + ": " + output.strip().lines().limit(3).reduce((a, b) -> a + "; " + b).orElse("no output"));
            }
        } catch (IOException e) {
            throw new InfrastructureException(tool + " is not installed (Debian: apt-get install postgresql-client; "
                    + "scripts/postgres start installs it): " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InfrastructureException(tool + " was interrupted");
        }
        if (tool.equals("pg_dump") && !Files.exists(Path.of(command.get(command.size() - 1).substring("--file=".length())))) {
            throw new InfrastructureException("pg_dump wrote no file");
        }
    }
}

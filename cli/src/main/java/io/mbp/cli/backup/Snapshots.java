package io.mbp.cli.backup;

import io.mbp.error.BadInputException;
import io.mbp.error.InfrastructureException;
import io.mbp.sql.Database;
import io.mbp.sql.Engine;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Each engine's own online backup, taken while writers keep appending: H2's {@code BACKUP TO} (a
 * consistent copy of the store in a zip), SQLite's {@code VACUUM INTO} (a snapshot read in one
 * transaction) and PostgreSQL's {@code pg_dump} (one repeatable-read snapshot of the schema). A
 * restore writes only to a target that does not exist yet, so it never overwrites a live database.
 */
final class Snapshots {
    static final String H2_FILE = "mbp-h2.zip";
    static final String SQLITE_FILE = "mbp.sqlite";

    private Snapshots() {
    }

    /** Writes the snapshot of {@code db} into {@code dir}; the names of the files written. */
    static List<String> create(Database db, Path dir) {
        switch (db.engine()) {
            case H2 -> {
                execute(db, "BACKUP TO " + literal(dir.resolve(H2_FILE)));
                return List.of(H2_FILE);
            }
            case SQLITE -> {
                execute(db, "VACUUM INTO " + literal(dir.resolve(SQLITE_FILE)));
                return List.of(SQLITE_FILE);
            }
            default -> {
                PgTools.dump(db.url(), dir.resolve(PgTools.FILE));
                return List.of(PgTools.FILE);
            }
        }
    }

    /** Refuses a target that holds a database already (exit 4, nothing written). */
    static void requireFresh(String target, BackupManifest m) {
        Engine engine = Engine.of(target);
        if (!engine.name().equalsIgnoreCase(m.engine())) {
            throw new BadInputException("--db: the backup is of a " + m.engine() + " database; restore it into a "
                    + m.engine().toLowerCase() + " URL, not " + engine.name().toLowerCase());
        }
        switch (engine) {
            case H2 -> {
                Path file = Path.of(h2Path(target) + ".mv.db");
                if (Files.exists(file)) {
                    throw new BadInputException("--db: " + file + " exists: a restore goes into a fresh database, never over one");
                }
            }
            case SQLITE -> {
                Path file = sqlitePath(target);
                if (Files.exists(file) && sizeOf(file) > 0) {
                    throw new BadInputException("--db: " + file + " exists: a restore goes into a fresh database, never over one");
                }
            }
            default -> PgTools.requireFresh(target, m.schema());
        }
    }

    /** Puts the snapshot in {@code dir} where {@code target} will find it. */
    static void restore(BackupManifest m, Path dir, String target) {
        try {
            switch (Engine.of(target)) {
                case H2 -> {
                    Path file = Path.of(h2Path(target) + ".mv.db");
                    createParent(file);
                    try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(dir.resolve(H2_FILE)))) {
                        for (ZipEntry e; (e = zip.getNextEntry()) != null; ) {
                            if (e.getName().endsWith(".mv.db")) {
                                copyAtomically(zip, file);
                                return;
                            }
                        }
                    }
                    throw new BadInputException(dir.resolve(H2_FILE) + ": no .mv.db file in the zip");
                }
                case SQLITE -> {
                    Path file = sqlitePath(target);
                    createParent(file);
                    try (InputStream in = Files.newInputStream(dir.resolve(SQLITE_FILE))) {
                        copyAtomically(in, file);
                    }
                }
                default -> PgTools.restore(dir.resolve(PgTools.FILE), target, m.schema());
            }
        } catch (IOException e) {
            throw new InfrastructureException("restoring into " + Database.redact(target) + " failed: " + e.getMessage(), e);
        }
    }

    /** Written beside the target and renamed: a restore cut short leaves no half a database under its name. */
    private static void copyAtomically(InputStream in, Path file) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".restoring");
        Files.copy(in, tmp, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    private static void createParent(Path file) throws IOException {
        if (file.toAbsolutePath().getParent() != null) {
            Files.createDirectories(file.toAbsolutePath().getParent());
        }
    }

    static String h2Path(String url) {
        if (!url.startsWith("jdbc:h2:file:")) {
            throw new BadInputException("--db: an H2 backup restores into a file database (jdbc:h2:file:PATH)");
        }
        String rest = url.substring("jdbc:h2:file:".length());
        int semi = rest.indexOf(';');
        return semi >= 0 ? rest.substring(0, semi) : rest;
    }

    static Path sqlitePath(String url) {
        String rest = url.substring("jdbc:sqlite:".length());
        int q = rest.indexOf('?');
        rest = q >= 0 ? rest.substring(0, q) : rest;
        if (rest.isEmpty() || rest.startsWith(":memory:") || rest.startsWith("file:")) {
            throw new BadInputException("--db: a SQLite backup restores into a file (jdbc:sqlite:PATH)");
        }
        return Path.of(rest);
    }

    private static long sizeOf(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return 0;
        }
    }

    private static String literal(Path file) {
        return "'" + file.toAbsolutePath().toString().replace("'", "''") + "'";
    }

    private static void execute(Database db, String sql) {
        try (Statement st = db.connection().createStatement()) {
            db.connection().setAutoCommit(true);
            st.execute(sql);
        } catch (SQLException e) {
            throw new InfrastructureException("backup of " + Database.redact(db.url()) + " failed: " + e.getMessage(), e);
        } finally {
            try {
                db.connection().setAutoCommit(false);
            } catch (SQLException ignored) {
                // the connection is closed with the database right after
            }
        }
    }
}

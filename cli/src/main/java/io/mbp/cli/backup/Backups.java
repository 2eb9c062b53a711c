package io.mbp.cli.backup;

import io.mbp.custody.CheckpointStore;
import io.mbp.custody.NoteVerifierKey;
import io.mbp.custody.StoredCheckpoint;
import io.mbp.error.BadInputException;
import io.mbp.error.MbpException;
import io.mbp.error.ExitCodes;
import io.mbp.error.VerificationFailedException;
import io.mbp.events.EventLog;
import io.mbp.sql.Database;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** Backup and restore as the CLI and the DR drill use them. */
public final class Backups {
    private static final HexFormat HEX = HexFormat.of();

    private Backups() {
    }

    /** A backup written: its folder and manifest, and how long it took. */
    public record Created(Path dir, BackupManifest manifest, double seconds) {
    }

    /** A restore: the target, its checks, and whether all passed. */
    public record Restored(String target, List<RestoreCheck.Check> checks, boolean verified, double seconds) {
    }

    /**
     * Takes an online backup of {@code url} into {@code out}, which must not exist or be empty. The
     * files go to a sibling folder first and the folder is renamed at the end: a backup cut short
     * never looks complete.
     */
    public static Created create(String url, Path out, Clock clock) {
        long t0 = System.nanoTime();
        requireEmpty(out);
        Path tmp = out.toAbsolutePath().resolveSibling("." + out.getFileName() + ".partial");
        deleteTree(tmp);
        try (Database db = Database.open(url)) {
            Files.createDirectories(tmp);
            int version = db.schemaVersion();
            long[] size = new long[1];
            String[] last = new String[1];
            Optional<StoredCheckpoint> cp = db.read(dsl -> {
                size[0] = EventLog.size(dsl);
                last[0] = size[0] == 0 ? null : HEX.formatHex(EventLog.leafHash(dsl, size[0] - 1));
                return CheckpointStore.latest(dsl);
            });
            List<String> names = Snapshots.create(db, tmp);
            List<BackupManifest.FileEntry> files = new ArrayList<>();
            for (String n : names) {
                files.add(new BackupManifest.FileEntry(n, Files.size(tmp.resolve(n)), sha256(tmp.resolve(n))));
            }
            BackupManifest m = new BackupManifest(BackupManifest.FORMAT, db.engine().name(), clock.instant().toString(),
                    Database.redact(url), version, size[0], last[0], cp.map(StoredCheckpoint::id).orElse(null),
                    cp.map(StoredCheckpoint::treeSize).orElse(null), cp.map(StoredCheckpoint::rootHex).orElse(null),
                    db.engine() == io.mbp.sql.Engine.POSTGRESQL ? PgTools.schemaOf(url) : null, files);
            BackupManifest.JSON.writerWithDefaultPrettyPrinter().writeValue(tmp.resolve(BackupManifest.NAME).toFile(), m);
            if (Files.isDirectory(out)) {
                Files.delete(out);
            }
            Files.move(tmp, out.toAbsolutePath(), StandardCopyOption.ATOMIC_MOVE);
            return new Created(out, m, (System.nanoTime() - t0) / 1e9);
        } catch (IOException e) {
            deleteTree(tmp);
            throw new MbpException(ExitCodes.UNEXPECTED, "cannot write the backup to " + out + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            deleteTree(tmp);
            throw e;
        }
    }

    /**
     * Checks the files against the manifest (exit 3 on a mismatch, nothing restored), restores into
     * {@code target} (which must be fresh, exit 4 otherwise), verifies the restored log, and brings
     * its schema up to this version when it verified.
     */
    public static Restored restore(Path dir, String target, List<NoteVerifierKey> keys) {
        long t0 = System.nanoTime();
        if (!Files.isRegularFile(dir.resolve(BackupManifest.NAME))) {
            throw new BadInputException(dir + ": not a backup (no " + BackupManifest.NAME + " there)");
        }
        BackupManifest m = BackupManifest.read(dir);
        for (BackupManifest.FileEntry f : m.files()) {
            Path file = dir.resolve(f.name());
            if (!Files.isRegularFile(file)) {
                throw new VerificationFailedException(file + ": missing; the backup is incomplete, nothing was restored");
            }
            String h = sha256(file);
            if (!h.equalsIgnoreCase(f.sha256())) {
                throw new VerificationFailedException(file + ": sha256 " + h + " but the manifest says " + f.sha256()
                        + "; the backup was altered or damaged, nothing was restored");
            }
        }
        Snapshots.requireFresh(target, m);
        Snapshots.restore(m, dir, target);
        try (Database db = Database.open(target)) {
            List<RestoreCheck.Check> checks = RestoreCheck.verify(db, m, keys);
            boolean ok = checks.stream().allMatch(RestoreCheck.Check::ok);
            if (ok) {
                db.migrate();
            }
            return new Restored(Database.redact(target), checks, ok, (System.nanoTime() - t0) / 1e9);
        }
    }

    private static void requireEmpty(Path out) {
        if (Files.isRegularFile(out)) {
            throw new BadInputException("--out " + out + " is a file; give a new or empty folder");
        }
        if (Files.isDirectory(out)) {
            try (Stream<Path> s = Files.list(out)) {
                if (s.findAny().isPresent()) {
                    throw new BadInputException("--out " + out + " is not empty; a backup goes into a new or empty folder");
                }
            } catch (IOException e) {
                throw new BadInputException("--out " + out + ": " + e.getMessage());
            }
        }
    }

    static String sha256(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) > 0; ) {
                md.update(buf, 0, n);
            }
            return HEX.formatHex(md.digest());
        } catch (IOException e) {
            throw new MbpException(ExitCodes.UNEXPECTED, "cannot read " + file + ": " + e.getMessage(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // best effort: a leftover .partial folder is replaced by the next backup
        }
    }
}

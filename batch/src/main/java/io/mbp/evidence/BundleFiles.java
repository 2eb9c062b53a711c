package io.mbp.evidence;


import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.mbp.events.Event;
import io.mbp.events.EventLog;
import io.mbp.events.JsonLimits;
import io.mbp.sql.Database;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

/** File plumbing shared by build, verify and replay: names, hashing, listing, a private SQLite copy. */
public final class BundleFiles {
    public static final String FORMAT = "mbp-evidence/1";
    public static final String MANIFEST = "manifest.json";
    public static final String ENVELOPE = "manifest.dsse.json";
    public static final String DATABASE = "evidence.sqlite";
    public static final String CHECKPOINT_NOTE = "checkpoint.note";
    public static final String CONSISTENCY = "consistency.json";
    public static final String ANCHORS = "anchors.json";
    public static final String OPERATOR_KEY = "operator.pub";
    static final ObjectMapper JSON = JsonLimits.mapper().enable(SerializationFeature.INDENT_OUTPUT).build();

    private BundleFiles() {
    }

    public static String sha256(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) > 0; ) {
                md.update(buf, 0, n);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + file + " failed", e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every regular file under {@code dir} but the manifest and its envelope, as sorted '/'-paths. */
    public static List<String> list(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).map(p -> dir.relativize(p).toString().replace('\\', '/'))
                    .filter(p -> !p.equals(MANIFEST) && !p.equals(ENVELOPE)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("listing " + dir + " failed", e);
        }
    }

    /**
     * Opens a private copy of the bundle's SQLite file, so verify and replay never touch the
     * bundle (SQLite may write a journal or checkpoint beside a file it opens).
     */
    public static Database openCopy(Path bundleDb, Path workDir) {
        try {
            Path copy = workDir.resolve("bundle-copy.sqlite");
            Files.copy(bundleDb, copy);
            return Database.open("jdbc:sqlite:" + copy);
        } catch (IOException e) {
            throw new UncheckedIOException("copying " + bundleDb + " failed", e);
        }
    }

    /** Rows per read when streaming a bundle's events. */
    static final int PAGE = 2000;

    /**
     * Streams every row of a bundle database's events table, in seq order, read directly (not through
     * the log head), so a removed or added row shows up as a gap or an extra event; a keyset page at a
     * time, so a bundle of any length is checked in flat memory (ADR 0604). Returns the rows seen.
     */
    public static long forEachEvent(Database db, Consumer<Event> sink) {
        long count = 0;
        long cursor = Long.MIN_VALUE;
        while (true) {
            long from = cursor;
            List<Event> page = db.read(dsl -> EventLog.rowsFrom(dsl, from, PAGE));
            for (Event e : page) {
                sink.accept(e);
                count++;
            }
            if (page.size() < PAGE) {
                return count;
            }
            cursor = page.get(page.size() - 1).seq() + 1;
        }
    }

    public static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("deleting " + dir + " failed", e);
        }
    }
}

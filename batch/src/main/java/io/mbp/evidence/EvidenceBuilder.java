package io.mbp.evidence;


import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mbp.anchor.AnchorStore;
import io.mbp.anchor.StoredAnchor;
import io.mbp.custody.CheckpointStore;
import io.mbp.custody.NoteSigner;
import io.mbp.custody.StoredCheckpoint;
import io.mbp.error.BadInputException;
import io.mbp.error.VerificationFailedException;
import io.mbp.events.EventLog;
import io.mbp.events.JsonLimits;
import io.mbp.events.LogCopy;
import io.mbp.merkle.DbNodeSource;
import io.mbp.merkle.LeafPages;
import io.mbp.merkle.ProofVerifier;
import io.mbp.merkle.MerkleTree;
import io.mbp.merkle.TreeHash;
import io.mbp.sql.Database;
import io.mbp.sql.Migrations;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Builds an evidence bundle from the operator database: the log from seq 0 up to the latest
 * checkpoint copied into a SQLite file through the same event-log code (so leaf hashes are
 * recomputed and compared on the way), the checkpoint notes, a consistency proof back to the
 * previous bundle, anchor records, the reports of every {@link EvidenceReport}, sprint sections,
 * then {@code manifest.json} over every file and a DSSE envelope signing it. Written to a staging
 * folder and moved into place, so a crash never leaves half a bundle under the bundle's name.
 */
public final class EvidenceBuilder {
    /** Events per bundle-database transaction (one fsync each); rows stream through, none are held. */
    private static final int COPY_CHUNK = 200_000;

    /** What to bundle: a business date or a sprint (exactly one). */
    public record Scope(LocalDate date, Sprint sprint) {
        public Scope {
            if ((date == null) == (sprint == null)) {
                throw new BadInputException("a bundle covers exactly one date or one sprint").about("bundle-scope");
            }
        }

        public String name() {
            return date != null ? date.toString() : sprint.dirName();
        }
    }

    /**
     * {@code inputs}: folders a sprint section copies in, by name: {@code formal} (S19, also {@code formalDir}),
     * {@code canary} (S23: the canary drill's output), {@code audit} (S24: custody audit workpapers).
     */
    public record Request(Scope scope, Path out, Path previous, Path formalDir, String toolVersion, Map<String, Path> inputs) {
        public Request {
            inputs = inputs == null ? Map.of() : Map.copyOf(inputs);
        }

        public Request(Scope scope, Path out, Path previous, Path formalDir, String toolVersion) {
            this(scope, out, previous, formalDir, toolVersion, Map.of());
        }
    }

    public record Built(Path dir, String name, long checkpointId, long treeSize, String rootHex, Long dayFirstSeq,
                        Long dayLastSeq, int files, List<String> anchorTxs, List<String> missingSections) {
    }

    /**
     * How the reports read the log: all of them in one shared pass (ADR 0129), or each alone over the
     * log's jOOQ pages as before it, kept as the reference a test builds the same bundle with.
     */
    enum Reading { ONE_PASS, EACH_ALONE }

    private final Database db;
    private final List<EvidenceReport> reports;
    private final Reading reading;

    public EvidenceBuilder(Database db, List<EvidenceReport> reports) {
        this(db, reports, Reading.ONE_PASS);
    }

    EvidenceBuilder(Database db, List<EvidenceReport> reports, Reading reading) {
        this.db = db;
        this.reports = List.copyOf(reports);
        this.reading = reading;
    }

    public Built build(Request req, NoteSigner signer) {
        StoredCheckpoint cp = db.read(CheckpointStore::latest).orElseThrow(() ->
                new BadInputException("no checkpoint yet: run `mbp seal` (or the nightly seal step) before building evidence"));
        long n = cp.treeSize();
        DaySpan days = null;
        if (req.scope().date() != null) {
            String day = req.scope().date().toString();
            String next = req.scope().date().plusDays(1).toString();
            days = reading == Reading.ONE_PASS ? DaySpan.passing(db, n, day, next) : DaySpan.queried(db, day, next);
            if (reading != Reading.ONE_PASS) {
                days.within(cp); // refuses a day past the checkpoint before anything is staged
            }
        }
        Path out = req.out().toAbsolutePath().normalize();
        Path parent = out.getParent();
        Path stage;
        try {
            Files.createDirectories(parent);
            stage = Files.createTempDirectory(parent, "." + out.getFileName() + ".tmp-");
            try {
                // A temp folder is owner-only; the bundle is meant to be handed over and read.
                Files.setPosixFilePermissions(stage, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system: keep its defaults
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a staging folder beside " + out, e);
        }
        try {
            Built b = write(req, signer, cp, stage, out, days);
            BundleFiles.deleteTree(out);
            Files.move(stage, out, StandardCopyOption.ATOMIC_MOVE);
            return b;
        } catch (IOException e) {
            throw new UncheckedIOException("writing the bundle " + out + " failed", e);
        } finally {
            BundleFiles.deleteTree(stage);
        }
    }

    private Built write(Request req, NoteSigner signer, StoredCheckpoint cp, Path stage, Path out, DaySpan days) throws IOException {
        long n = cp.treeSize();
        List<EvidenceReport> chosen = reports.stream().filter(r -> r.section() == null || r.section() == req.scope().sprint()
                || req.scope().sprint() == null).toList();
        // ONE_PASS: the reports see each event as the copy reads it (ADR 0138): one read of the log per build.
        // The day's span is the feed's last pass, its (empty) lines not a report.
        List<EvidenceReport.Pass> passes = new ArrayList<>();
        if (reading == Reading.ONE_PASS) {
            chosen.forEach(r -> passes.add(r.open(db, n)));
            if (days != null) {
                passes.add(days.pass());
            }
        }
        LogPass.Feed feed = reading == Reading.ONE_PASS ? new LogPass.Feed(n, passes) : null;
        byte[] root = copyLog(n, cp, stage.resolve(BundleFiles.DATABASE), feed);
        if (!MessageDigest.isEqual(root, TreeHash.parseHex(cp.rootHex()))) {
            throw new VerificationFailedException("the " + n + " events do not hash to checkpoint #" + cp.id()
                    + "'s root: the log was altered; run `mbp seal` to find where, nothing was written");
        }
        List<List<String>> lines = feed != null ? feed.finish()
                : chosen.stream().map(r -> LogPass.alone(db, n, r.open(db, n))).toList();
        long[] span = days == null ? null : days.within(cp);
        Long dayFirst = span == null ? null : span[0];
        Long dayLast = span == null ? null : span[1];
        Files.writeString(stage.resolve(BundleFiles.CHECKPOINT_NOTE), cp.note());
        Files.writeString(stage.resolve(BundleFiles.OPERATOR_KEY), signer.verifier().text() + "\n");
        List<StoredCheckpoint> cps = db.read(CheckpointStore::all).stream().filter(c -> c.id() <= cp.id()).toList();
        Files.createDirectories(stage.resolve("checkpoints"));
        for (StoredCheckpoint c : cps) {
            Files.writeString(stage.resolve("checkpoints").resolve(c.id() + ".note"), c.note());
        }

        ObjectNode manifest = BundleFiles.JSON.createObjectNode();
        ObjectNode previous = null;
        if (req.previous() != null) {
            JsonNode pm = readManifest(req.previous());
            long ps = pm.path("checkpoint").path("tree_size").asLong();
            String proot = pm.path("checkpoint").path("root_hash").asText();
            if (ps > n) {
                throw new BadInputException("previous bundle " + req.previous() + ": its checkpoint covers " + ps
                        + " events, more than this bundle's " + n);
            }
            ObjectNode c = BundleFiles.JSON.createObjectNode();
            c.put("from_size", ps);
            c.put("from_root", proot);
            c.put("to_size", n);
            c.put("to_root", cp.rootHex());
            ArrayNode proof = c.putArray("proof");
            // From the stored subtrees (ADR 0604): the proof is checked against the root just
            // re-derived from every event's content and the previous bundle's root before it is written.
            List<byte[]> hashes = db.read(dsl -> new MerkleTree(new DbNodeSource(dsl)).consistencyProof(ps, n));
            if (!ProofVerifier.verifyConsistency(ps, n, TreeHash.parseHex(proot), root, hashes)) {
                throw new VerificationFailedException("the log's first " + ps + " events no longer hash to the previous bundle "
                        + req.previous() + "'s root " + proot + ": nothing was written");
            }
            hashes.forEach(h -> proof.add(TreeHash.hex(h)));
            Files.writeString(stage.resolve(BundleFiles.CONSISTENCY), c.toPrettyString() + "\n");
            previous = BundleFiles.JSON.createObjectNode();
            previous.put("name", pm.path("name").asText());
            previous.put("checkpoint_id", pm.path("checkpoint").path("id").asLong());
            previous.put("tree_size", ps);
            previous.put("root_hash", proot);
        }

        List<StoredAnchor> anchors = db.read(dsl -> {
            List<StoredAnchor> all = new ArrayList<>();
            for (StoredCheckpoint c : cps) {
                all.addAll(AnchorStore.forCheckpoint(dsl, c.id()));
            }
            return all;
        });
        ArrayNode anchorJson = BundleFiles.JSON.createArrayNode();
        for (StoredAnchor a : anchors) {
            StoredCheckpoint c = cps.stream().filter(x -> x.id() == a.checkpointId()).findFirst().orElseThrow();
            ObjectNode o = anchorJson.addObject();
            o.put("checkpoint_id", a.checkpointId());
            o.put("tree_size", c.treeSize());
            o.put("root_hash", c.rootHex());
            o.put("chain_id", a.chainId());
            o.put("tx_hash", a.txHash());
            o.put("block_number", a.blockNumber());
            o.put("block_hash", a.blockHash());
            o.put("confirmations", a.confirmations());
        }
        Files.writeString(stage.resolve(BundleFiles.ANCHORS), anchorJson.toPrettyString() + "\n");

        Files.createDirectories(stage.resolve("reports"));
        ArrayNode reportNames = BundleFiles.JSON.createArrayNode();
        for (int i = 0; i < chosen.size(); i++) {
            String name = chosen.get(i).name();
            Files.writeString(stage.resolve("reports").resolve(name + ".txt"), String.join("\n", lines.get(i)) + "\n");
            reportNames.add(name);
        }

        List<String> missing = new ArrayList<>();
        ArrayNode sections = SprintSections.write(req, out, stage, missing);

        manifest.put("format", BundleFiles.FORMAT);
        manifest.put("name", req.scope().name());
        ObjectNode scope = manifest.putObject("scope");
        scope.put("kind", req.scope().date() != null ? "date" : "sprint");
        scope.put("value", req.scope().date() != null ? req.scope().date().toString() : req.scope().sprint().dirName());
        manifest.put("tool_version", req.toolVersion());
        manifest.put("schema_version", Migrations.latestVersion());
        ObjectNode range = manifest.putObject("log_range");
        range.put("first_seq", 0);
        range.put("last_seq", n - 1);
        if (req.scope().date() != null) {
            if (dayFirst == null) {
                range.putNull("day_first_seq");
                range.putNull("day_last_seq");
            } else {
                range.put("day_first_seq", dayFirst);
                range.put("day_last_seq", dayLast);
            }
        }
        ObjectNode checkpoint = manifest.putObject("checkpoint");
        checkpoint.put("id", cp.id());
        checkpoint.put("tree_size", n);
        checkpoint.put("root_hash", cp.rootHex());
        checkpoint.put("origin", cp.origin());
        checkpoint.put("key_id", cp.keyId());
        ArrayNode ids = manifest.putArray("checkpoint_ids");
        cps.forEach(c -> ids.add(c.id()));
        manifest.set("anchors", anchorJson);
        manifest.set("previous", previous);
        manifest.set("reports", reportNames);
        ArrayNode pending = manifest.putArray("reports_without_source");
        EvidenceReports.PENDING.forEach(pending::add);
        manifest.set("sections", sections);
        ArrayNode files = manifest.putArray("files");
        for (String f : BundleFiles.list(stage)) {
            Path p = stage.resolve(f);
            ObjectNode o = files.addObject();
            o.put("path", f);
            o.put("sha256", BundleFiles.sha256(p));
            o.put("size", Files.size(p));
        }
        byte[] body = (manifest.toPrettyString() + "\n").getBytes(StandardCharsets.UTF_8);
        Files.write(stage.resolve(BundleFiles.MANIFEST), body);
        Files.writeString(stage.resolve(BundleFiles.ENVELOPE), Dsse.sign(Dsse.MANIFEST_TYPE, body, signer));
        return new Built(out, req.scope().name(), cp.id(), n, cp.rootHex(), dayFirst, dayLast, files.size(),
                anchors.stream().map(StoredAnchor::txHash).toList(), missing);
    }

    /**
     * Copies events 0..n-1 into a fresh SQLite log as one streamed bulk load ({@link LogCopy}, ADR 0120):
     * every leaf hash is recomputed from the row's content and must equal the source's, and the
     * leaves are folded a page at a time ({@link LeafPages}) into a compact range whose root the
     * caller checks against the checkpoint, so memory stays flat however long the log (ADR 0604); {@code rows} (the reports' feed, or null)
     * sees each row the copy read. Returns the root of the n leaves.
     */
    private byte[] copyLog(long n, StoredCheckpoint cp, Path file, EventLog.RowSink rows) {
        LeafPages tree = new LeafPages();
        try (Database dst = Database.openMigrated("jdbc:sqlite:" + file)) {
            // The bundle's own fresh file, in a staging folder (ADR 0142): a crash leaves an incomplete
            // file there that is never published, so no rollback journal and no fsync per commit.
            pragmas(dst, "PRAGMA journal_mode=OFF", "PRAGMA synchronous=OFF");
            // The reports read the copied rows on a second thread (ADR 0142); closing waits for them.
            try (Handoff toReports = rows == null ? null : new Handoff(rows)) {
                LogCopy.copy(db, n, dst, COPY_CHUNK, (seq, leaf) -> tree.add(leaf), toReports);
            }
            List<StoredCheckpoint> cps = db.read(CheckpointStore::all);
            List<StoredAnchor> anchors = db.read(AnchorStore::all);
            dst.inTransaction(dsl -> {
                for (StoredCheckpoint c : cps) {
                    if (c.id() <= cp.id()) {
                        CheckpointStore.insert(dsl, c);
                    }
                }
                for (StoredAnchor a : anchors) {
                    if (a.checkpointId() <= cp.id()) {
                        AnchorStore.insert(dsl, a);
                    }
                }
                return null;
            });
            // Back to the mode every mbp SQLite file has (the bundle's header as before), synced.
            pragmas(dst, "PRAGMA synchronous=FULL", "PRAGMA journal_mode=WAL");
        }
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.force(true); // what synchronous=OFF did not sync reaches the disk before the bundle is published
        } catch (IOException e) {
            throw new UncheckedIOException("syncing " + file + " failed", e);
        }
        return tree.root();
    }

    /** Runs SQLite pragmas outside any transaction (journal_mode cannot change within one). */
    private static void pragmas(Database dst, String... pragmas) {
        dst.dsl().connection(c -> {
            c.commit();
            c.setAutoCommit(true);
            try (java.sql.Statement st = c.createStatement()) {
                for (String p : pragmas) {
                    st.execute(p);
                }
            } finally {
                c.setAutoCommit(false);
            }
        });
    }

    /** The formal pack's folder: {@code dir} itself, or its {@code formal/} when {@code dir} is already a bundle. */
    static Path formalSource(Path dir) {
        if (Files.isRegularFile(dir.resolve(BundleFiles.ENVELOPE))) {
            dir = dir.resolve("formal");
        }
        return Files.isRegularFile(dir.resolve("summary.json")) ? dir : null;
    }

    static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Path t = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(t);
                } else {
                    Files.copy(p, t);
                }
            }
        }
    }

    static JsonNode readManifest(Path dir) {
        Path m = dir.resolve(BundleFiles.MANIFEST);
        JsonLimits.requireSize(m, JsonLimits.MAX_DOCUMENT_BYTES, m.toString());
        try {
            JsonNode n = BundleFiles.JSON.readTree(m.toFile());
            if (!BundleFiles.FORMAT.equals(n.path("format").asText())) {
                throw new BadInputException(m + ": not an evidence manifest (format is not " + BundleFiles.FORMAT + ")");
            }
            return n;
        } catch (StreamConstraintsException e) {
            throw JsonLimits.refused(m.toString(), e);
        } catch (IOException e) {
            throw new BadInputException(m + ": cannot read it as JSON (" + e.getMessage().lines().findFirst().orElse("") + ")");
        }
    }
}

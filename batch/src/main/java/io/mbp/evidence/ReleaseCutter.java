package io.mbp.evidence;

import io.mbp.release.ReleaseFiles;
import io.mbp.release.EngineParams;
import io.mbp.release.ReleaseCut;
import io.mbp.release.ReleaseEvents;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mbp.anchor.Chain;
import io.mbp.anchor.ChainAccount;
import io.mbp.custody.NoteSigner;
import io.mbp.error.BadInputException;
import io.mbp.error.InfrastructureException;
import io.mbp.events.Event;
import io.mbp.events.EventLog;
import io.mbp.events.JsonLimits;
import io.mbp.events.NewEvent;
import io.mbp.sql.Database;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * {@code mbp release cut} (ADR 0022): copies the shipped artifacts (the jar and its lib/) into a
 * release folder with the build's CycloneDX SBOM and the engine parameter set, writes an in-toto
 * Statement with a SLSA provenance predicate and the manifest, signs both in DSSE envelopes with the
 * operator key, anchors the Merkle root of every file's hash on chain, and logs {@link ReleaseCut}.
 * Everything is staged next to the folder and moved in only once the anchor is confirmed, so a
 * failure leaves nothing half-written.
 */
public final class ReleaseCutter {
    static final ObjectMapper JSON = JsonLimits.mapper().build();
    private static final Pattern VERSION = Pattern.compile("[0-9A-Za-z][0-9A-Za-z._+-]{0,63}");
    public static final String BUILD_TYPE = "https://mbp.io/buildtypes/maven-release/v1";
    public static final String BUILDER_ID = "https://mbp.io/builders/mbp-release-cut/v1";

    /** What to cut: the jar (its lib/ beside it), the SBOM the build wrote, where, and from which commit. */
    public record Request(String version, String commit, Path jar, Path sbom, Path out, String toolVersion) {
    }

    /** Where and how the root is anchored. */
    public record Anchoring(Chain chain, ChainAccount account, int confirmations, Duration timeout, Duration poll) {
    }

    public record Cut(Path dir, String version, String commit, String manifestSha256, String merkleRoot, long leaves,
                      long chainId, String anchorTx, long blockNumber, long seq) {
    }

    private final Database db;

    public ReleaseCutter(Database db) {
        this.db = db;
    }

    /** The seq of the ReleaseCut event for {@code version}, if it was cut. */
    public Optional<Long> alreadyCut(String version) {
        Long[] seq = {null};
        new EventLog(db).forEachOfTypes(ReleaseEvents.NAMES, (Event e) -> {
            if (seq[0] == null && ReleaseEvents.TYPES.decode(e.type(), e.payload()) instanceof ReleaseCut c && c.version().equals(version)) {
                seq[0] = e.seq();
            }
        });
        return Optional.ofNullable(seq[0]);
    }

    /** Checks the request before any key is unlocked or chain asked: bad input is exit 4 with nothing written. */
    public void check(Request r) {
        if (r.version() == null || !VERSION.matcher(r.version()).matches()) {
            throw new BadInputException("--version: '" + r.version() + "' is not a release version (letters, digits, . _ + -, up to 64)");
        }
        alreadyCut(r.version()).ifPresent(seq -> {
            throw new BadInputException("--version " + r.version() + ": already cut (ReleaseCut at seq " + seq + "); versions are never reused");
        });
        if (!Files.isRegularFile(r.jar())) {
            throw new BadInputException("--jar " + r.jar() + ": no such file (build it: mvn -pl cli -am package -Prelease)");
        }
        if (!Files.isRegularFile(r.sbom())) {
            throw new BadInputException("--sbom " + r.sbom() + ": no such file (the release profile writes cli/target/bom.json)");
        }
        try {
            JsonNode bom = JSON.readTree(r.sbom().toFile());
            if (!"CycloneDX".equals(bom.path("bomFormat").asText())) {
                throw new BadInputException("--sbom " + r.sbom() + ": not a CycloneDX JSON SBOM (bomFormat is not CycloneDX)");
            }
        } catch (IOException e) {
            throw new BadInputException("--sbom " + r.sbom() + ": not JSON: " + e.getMessage().lines().findFirst().orElse(""));
        }
        if (Files.exists(r.out())) {
            try (var s = Files.list(r.out())) {
                if (s.findAny().isPresent()) {
                    throw new BadInputException("--out " + r.out() + ": not empty; a release folder is written once");
                }
            } catch (IOException e) {
                throw new BadInputException("--out " + r.out() + ": " + e.getMessage());
            }
        }
    }

    public Cut cut(Request r, Instant now, NoteSigner signer, Anchoring a) {
        check(r);
        Path out = r.out().toAbsolutePath();
        Path stage = out.resolveSibling("." + out.getFileName() + ".staging");
        try {
            deleteTree(stage);
            Files.createDirectories(stage.resolve(ReleaseFiles.ARTIFACTS).resolve("lib"));
            Files.copy(r.jar(), stage.resolve(ReleaseFiles.ARTIFACTS).resolve(r.jar().getFileName().toString()));
            Path lib = r.jar().toAbsolutePath().getParent().resolve("lib");
            if (Files.isDirectory(lib)) {
                for (String f : ReleaseFiles.list(lib)) {
                    Path to = stage.resolve(ReleaseFiles.ARTIFACTS).resolve("lib").resolve(f);
                    Files.createDirectories(to.getParent());
                    Files.copy(lib.resolve(f), to);
                }
            }
            Files.copy(r.sbom(), stage.resolve(ReleaseFiles.SBOM));
            Files.write(stage.resolve(ReleaseFiles.PARAMS), EngineParams.current());

            List<ReleaseFiles.Entry> subjects = entries(stage, ReleaseFiles.list(stage));
            byte[] provenance = Provenance.statement(r, subjects, now);
            Files.write(stage.resolve(ReleaseFiles.PROVENANCE), provenance);
            Files.writeString(stage.resolve(ReleaseFiles.PROVENANCE_ENVELOPE), Dsse.sign(ReleaseFiles.IN_TOTO_TYPE, provenance, signer));

            List<ReleaseFiles.Entry> files = entries(stage, ReleaseFiles.list(stage));
            String root = ReleaseFiles.merkleRoot(files);
            byte[] manifest = manifest(r, now, files, root);
            Files.write(stage.resolve(ReleaseFiles.MANIFEST), manifest);
            Files.writeString(stage.resolve(ReleaseFiles.MANIFEST_ENVELOPE), Dsse.sign(ReleaseFiles.MANIFEST_TYPE, manifest, signer));

            Chain.Receipt receipt = anchor(a, files.size(), root);
            long chainId = a.chain().chainId();
            ObjectNode anchor = JSON.createObjectNode();
            anchor.put("chain_id", chainId);
            anchor.put("tx_hash", receipt.txHash());
            anchor.put("block_number", receipt.blockNumber());
            anchor.put("block_hash", receipt.blockHash());
            anchor.put("data", ReleaseFiles.anchorDataHex(files.size(), root));
            anchor.put("confirmations", a.confirmations());
            Files.writeString(stage.resolve(ReleaseFiles.ANCHOR), anchor.toPrettyString() + "\n");

            if (Files.exists(out)) {
                Files.delete(out); // checked empty above
            }
            Files.createDirectories(out.getParent());
            Files.move(stage, out, StandardCopyOption.ATOMIC_MOVE);
            String manifestSha = ReleaseFiles.sha256(manifest);
            String paramsSha = files.stream().filter(e -> e.path().equals(ReleaseFiles.PARAMS)).findFirst().orElseThrow().sha256();
            String jar = ReleaseFiles.ARTIFACTS + "/" + r.jar().getFileName();
            String jarSha = files.stream().filter(e -> e.path().equals(jar)).findFirst().orElseThrow().sha256();
            ReleaseCut event = new ReleaseCut(r.version(), r.commit(), manifestSha, root, files.size(), paramsSha, chainId,
                    receipt.txHash(), jarSha);
            long seq = new EventLog(db).append(List.of(NewEvent.of(ReleaseEvents.TYPES, "release-" + r.version(), now, event)))
                    .firstSeq();
            return new Cut(out, r.version(), r.commit(), manifestSha, root, files.size(), chainId, receipt.txHash(),
                    receipt.blockNumber(), seq);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            deleteTree(stage);
        }
    }

    private static List<ReleaseFiles.Entry> entries(Path dir, List<String> paths) throws IOException {
        List<ReleaseFiles.Entry> out = new ArrayList<>();
        for (String p : paths) {
            out.add(new ReleaseFiles.Entry(p, ReleaseFiles.sha256(dir.resolve(p)), Files.size(dir.resolve(p))));
        }
        return out;
    }

    private static byte[] manifest(Request r, Instant now, List<ReleaseFiles.Entry> files, String root) {
        ObjectNode m = JSON.createObjectNode();
        m.put("format", ReleaseFiles.FORMAT);
        m.put("version", r.version());
        m.put("git_commit", r.commit());
        m.put("created_at", now.toString());
        m.put("tool_version", r.toolVersion());
        ArrayNode list = m.putArray("files");
        for (ReleaseFiles.Entry e : files) {
            ObjectNode o = list.addObject();
            o.put("path", e.path());
            o.put("sha256", e.sha256());
            o.put("size", e.size());
        }
        for (String[] named : new String[][] {{"sbom", ReleaseFiles.SBOM}, {"params", ReleaseFiles.PARAMS},
            {"provenance", ReleaseFiles.PROVENANCE}}) {
            ObjectNode o = m.putObject(named[0]);
            o.put("path", named[1]);
            o.put("sha256", files.stream().filter(e -> e.path().equals(named[1])).findFirst().orElseThrow().sha256());
        }
        ObjectNode merkle = m.putObject("merkle");
        merkle.put("leaves", files.size());
        merkle.put("root", root);
        merkle.put("leaf", "RFC 9162 leaf of UTF-8 \"<path> <sha256 hex>\", one per file in this list's order");
        return (m.toPrettyString() + "\n").getBytes(StandardCharsets.UTF_8);
    }

    /** Sends the anchor and waits for its receipt and K confirmations (exit 5 when the chain does not answer in time). */
    private static Chain.Receipt anchor(Anchoring a, long leaves, String root) {
        String tx = a.chain().sendData(a.account(), ReleaseFiles.anchorData(leaves, root));
        long deadline = System.nanoTime() + a.timeout().toNanos();
        while (true) {
            Optional<Chain.Receipt> rc = a.chain().receipt(tx);
            if (rc.isPresent()) {
                if (!rc.get().success()) {
                    throw new InfrastructureException("the release anchor " + tx + " failed on chain (receipt status 0)");
                }
                if (a.chain().blockNumber() - rc.get().blockNumber() + 1 >= a.confirmations()) {
                    return rc.get();
                }
            }
            if (System.nanoTime() > deadline) {
                throw new InfrastructureException("the release anchor " + tx + " has not reached " + a.confirmations()
                        + " confirmations within " + a.timeout().toSeconds() + " s; nothing was written (cut again)");
            }
            try {
                Thread.sleep(a.poll().toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InfrastructureException("interrupted waiting for the release anchor " + tx);
            }
        }
    }

    static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (var s = Files.walk(dir)) {
            for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package io.mbp.evidence;

import io.mbp.release.ReleaseFiles;
import io.mbp.release.EngineParams;

import com.fasterxml.jackson.databind.JsonNode;
import io.mbp.anchor.Chain;
import io.mbp.custody.NoteVerifierKey;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * {@code mbp release verify} (ADR 0022): the manifest's DSSE signature, every file's SHA-256 and
 * size (and no file the manifest does not list), the SBOM and parameter set, the provenance
 * statement's signature and subjects, the Merkle root, the anchor's data and, with a chain, the
 * anchor transaction itself: mined, successful, canonical, carrying exactly that root. Stops at the
 * first failure, which it names.
 */
public final class ReleaseVerifier {
    public record Check(String name, boolean ok, String detail) {
    }

    public record Report(List<Check> checks) {
        public boolean ok() {
            return checks.stream().allMatch(Check::ok);
        }

        public Optional<Check> failure() {
            return checks.stream().filter(c -> !c.ok()).findFirst();
        }
    }

    /** Thrown inside to stop at the first failure. */
    private static final class Failed extends RuntimeException {
        Failed() {
            super(null, null, false, false);
        }
    }

    private final List<Check> checks = new ArrayList<>();

    private ReleaseVerifier() {
    }

    /** @param chain null to check everything but the chain */
    public static Report verify(Path dir, List<NoteVerifierKey> keys, Supplier<Chain> chain) {
        ReleaseVerifier v = new ReleaseVerifier();
        try {
            v.run(dir, keys, chain);
        } catch (Failed stop) {
            // the failing check is the last one recorded
        }
        return new Report(List.copyOf(v.checks));
    }

    private void pass(String name, String detail) {
        checks.add(new Check(name, true, detail));
    }

    private void require(boolean ok, String name, String detail) {
        checks.add(new Check(name, ok, detail));
        if (!ok) {
            throw new Failed();
        }
    }

    private byte[] read(Path dir, String file) {
        Path p = dir.resolve(file);
        require(Files.isRegularFile(p), file, "missing");
        try {
            return Files.readAllBytes(p);
        } catch (IOException e) {
            require(false, file, "unreadable: " + e.getMessage());
            return null;
        }
    }

    private JsonNode json(byte[] bytes, String file) {
        try {
            return ReleaseCutter.JSON.readTree(bytes);
        } catch (IOException e) {
            require(false, file, "not JSON");
            return null;
        }
    }

    private void signed(Path dir, String file, String envelopeFile, String type, byte[] body, List<NoteVerifierKey> keys) {
        byte[] envBytes = read(dir, envelopeFile);
        Dsse.Envelope env;
        try {
            env = Dsse.parse(new String(envBytes, java.nio.charset.StandardCharsets.UTF_8));
        } catch (RuntimeException e) {
            require(false, envelopeFile, "not a DSSE envelope: " + e.getMessage());
            return;
        }
        require(type.equals(env.payloadType()), envelopeFile, "payloadType is " + env.payloadType() + ", expected " + type);
        require(java.util.Arrays.equals(env.payload(), body), envelopeFile, "the signed payload is not " + file + " byte for byte");
        require(keys.stream().anyMatch(env::verifiedBy), envelopeFile, "no signature verifies under the given operator key(s)");
        pass(envelopeFile, "DSSE signature over " + file + " verifies");
    }

    private void run(Path dir, List<NoteVerifierKey> keys, Supplier<Chain> chainSupplier) {
        byte[] manifestBytes = read(dir, ReleaseFiles.MANIFEST);
        JsonNode m = json(manifestBytes, ReleaseFiles.MANIFEST);
        require(ReleaseFiles.FORMAT.equals(m.path("format").asText()), ReleaseFiles.MANIFEST, "format is not " + ReleaseFiles.FORMAT);
        signed(dir, ReleaseFiles.MANIFEST, ReleaseFiles.MANIFEST_ENVELOPE, ReleaseFiles.MANIFEST_TYPE, manifestBytes, keys);

        List<ReleaseFiles.Entry> files = new ArrayList<>();
        Map<String, String> hashes = new HashMap<>();
        for (JsonNode f : m.path("files")) {
            String path = f.path("path").asText();
            Path p = dir.resolve(path).normalize();
            require(p.startsWith(dir.normalize()) && !path.isEmpty(), "file " + path, "path leaves the release folder");
            require(Files.isRegularFile(p), "file " + path, "listed in the manifest but missing");
            String sha = ReleaseFiles.sha256(p);
            require(sha.equals(f.path("sha256").asText()), "file " + path, "SHA-256 " + sha + ", the manifest says " + f.path("sha256").asText());
            try {
                require(Files.size(p) == f.path("size").asLong(), "file " + path, "size " + Files.size(p) + ", the manifest says "
                        + f.path("size").asLong());
            } catch (IOException e) {
                require(false, "file " + path, e.getMessage());
            }
            files.add(new ReleaseFiles.Entry(path, sha, f.path("size").asLong()));
            hashes.put(path, sha);
        }
        Set<String> allowed = new HashSet<>(hashes.keySet());
        allowed.addAll(Set.of(ReleaseFiles.MANIFEST, ReleaseFiles.MANIFEST_ENVELOPE, ReleaseFiles.ANCHOR));
        for (String f : ReleaseFiles.list(dir)) {
            require(allowed.contains(f), "file " + f, "not in the manifest");
        }
        require(hashes.keySet().stream().anyMatch(p -> p.startsWith(ReleaseFiles.ARTIFACTS + "/")), "artifacts",
                "the manifest lists no artifact");
        pass("files", files.size() + " files match their SHA-256 and size");

        for (String[] named : new String[][] {{"sbom", ReleaseFiles.SBOM}, {"params", ReleaseFiles.PARAMS},
            {"provenance", ReleaseFiles.PROVENANCE}}) {
            String listed = m.path(named[0]).path("sha256").asText();
            require(listed.equals(hashes.get(named[1])), named[0], named[1] + " SHA-256 " + hashes.get(named[1]) + ", the manifest's "
                    + named[0] + " says " + listed);
        }
        JsonNode bom = json(read(dir, ReleaseFiles.SBOM), ReleaseFiles.SBOM);
        require("CycloneDX".equals(bom.path("bomFormat").asText()), "sbom", "bom.json is not a CycloneDX SBOM");
        pass("sbom", "CycloneDX " + bom.path("specVersion").asText() + ", " + bom.path("components").size() + " components");
        try {
            EngineParams.Values v = EngineParams.parse(ReleaseFiles.PARAMS, read(dir, ReleaseFiles.PARAMS));
            pass("params", EngineParams.FORMAT + ", fee " + v.feeBps() + " bps");
        } catch (io.mbp.error.BadInputException e) {
            require(false, "params", e.getMessage());
        }

        byte[] provenance = read(dir, ReleaseFiles.PROVENANCE);
        signed(dir, ReleaseFiles.PROVENANCE, ReleaseFiles.PROVENANCE_ENVELOPE, ReleaseFiles.IN_TOTO_TYPE, provenance, keys);
        JsonNode st = json(provenance, ReleaseFiles.PROVENANCE);
        require(Provenance.STATEMENT_TYPE.equals(st.path("_type").asText())
                && Provenance.PREDICATE_TYPE.equals(st.path("predicateType").asText()), "provenance", "not an in-toto v1 SLSA provenance v1 statement");
        require(m.path("git_commit").asText().equals(st.path("predicate").path("buildDefinition").path("resolvedDependencies").path(0)
                .path("digest").path("gitCommit").asText()), "provenance", "its git commit differs from the manifest's");
        int subjects = 0;
        for (JsonNode s : st.path("subject")) {
            String name = s.path("name").asText();
            String sha = s.path("digest").path("sha256").asText();
            require(sha.equals(hashes.get(name)), "provenance subject " + name, "digest " + sha + ", the file's SHA-256 is " + hashes.get(name));
            subjects++;
        }
        require(subjects > 0, "provenance", "no subject");
        pass("provenance", subjects + " subjects match");

        String root = ReleaseFiles.merkleRoot(files);
        require(root.equals(m.path("merkle").path("root").asText()) && files.size() == m.path("merkle").path("leaves").asLong(),
                "merkle root", "recomputed " + root + " over " + files.size() + " files, the manifest says " + m.path("merkle").path("root").asText());
        pass("merkle root", root);

        JsonNode a = json(read(dir, ReleaseFiles.ANCHOR), ReleaseFiles.ANCHOR);
        String data = ReleaseFiles.anchorDataHex(files.size(), root);
        require(data.equalsIgnoreCase(a.path("data").asText()), "anchor", "anchor.json's data is not MBPREL01 ‖ leaves ‖ this root");
        if (chainSupplier == null) {
            pass("anchor", "offline: the chain was not asked");
            return;
        }
        String tx = a.path("tx_hash").asText();
        try (Chain chain = chainSupplier.get()) {
            require(chain.chainId() == a.path("chain_id").asLong(), "anchor", "the chain's id is " + chain.chainId() + ", anchor.json says "
                    + a.path("chain_id").asLong());
            Optional<Chain.Tx> t = chain.transaction(tx);
            require(t.isPresent(), "anchor", "transaction " + tx + " is not on this chain");
            require(data.equalsIgnoreCase(t.get().input()), "anchor", "transaction " + tx + " carries other data than this release's root");
            Optional<Chain.Receipt> rc = chain.receipt(tx);
            require(rc.isPresent() && rc.get().success(), "anchor", "transaction " + tx + " has no successful receipt");
            Optional<String> canonical = chain.blockHash(rc.get().blockNumber());
            require(canonical.isPresent() && canonical.get().equalsIgnoreCase(rc.get().blockHash()), "anchor", "block "
                    + rc.get().blockNumber() + " is no longer canonical");
            pass("anchor", "transaction " + tx + " in block " + rc.get().blockNumber() + " carries the root, "
                    + (chain.blockNumber() - rc.get().blockNumber() + 1) + " confirmations");
        }
    }
}

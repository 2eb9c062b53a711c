package io.mbp.cli.release;

import static io.mbp.cli.testing.Cli.mbp;
import io.mbp.cli.testing.Cli.Run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mbp.cli.custody.Devchain;
import io.mbp.cli.custody.Secrets;
import io.mbp.events.EventLog;
import io.mbp.sql.Database;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `mbp release cut|verify` (ADR 0022) against a real ganache: the cut anchors its Merkle root and logs
 * ReleaseCut; verify passes, and each tampered piece fails with exit 3 naming it.
 */
class ReleaseCliTest {
    @TempDir
    Path tmp;

    @AfterEach
    void plainEnvironment() {
        Secrets.useEnvironment(null);
    }

    /** A build's output as the release takes it: the jar, lib/ beside it and the SBOM. */
    private Path build() throws IOException {
        Path b = tmp.resolve("build");
        Files.createDirectories(b.resolve("lib"));
        Files.writeString(b.resolve("mbp.jar"), "not really a jar, but bytes to hash\n");
        Files.writeString(b.resolve("lib/picocli-4.7.7.jar"), "picocli\n");
        Files.writeString(b.resolve("lib/jackson-databind-2.20.0.jar"), "jackson\n");
        Files.writeString(b.resolve("bom.json"), "{\"bomFormat\":\"CycloneDX\",\"specVersion\":\"1.6\",\"components\":"
                + "[{\"type\":\"library\",\"name\":\"picocli\",\"version\":\"4.7.7\"}]}\n");
        return b;
    }

    private static String git(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("git"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertEquals(0, p.waitFor());
        return out;
    }

    private Path copy(Path dir, String name) throws IOException {
        Path to = tmp.resolve(name);
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.toList()) {
                Path t = to.resolve(dir.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(t);
                } else {
                    Files.copy(p, t);
                }
            }
        }
        return to;
    }

    private Run verify(Path dir, Path pub, String rpc) {
        return mbp("release", "verify", dir.toString(), "--pubkey", pub.toString(), "--rpc", rpc);
    }

    private void fails(Path dir, Path pub, String rpc, String named) {
        Run r = verify(dir, pub, rpc);
        assertEquals(3, r.code(), r.out() + r.err());
        assertTrue(r.err().contains(named), "expected '" + named + "' in: " + r.err());
    }

    @Test
    void cutAnchorsAndLogsTheReleaseVerifyChecksEveryPiece() throws Exception {
        Path b = build();
        String db = "jdbc:sqlite:" + tmp.resolve("mbp.sqlite");
        Map<String, String> env = new HashMap<>(Map.of("MBP_KEY_PASSPHRASE", "test passphrase",
                "MBP_KEYFILE", tmp.resolve("keys.json").toString(), "MBP_CHAIN_KEY", Devchain.DEV_KEY));
        Secrets.useEnvironment(env::get);
        assertEquals(0, mbp("--db", db, "keys", "init").code());
        Path pub = tmp.resolve("pub.txt");
        assertEquals(0, mbp("--db", db, "keys", "export-public", "--out", pub.toString()).code());
        String[] artifacts = {"--jar", b.resolve("mbp.jar").toString()};

        // not a git checkout: said plainly, before any key or chain
        Files.createDirectories(tmp.resolve("plain"));
        Run notGit = mbp("--db", db, "release", "cut", "--version", "1.0.0", "--repo", tmp.resolve("plain").toString(), artifacts[0],
                artifacts[1], "--out", tmp.resolve("never").toString(), "--rpc", "http://127.0.0.1:1");
        assertEquals(4, notGit.code(), notGit.err());
        assertTrue(notGit.err().contains("not a git checkout") && notGit.err().contains("--commit"), notGit.err());
        assertTrue(!Files.exists(tmp.resolve("never")));

        try (Devchain chain = Devchain.start(tmp)) {
            Path rel = tmp.resolve("rel");
            Run cut = mbp("--db", db, "--json", "release", "cut", "--version", "1.0.0", artifacts[0], artifacts[1], "--out", rel.toString(),
                    "--rpc", chain.url(), "--confirmations", "1");
            assertEquals(0, cut.code(), cut.out() + cut.err());
            JsonNode c = new ObjectMapper().readTree(cut.out());
            String head = git("rev-parse", "HEAD");
            assertEquals(head, c.path("commit").asText(), "the commit is git rev-parse HEAD of the working directory");
            assertEquals(7, c.path("leaves").asLong(), "jar, 2 libs, bom, params, provenance and its envelope: " + cut.out());
            JsonNode manifest = new ObjectMapper().readTree(rel.resolve("manifest.json").toFile());
            assertEquals(head, manifest.path("git_commit").asText());
            assertEquals(c.path("merkle_root").asText(), manifest.path("merkle").path("root").asText());
            JsonNode params = new ObjectMapper().readTree(rel.resolve("params.json").toFile());
            assertEquals(200, params.path("market").path("fee_bps").asLong());
            assertEquals(3000, params.path("market").path("halt").path("hard_bps").asLong());
            assertEquals(1800, params.path("oracle").path("staleness_seconds").asLong());
            JsonNode prov = new ObjectMapper().readTree(rel.resolve("provenance.json").toFile());
            assertEquals("https://in-toto.io/Statement/v1", prov.path("_type").asText());
            assertEquals("https://slsa.dev/provenance/v1", prov.path("predicateType").asText());
            try (Database d = Database.openMigrated(db)) {
                List<String> cuts = new ArrayList<>();
                new EventLog(d).forEachOfTypes(List.of("ReleaseCut"), e -> cuts.add(e.payload()));
                assertEquals(1, cuts.size());
                assertTrue(cuts.get(0).contains("\"anchor_tx\":\"" + c.path("anchor_tx").asText() + "\"")
                        && cuts.get(0).contains("\"version\":\"1.0.0\""), cuts.get(0));
                // the release names its code: a daemon of this jar finds itself in the log (ADR 0321)
                String jarSha = io.mbp.release.ReleaseFiles.sha256(b.resolve("mbp.jar"));
                assertTrue(cuts.get(0).contains("\"jar_sha256\":\"" + jarSha + "\""), cuts.get(0));
                assertEquals("1.0.0", io.mbp.release.Builds.releaseOf(io.mbp.release.Builds.cuts(new EventLog(d)), jarSha));
                assertEquals(null, io.mbp.release.Builds.releaseOf(io.mbp.release.Builds.cuts(new EventLog(d)), "00".repeat(32)));
            }
            String tx = chain.rpc("eth_getTransactionByHash", "[\"" + c.path("anchor_tx").asText() + "\"]");
            assertTrue(tx.contains("0x4d425052454c3031"), "the transaction carries MBPREL01 ‖ leaves ‖ root: " + tx);

            Run again = mbp("--db", db, "release", "cut", "--version", "1.0.0", artifacts[0], artifacts[1], "--out",
                    tmp.resolve("again").toString(), "--rpc", chain.url(), "--confirmations", "1");
            assertEquals(4, again.code());
            assertTrue(again.err().contains("already cut"), again.err());

            Run ok = verify(rel, pub, chain.url());
            assertEquals(0, ok.code(), ok.out() + ok.err());
            assertTrue(ok.out().contains("ok   anchor: transaction " + c.path("anchor_tx").asText()), ok.out());
            assertEquals(0, mbp("release", "verify", rel.toString(), "--pubkey", pub.toString(), "--offline").code());

            Path lib = copy(rel, "t-lib");
            Files.writeString(lib.resolve("artifacts/lib/picocli-4.7.7.jar"), "picocli, patched\n");
            fails(lib, pub, chain.url(), "file artifacts/lib/picocli-4.7.7.jar: SHA-256");
            Path bom = copy(rel, "t-bom");
            Files.writeString(bom.resolve("bom.json"), "{\"bomFormat\":\"CycloneDX\",\"specVersion\":\"1.6\",\"components\":[]}\n");
            fails(bom, pub, chain.url(), "file bom.json: SHA-256");
            Path params2 = copy(rel, "t-params");
            Files.writeString(params2.resolve("params.json"), Files.readString(rel.resolve("params.json")).replace("\"fee_bps\":200",
                    "\"fee_bps\":20"));
            fails(params2, pub, chain.url(), "file params.json: SHA-256");
            // the canary rolls out what the release cut wrote and signed
            String canaryDb = "jdbc:h2:file:" + tmp.resolve("canary").toAbsolutePath();
            Run canary = mbp("--db", canaryDb, "--json", "canary", "start", "--release", rel.toString(), "--pubkey", pub.toString(),
                    "--now", "2026-11-28T00:00:00Z");
            assertEquals(0, canary.code(), canary.out() + canary.err());
            assertEquals("1.0.0", new ObjectMapper().readTree(canary.out()).at("/canary/release").asText(), canary.out());
            try (Database d = Database.openMigrated(canaryDb)) {
                List<String> started = new ArrayList<>();
                new EventLog(d).forEachOfTypes(List.of("CanaryStarted"), e -> started.add(e.payload()));
                assertEquals(1, started.size());
                assertTrue(started.get(0).contains("\"fee_bps\":200") && started.get(0).contains("\"params_sha256\":\""
                        + manifest.path("params").path("sha256").asText() + "\""), started.get(0));
            }
            Run tampered = mbp("--db", "jdbc:h2:file:" + tmp.resolve("canary2").toAbsolutePath(), "canary", "start", "--release",
                    params2.toString(), "--pubkey", pub.toString());
            assertEquals(3, tampered.code(), tampered.out() + tampered.err());
            assertTrue(tampered.err().contains("does not verify: file params.json: SHA-256"), tampered.err());
            Run unchecked = mbp("--db", "jdbc:h2:file:" + tmp.resolve("canary3").toAbsolutePath(), "canary", "start", "--release",
                    params2.toString());
            assertEquals(4, unchecked.code(), "without --pubkey the manifest still lists other bytes: " + unchecked.err());
            assertTrue(unchecked.err().contains("field params.sha256"), unchecked.err());

            Path extra = copy(rel, "t-extra");
            Files.writeString(extra.resolve("artifacts/lib/evil.jar"), "x\n");
            fails(extra, pub, chain.url(), "file artifacts/lib/evil.jar: not in the manifest");
            Path man = copy(rel, "t-manifest");
            Files.writeString(man.resolve("manifest.json"), Files.readString(rel.resolve("manifest.json")).replace("1.0.0", "1.0.1"));
            fails(man, pub, chain.url(), "manifest.dsse.json: the signed payload is not manifest.json");
            Path prov2 = copy(rel, "t-provenance");
            Files.copy(rel.resolve("manifest.dsse.json"), prov2.resolve("provenance.dsse.json"),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            fails(prov2, pub, chain.url(), "file provenance.dsse.json: SHA-256");
            Path anchorData = copy(rel, "t-anchor-data");
            JsonNode a = new ObjectMapper().readTree(rel.resolve("anchor.json").toFile());
            Files.writeString(anchorData.resolve("anchor.json"), Files.readString(rel.resolve("anchor.json"))
                    .replace(a.path("data").asText(), a.path("data").asText().substring(0, 40) + "00".repeat(20)));
            fails(anchorData, pub, chain.url(), "anchor: anchor.json's data");
            Path anchorTx = copy(rel, "t-anchor-tx");
            Files.writeString(anchorTx.resolve("anchor.json"), Files.readString(rel.resolve("anchor.json"))
                    .replace(a.path("tx_hash").asText(), "0x" + "ab".repeat(32)));
            fails(anchorTx, pub, chain.url(), "is not on this chain");

            // another operator key: neither envelope verifies
            Map<String, String> other = new HashMap<>(env);
            other.put("MBP_KEYFILE", tmp.resolve("other-keys.json").toString());
            Secrets.useEnvironment(other::get);
            String db2 = "jdbc:sqlite:" + tmp.resolve("other.sqlite");
            assertEquals(0, mbp("--db", db2, "keys", "init").code());
            Path otherPub = tmp.resolve("other-pub.txt");
            assertEquals(0, mbp("--db", db2, "keys", "export-public", "--out", otherPub.toString()).code());
            fails(rel, otherPub, chain.url(), "manifest.dsse.json: no signature verifies");
        }
    }
}

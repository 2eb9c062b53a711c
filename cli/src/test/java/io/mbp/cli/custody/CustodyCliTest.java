package io.mbp.cli.custody;

import io.mbp.cli.testing.Cli;
import io.mbp.cli.testing.Cli.Run;
import io.mbp.sql.testing.DatabaseEngines;
import io.mbp.sql.testing.TestDatabase;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.ArgumentsSource;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mbp.catalog.EventCatalog;
import io.mbp.custody.NoteSigner;
import io.mbp.custody.SignedNote;
import io.mbp.events.EventLog;
import io.mbp.events.NewEvent;
import io.mbp.market.DepositReceived;
import io.mbp.merkle.Checkpoint;
import io.mbp.sql.Database;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The custody pack end to end through the CLI, against a real ganache on 127.0.0.1: seal, anchor,
 * export, verify, and every attack the issue lists failing with the right exit code and one line.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ParameterizedClass(name = "[{index}] {0}")
@ArgumentsSource(DatabaseEngines.class)
class CustodyCliTest {
    /** Every test of the class runs once per engine, on one chain and one sealed and anchored log per engine. */
    @Parameter
    TestDatabase engine;

    static final ObjectMapper JSON = new ObjectMapper();

    /** This engine's folder (made by the set-up: @TempDir is not injected before a class invocation). */
    Path tmp;

    Devchain chain;
    final Map<String, String> env = new HashMap<>();
    String db;
    Path pub;
    Path goodProof;
    Path firstAnchorProof;

    Run mbp(String... args) {
        return Cli.mbpOn(db, args);
    }

    static void append(String url, int from, int count) {
        try (Database d = Database.openMigrated(url)) {
            List<NewEvent> events = new ArrayList<>();
            for (int i = from; i < from + count; i++) {
                events.add(NewEvent.of(EventCatalog.standard(), "acct-" + i, Instant.parse("2026-11-27T10:00:00Z").plusSeconds(i),
                        new DepositReceived("acct-" + i, 1000L + i, "E" + i)));
            }
            new EventLog(d).append(events);
        }
    }

    @BeforeParameterizedClassInvocation
    void startChainSealAndAnchor() throws Exception {
        tmp = java.nio.file.Files.createTempDirectory("mbp-custody-" + engine + "-");
        chain = Devchain.start(tmp);
        env.put("MBP_KEY_PASSPHRASE", "test passphrase");
        env.put("MBP_CHAIN_KEY", Devchain.DEV_KEY);
        env.put("MBP_KEYFILE", tmp.resolve("keys/operator-keys.json").toString());
        Secrets.useEnvironment(env::get);
        db = engine.url("main");
        append(db, 0, 20);
        ok(mbp("keys", "init"));
        ok(mbp("seal"));
        ok(mbp("anchor", "publish", "--rpc", chain.url(), "--confirmations", "1"));
        firstAnchorProof = tmp.resolve("first.json");
        ok(mbp("proof", "export", "--seq", "5", "--out", firstAnchorProof.toString()));
        append(db, 20, 30);
        Run seal = ok(mbp("seal"));
        assertTrue(seal.out().contains("consistent with checkpoint #1"), seal.out());
        ok(mbp("anchor", "publish", "--rpc", chain.url(), "--confirmations", "1"));
        chain.mine(6);
        goodProof = tmp.resolve("proof.json");
        ok(mbp("proof", "export", "--seq", "7", "--out", goodProof.toString()));
        pub = tmp.resolve("pub.txt");
        ok(mbp("keys", "export-public", "--out", pub.toString()));
    }

    @AfterParameterizedClassInvocation
    void stopChain() {
        Secrets.useEnvironment(null);
        if (chain != null) {
            chain.close();
        }
        if (tmp != null) {
            try (var files = java.nio.file.Files.walk(tmp)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            } catch (java.io.IOException ignored) {
                // a temp folder; best effort
            }
        }
    }

    static Run ok(Run r) {
        assertEquals(0, r.code(), () -> "stdout: " + r.out() + "\nstderr: " + r.err());
        return r;
    }

    Run verify(Path proof, String... extra) {
        List<String> args = new ArrayList<>(List.of("verify-anchor", "--proof", proof.toString(), "--pubkey", pub.toString(),
                "--rpc", chain.url()));
        args.addAll(List.of(extra));
        return mbp(args.toArray(String[]::new));
    }

    Path altered(Path proof, Consumer<ObjectNode> change) throws Exception {
        ObjectNode n = (ObjectNode) JSON.readTree(proof.toFile());
        change.accept(n);
        Path p = tmp.resolve("altered-" + System.nanoTime() + ".json");
        JSON.writeValue(p.toFile(), n);
        return p;
    }

    static void failsAt(Run r, int code, String step) {
        assertEquals(code, r.code(), () -> r.out() + r.err());
        assertTrue(r.out().contains("✗ " + step), () -> "expected a failed '" + step + "' step:\n" + r.out());
        assertFalse(r.err().contains("\tat "), "no stack trace");
        assertTrue(r.out().lines().anyMatch(l -> l.startsWith("NOT VERIFIED: ")), r.out());
    }

    @Test
    void anExportedProofVerifiesOnTheChain() throws Exception {
        Run r = ok(verify(goodProof));
        assertTrue(r.out().contains("✓ confirmations"), r.out());
        assertTrue(r.out().contains("VERIFIED: event 7"), r.out());
        JsonNode json = JSON.readTree(ok(verify(goodProof, "--json")).out());
        assertTrue(json.get("verified").asBoolean());
        assertTrue(json.get("chain_checked").asBoolean());
        JsonNode proof = JSON.readTree(goodProof.toFile());
        for (String f : List.of("event", "leaf_index", "leaf_hash", "tree_size", "inclusion_proof", "checkpoint", "key_id", "anchor")) {
            assertTrue(proof.has(f), f);
        }
        assertEquals(1337, proof.get("anchor").get("chain_id").asLong());
    }

    @Test
    void offlineVerificationSaysTheChainWasNotChecked() {
        Run r = ok(mbp("verify-anchor", "--proof", goodProof.toString(), "--pubkey", pub.toString(), "--offline",
                "--rpc", "http://127.0.0.1:1"));
        assertTrue(r.out().contains("NOT CHECKED"), r.out());
        assertTrue(r.out().contains("the chain anchor was NOT checked"), r.out());
    }

    @Test
    void aTamperedEventFails() throws Exception {
        Path p = altered(goodProof, n -> ((ObjectNode) n.get("event").get("payload")).put("amount", 999_999));
        failsAt(verify(p), 3, "event hash");
    }

    @Test
    void aTamperedEventWithARecomputedLeafHashStillFailsInclusion() throws Exception {
        Path p = altered(goodProof, n -> {
            ((ObjectNode) n.get("event").get("payload")).put("amount", 999_999);
        });
        JsonNode n = JSON.readTree(p.toFile());
        io.mbp.anchor.ProofBundle b = io.mbp.anchor.ProofBundle.parse(n.toString(), "x");
        String leaf = io.mbp.merkle.TreeHash.hex(io.mbp.merkle.TreeHash.leaf(b.eventBytes()));
        Path q = altered(p, m -> m.put("leaf_hash", leaf));
        failsAt(verify(q), 3, "inclusion proof");
    }

    @Test
    void aProofForAnotherTreeSizeFails() throws Exception {
        Path p = altered(goodProof, n -> n.put("tree_size", n.get("tree_size").asLong() + 1));
        failsAt(verify(p), 3, "tree size");
    }

    @Test
    void truncatedOrPaddedProofHashesFail() throws Exception {
        Path truncated = altered(goodProof, n -> ((ArrayNode) n.get("inclusion_proof")).remove(n.get("inclusion_proof").size() - 1));
        Run r = verify(truncated);
        failsAt(r, 3, "inclusion proof");
        assertTrue(r.out().contains("truncated or padded"), r.out());
        Path padded = altered(goodProof, n -> ((ArrayNode) n.get("inclusion_proof")).add("00".repeat(32)));
        failsAt(verify(padded), 3, "inclusion proof");
    }

    @Test
    void aCheckpointSignedByAnUnknownKeyFails() throws Exception {
        JsonNode n = JSON.readTree(goodProof.toFile());
        SignedNote original = SignedNote.parse(n.get("checkpoint").asText());
        NoteSigner stranger = new NoteSigner(Checkpoint.parse(original.text()).origin(), new byte[32]);
        Path p = altered(goodProof, m -> m.put("checkpoint", SignedNote.sign(original.text(), stranger).encode()));
        Run r = verify(p);
        failsAt(r, 3, "checkpoint signature");
        assertTrue(r.out().contains("unknown key"), r.out());
    }

    @Test
    void aWrongPublicKeyFails() throws Exception {
        Path otherPub = tmp.resolve("other.pub");
        NoteSigner other = new NoteSigner("mbp.example/log", new byte[] {9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9,
            9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9});
        Files.writeString(otherPub, other.verifier().text() + "\n");
        Run r = mbp("verify-anchor", "--proof", goodProof.toString(), "--pubkey", otherPub.toString(), "--rpc", chain.url());
        failsAt(r, 3, "checkpoint signature");
    }

    @Test
    void aTransactionOnAnotherChainIdFails() throws Exception {
        Path p = altered(goodProof, n -> ((ObjectNode) n.get("anchor")).put("chain_id", 1));
        failsAt(verify(p), 3, "chain id");
    }

    @Test
    void aTransactionCarryingAnotherRootFails() throws Exception {
        JsonNode first = JSON.readTree(firstAnchorProof.toFile()).get("anchor");
        Path p = altered(goodProof, n -> n.set("anchor", first));
        Run r = verify(p);
        failsAt(r, 3, "transaction data");
        assertTrue(r.out().contains("carries size 21"), r.out());
    }

    @Test
    void aTransactionNotYetConfirmedEnoughFails() {
        failsAt(verify(goodProof, "--min-confirmations", "100000"), 3, "confirmations");
    }

    @Test
    void malformedProofsAreBadInput() throws Exception {
        Path notJson = tmp.resolve("bad.json");
        Files.writeString(notJson, "{ not json", StandardCharsets.UTF_8);
        Run r = verify(notJson);
        assertEquals(4, r.code(), r.err());
        assertTrue(r.err().startsWith("mbp: error: "), r.err());
        Path missing = altered(goodProof, n -> n.remove("leaf_hash"));
        Run m = verify(missing);
        assertEquals(4, m.code(), m.err());
        assertTrue(m.err().contains("leaf_hash"), m.err());
        assertEquals(1, m.err().lines().count(), m.err());
    }

    @Test
    void anUnreachableChainIsExitFive() throws Exception {
        Run r = mbp("verify-anchor", "--proof", goodProof.toString(), "--pubkey", pub.toString(),
                "--rpc", "http://127.0.0.1:" + Devchain.freePort());
        assertEquals(5, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("✗ chain reachable"), r.out());
    }

    @Test
    void anAnchorWhoseBlockWasReorganizedAwayFails() throws Exception {
        String url = engine.url("reorg");
        String saved = db;
        db = url;
        try {
            env.put("MBP_KEYFILE", tmp.resolve("reorg-keys.json").toString());
            append(url, 0, 10);
            ok(mbp("keys", "init"));
            ok(mbp("seal"));
            String snap = chain.snapshot();
            ok(mbp("anchor", "publish", "--rpc", chain.url(), "--confirmations", "1"));
            Path proof = tmp.resolve("reorg-proof.json");
            ok(mbp("proof", "export", "--seq", "3", "--out", proof.toString()));
            Path key = tmp.resolve("reorg.pub");
            ok(mbp("keys", "export-public", "--out", key.toString()));
            ok(mbp("verify-anchor", "--proof", proof.toString(), "--pubkey", key.toString(), "--rpc", chain.url(),
                    "--min-confirmations", "1"));
            chain.revert(snap);
            chain.mine(3);
            Run r = mbp("verify-anchor", "--proof", proof.toString(), "--pubkey", key.toString(), "--rpc", chain.url(),
                    "--min-confirmations", "1");
            failsAt(r, 3, "transaction");
            Run status = mbp("anchor", "status", "--rpc", chain.url());
            assertEquals(3, status.code(), status.out() + status.err());
            assertTrue(status.out().contains("reorged"), status.out());
        } finally {
            db = saved;
            env.put("MBP_KEYFILE", tmp.resolve("keys/operator-keys.json").toString());
        }
    }

    @Test
    void anEventChangedBySqlIsCaughtBySealAndByVerify() throws Exception {
        String url = engine.url("tamper");
        String saved = db;
        db = url;
        try {
            env.put("MBP_KEYFILE", tmp.resolve("tamper-keys.json").toString());
            append(url, 0, 30);
            ok(mbp("keys", "init"));
            ok(mbp("seal"));
            Path key = tmp.resolve("tamper.pub");
            ok(mbp("keys", "export-public", "--out", key.toString()));
            try (Database d = Database.open(url); Statement st = d.connection().createStatement()) {
                st.execute(TestDatabase.dropTrigger(engine.engine(), "events_no_update", "events"));
                st.execute("UPDATE events SET payload = REPLACE(payload, '1012', '9012') WHERE seq = 12");
                d.connection().commit();
            }
            Run seal = mbp("seal");
            assertEquals(3, seal.code(), seal.out() + seal.err());
            assertTrue(seal.err().contains("events 12 differ"), seal.err());
            assertEquals(1, seal.err().lines().count(), seal.err());
            Path proof = tmp.resolve("tampered-proof.json");
            ok(mbp("proof", "export", "--seq", "12", "--out", proof.toString()));
            Run r = mbp("verify-anchor", "--proof", proof.toString(), "--pubkey", key.toString(), "--offline");
            failsAt(r, 3, "event hash");
        } finally {
            db = saved;
            env.put("MBP_KEYFILE", tmp.resolve("keys/operator-keys.json").toString());
        }
    }

    @Test
    void rotationKeepsOldCheckpointsVerifiableWithTheOldKeyOnly() throws Exception {
        String url = engine.url("rotate");
        String saved = db;
        db = url;
        try {
            env.put("MBP_KEYFILE", tmp.resolve("rotate-keys.json").toString());
            append(url, 0, 5);
            ok(mbp("keys", "init"));
            ok(mbp("seal"));
            Path proof = tmp.resolve("rot-proof.json");
            ok(mbp("proof", "export", "--seq", "2", "--out", proof.toString()));
            ok(mbp("keys", "rotate"));
            Path newOnly = tmp.resolve("new.pub");
            ok(mbp("keys", "export-public", "--out", newOnly.toString()));
            Run r = mbp("verify-anchor", "--proof", proof.toString(), "--pubkey", newOnly.toString(), "--offline");
            failsAt(r, 3, "checkpoint signature");
            Path all = tmp.resolve("all.pub");
            ok(mbp("keys", "export-public", "--all", "--out", all.toString()));
            ok(mbp("verify-anchor", "--proof", proof.toString(), "--pubkey", all.toString(), "--offline"));
            Run list = ok(mbp("keys", "list"));
            assertTrue(list.out().contains("retired") && list.out().contains("active"), list.out());
            ok(mbp("seal"));
        } finally {
            db = saved;
            env.put("MBP_KEYFILE", tmp.resolve("keys/operator-keys.json").toString());
        }
    }

    @Test
    void theReportListsCheckpointsAndAnchors() throws Exception {
        Path dir = tmp.resolve("report");
        ok(mbp("anchors", "report", "--out", dir.toString(), "--rpc", chain.url()));
        JsonNode doc = JSON.readTree(dir.resolve("anchors.json").toFile());
        assertTrue(doc.get("checkpoints").size() >= 2);
        assertEquals("confirmed", doc.get("checkpoints").get(0).get("anchors").get(0).get("status").asText());
        assertTrue(Files.readString(dir.resolve("index.html")).contains("<table>"));
    }

    @Test
    void publishingWithoutAChainKeyOrChainFailsCleanly() throws Exception {
        env.remove("MBP_CHAIN_KEY");
        try {
            Run r = mbp("anchor", "publish", "--rpc", chain.url(), "--confirmations", "1");
            assertEquals(4, r.code(), r.err());
            assertTrue(r.err().contains("MBP_CHAIN_KEY"), r.err());
        } finally {
            env.put("MBP_CHAIN_KEY", Devchain.DEV_KEY);
        }
        Run down = mbp("anchor", "publish", "--rpc", "http://127.0.0.1:" + Devchain.freePort(), "--confirmations", "1");
        assertEquals(5, down.code(), down.err());
        assertFalse(down.err().contains(Devchain.DEV_KEY.substring(2)), "the chain key is never printed");
        assertEquals(1, down.err().lines().count(), down.err());
    }

    @Test
    void aWrongPassphraseIsBadInputAndSealsNothing() {
        env.put("MBP_KEY_PASSPHRASE", "not it");
        try {
            Run r = mbp("seal");
            assertEquals(4, r.code(), r.err());
            assertTrue(r.err().contains("passphrase"), r.err());
        } finally {
            env.put("MBP_KEY_PASSPHRASE", "test passphrase");
        }
    }

    @Test
    void noPassphraseAndNoTerminalIsBadInputNotAPrompt() {
        env.remove("MBP_KEY_PASSPHRASE");
        try {
            Run r = mbp("seal");
            assertEquals(4, r.code(), r.err());
            assertTrue(r.err().contains("MBP_KEY_PASSPHRASE"), r.err());
        } finally {
            env.put("MBP_KEY_PASSPHRASE", "test passphrase");
        }
    }
}

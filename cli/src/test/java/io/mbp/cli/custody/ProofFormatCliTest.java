package io.mbp.cli.custody;

import io.mbp.cli.testing.Cli;
import io.mbp.cli.testing.Cli.Run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.mbp.anchor.AnchorVerifier;
import io.mbp.anchor.ProofBundle;
import io.mbp.sql.testing.EveryEngine;
import io.mbp.sql.testing.TestDatabase;
import io.mbp.custody.NoteVerifierKey;
import io.mbp.error.BadInputException;
import io.mbp.merkle.TreeHash;
import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The proof format is closed (issue 19, defect 7): `mbp verify-anchor` refuses, with exit 4 and
 * the member's path, anything docs/proof.schema.json does not define, shows exactly the bytes it
 * hashed, and refuses deep or huge files by the JSON input limits instead of crashing. Offline:
 * every proof here is a real one from `mbp proof export`, so no chain is needed. The format checks read
 * files, not the database, so they run against one proof exported from H2; the export itself (a sealed
 * log, its leaf and inclusion proof) is checked on every engine.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProofFormatCliTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final JsonNodeFactory F = JsonNodeFactory.instance;

    @TempDir
    static Path tmp;

    final Map<String, String> env = new HashMap<>();
    String db;
    Path pub;
    Path proof;
    ObjectNode exported;
    Schema schema;

    Run mbp(String... args) {
        return Cli.mbpOn(db, args);
    }

    static Run ok(Run r) {
        assertEquals(0, r.code(), () -> "stdout: " + r.out() + "\nstderr: " + r.err());
        return r;
    }

    @BeforeAll
    void exportARealProof() throws Exception {
        env.put("MBP_KEY_PASSPHRASE", "test passphrase");
        env.put("MBP_KEYFILE", tmp.resolve("keys/operator-keys.json").toString());
        Secrets.useEnvironment(env::get);
        db = "jdbc:h2:file:" + tmp.resolve("main").toAbsolutePath();
        CustodyCliTest.append(db, 0, 13);
        ok(mbp("keys", "init"));
        ok(mbp("seal"));
        proof = tmp.resolve("proof.json");
        ok(mbp("proof", "export", "--seq", "5", "--out", proof.toString()));
        pub = tmp.resolve("pub.txt");
        ok(mbp("keys", "export-public", "--out", pub.toString()));
        exported = (ObjectNode) JSON.readTree(proof.toFile());
        schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
                .getSchema(JSON.readTree(Devchain.repoRoot().resolve("docs/proof.schema.json").toFile()));
    }

    @AfterAll
    void resetSecrets() {
        Secrets.useEnvironment(null);
    }

    Run verify(Path p) {
        return mbp("verify-anchor", "--proof", p.toString(), "--pubkey", pub.toString(), "--offline");
    }

    Path write(JsonNode n) throws Exception {
        Path p = tmp.resolve("mutant-" + System.nanoTime() + ".json");
        JSON.writeValue(p.toFile(), n);
        return p;
    }

    Path altered(Consumer<ObjectNode> change) throws Exception {
        ObjectNode n = exported.deepCopy();
        change.accept(n);
        return write(n);
    }

    /** Exit 4, one line on stderr naming {@code mention}, no stack trace and no VERIFIED. */
    static void refused(Run r, String... mentions) {
        assertEquals(4, r.code(), () -> "stdout: " + r.out() + "\nstderr: " + r.err());
        assertTrue(r.err().startsWith("mbp: error: "), r.err());
        assertEquals(1, r.err().lines().count(), r.err());
        assertFalse(r.err().contains("\tat "), "no stack trace");
        assertFalse(r.out().contains("VERIFIED"), r.out());
        for (String m : mentions) {
            assertTrue(r.err().contains(m), () -> "expected '" + m + "' in: " + r.err());
        }
    }

    @Test
    void theExportedProofVerifiesAndShowsExactlyTheBytesItHashed() throws Exception {
        Run r = ok(verify(proof));
        String prefix = "event (the exact bytes hashed): ";
        String shown = r.out().lines().filter(l -> l.startsWith(prefix)).findFirst()
                .orElseThrow(() -> new AssertionError("no event line in:\n" + r.out())).substring(prefix.length());
        assertEquals(exported.get("leaf_hash").asText(), TreeHash.hex(TreeHash.leaf(shown.getBytes(StandardCharsets.UTF_8))));
        JsonNode json = JSON.readTree(ok(mbp("--json", "verify-anchor", "--proof", proof.toString(), "--pubkey", pub.toString(),
                "--offline")).out());
        assertEquals(shown, json.get("event").asText());
        assertTrue(schema.validate(exported).isEmpty(), () -> schema.validate(exported).toString());
    }

    /** The database-facing half: the same log sealed on each engine exports a proof that verifies, with the same leaf. */
    @EveryEngine
    void aProofExportedFromEachEngineVerifiesOfflineWithTheSameLeaf(TestDatabase engine) throws Exception {
        String h2 = db;
        String keys = env.get("MBP_KEYFILE");
        String name = engine.engine().name().toLowerCase(java.util.Locale.ROOT);
        try {
            db = engine.url();
            env.put("MBP_KEYFILE", tmp.resolve("keys-" + name + "/operator-keys.json").toString());
            CustodyCliTest.append(db, 0, 13);
            ok(mbp("keys", "init"));
            ok(mbp("seal"));
            Path p = tmp.resolve("proof-" + name + ".json");
            ok(mbp("proof", "export", "--seq", "5", "--out", p.toString()));
            Path key = tmp.resolve("pub-" + name + ".txt");
            ok(mbp("keys", "export-public", "--out", key.toString()));
            Run r = ok(mbp("verify-anchor", "--proof", p.toString(), "--pubkey", key.toString(), "--offline"));
            assertTrue(r.out().contains("event (the exact bytes hashed): "), r.out());
            JsonNode mine = JSON.readTree(p.toFile());
            assertTrue(schema.validate(mine).isEmpty(), () -> schema.validate(mine).toString());
            for (String member : List.of("format", "event", "leaf_index", "leaf_hash", "tree_size")) {
                assertEquals(exported.get(member), mine.get(member), member + " on " + name);
            }
        } finally {
            db = h2;
            env.put("MBP_KEYFILE", keys);
        }
    }

    @Test
    void invisibleCharactersInTheEventAreShownEscapedNotHidden() throws Exception {
        // A right-to-left override would make a terminal show text other than the bytes hashed.
        Path p = altered(n -> ((ObjectNode) n.get("event").get("payload")).put("e2eid", "E5\u202e0001"));
        Run r = verify(p);
        assertEquals(3, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("\"e2eid\":\"E5\\u202e0001\""), r.out());
        assertTrue(r.out().contains("1 invisible or control character(s)"), r.out());
        assertFalse(r.out().contains("\u202e"), "the override itself is never printed");
    }

    @Test
    void anExtraMemberInTheEventIsRefusedNamingIt() throws Exception {
        Path p = altered(n -> ((ObjectNode) n.get("event")).put("note", "pay bob R$1,000,000"));
        refused(verify(p), p.toString(), "event.note", "not part of the mbp-proof/1 format");
    }

    @Test
    void anUnknownTopLevelMemberIsRefusedNamingIt() throws Exception {
        Path p = altered(n -> n.put("note", "pay bob R$1,000,000"));
        refused(verify(p), "member note ");
        Path odd = altered(n -> n.put("x\ny", 1));
        refused(verify(odd), "member \"x\\ny\"");
    }

    @Test
    void anUnknownMemberInTheAnchorIsRefusedNamingIt() throws Exception {
        Path p = altered(n -> n.set("anchor", anchor().put("memo", "paid")));
        refused(verify(p), "anchor.memo");
    }

    @Test
    void anotherOrNoFormatIsRefusedNamingTheFormatsThisVerifierKnows() throws Exception {
        refused(verify(altered(n -> n.put("format", "mbp-proof/2"))), "field format", "\"mbp-proof/2\"", "mbp-proof/1");
        refused(verify(altered(n -> n.remove("format"))), "field format is missing", "mbp-proof/1");
    }

    @Test
    void aDeeplyNestedProofIsBadInputNotACrash() throws Exception {
        for (int depth : new int[] {100, 10_000}) {
            ObjectNode n = exported.deepCopy();
            ((ObjectNode) n.get("event").get("payload")).put("deep", "@DEEP@");
            Path p = tmp.resolve("deep-" + depth + ".json");
            Files.writeString(p, JSON.writeValueAsString(n).replace("\"@DEEP@\"", "[".repeat(depth) + "]".repeat(depth)));
            refused(verify(p), p.toString(), "nesting depth", "limit (64)");
        }
        Path bare = tmp.resolve("bare-deep.json");
        Files.writeString(bare, "[".repeat(10_000) + "]".repeat(10_000));
        refused(verify(bare), "nesting depth");
    }

    @Test
    void a200MegabyteProofIsRefusedBySizeBeforeItIsRead() throws Exception {
        // A well-formed proof whose payload carries a 200 MB string: before the fix this read the
        // whole file and died in Jackson's string limit (exit 1, NPE); now its size alone refuses it.
        ObjectNode n = exported.deepCopy();
        ((ObjectNode) n.get("event").get("payload")).put("blob", "@BLOB@");
        String[] halves = JSON.writeValueAsString(n).split("@BLOB@");
        Path p = tmp.resolve("huge.json");
        byte[] chunk = new byte[1 << 20];
        Arrays.fill(chunk, (byte) 'a');
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(p), 1 << 16)) {
            out.write(halves[0].getBytes(StandardCharsets.UTF_8));
            for (int i = 0; i < 200; i++) {
                out.write(chunk);
            }
            out.write(halves[1].getBytes(StandardCharsets.UTF_8));
        }
        try {
            refused(verify(p), p.toString(), "over the limit of 4194304 bytes");
        } finally {
            Files.delete(p);
        }
        Path sparse = tmp.resolve("sparse-key.pub");
        try (RandomAccessFile f = new RandomAccessFile(sparse.toFile(), "rw")) {
            f.setLength(5L << 20);
        }
        refused(mbp("verify-anchor", "--proof", proof.toString(), "--pubkey", sparse.toString(), "--offline"), "--pubkey",
                "over the limit");
    }

    static ObjectNode anchor() {
        ObjectNode a = F.objectNode();
        a.put("chain_id", 1337);
        a.put("tx_hash", "0x" + "ab".repeat(32));
        a.put("block_number", 12);
        a.put("block_hash", "0x" + "CD".repeat(32));
        return a;
    }

    /** Values of every JSON type and of the edge of every rule in the schema. */
    static List<JsonNode> pool(String checkpoint) {
        return List.of(F.textNode("x"), F.textNode(""), F.textNode("mbp-proof/1"), F.textNode("mbp-proof/2"),
                F.textNode("0f".repeat(32)), F.textNode("0F".repeat(32)), F.textNode("0x" + "0f".repeat(32)),
                F.textNode("0f0f0f0f"), F.textNode("0F0F0F0F"), F.textNode("s".repeat(256)), F.textNode("s".repeat(257)),
                F.textNode(checkpoint), F.textNode(checkpoint.replace("\n\n", "\n")),
                F.numberNode(0), F.numberNode(1), F.numberNode(-1), F.numberNode(7), F.numberNode((1L << 53) - 1),
                F.numberNode(1L << 53), F.numberNode(new BigInteger("123456789012345678901234567890")),
                F.numberNode(new BigDecimal("1.5")), F.booleanNode(true), F.nullNode(), F.objectNode(), F.arrayNode(),
                F.arrayNode().add("0f".repeat(32)), anchor());
    }

    /** Every way to break or bend a proof by one member: add, remove, or set it to each pool value. */
    static List<ObjectNode> mutants(ObjectNode base) {
        List<ObjectNode> out = new ArrayList<>();
        List<List<Object>> objects = List.of(List.of(), List.of("event"), List.of("event", "payload"), List.of("anchor"));
        List<JsonNode> values = pool(base.get("checkpoint").asText());
        for (List<Object> at : objects) {
            if (!(get(base, at) instanceof ObjectNode o)) {
                continue;
            }
            ObjectNode add = base.deepCopy();
            ((ObjectNode) get(add, at)).put("note", "pay bob R$1,000,000");
            out.add(add);
            for (Iterator<String> it = o.fieldNames(); it.hasNext(); ) {
                String name = it.next();
                ObjectNode removed = base.deepCopy();
                ((ObjectNode) get(removed, at)).remove(name);
                out.add(removed);
                for (JsonNode v : values) {
                    ObjectNode set = base.deepCopy();
                    ((ObjectNode) get(set, at)).set(name, v.deepCopy());
                    out.add(set);
                }
            }
        }
        for (JsonNode v : values) {
            ObjectNode set = base.deepCopy();
            ((ArrayNode) set.get("inclusion_proof")).set(0, v.deepCopy());
            out.add(set);
        }
        return out;
    }

    static JsonNode get(JsonNode n, List<Object> path) {
        for (Object p : path) {
            n = n.get((String) p);
        }
        return n;
    }

    /** What `verify-anchor --offline` decides, without starting the command line: its exit code. */
    int verifierExit(JsonNode proofJson, NoteVerifierKey key) throws Exception {
        try {
            ProofBundle b = ProofBundle.parse(JSON.writeValueAsString(proofJson), "mutant.json");
            return AnchorVerifier.verify(b, key, true, () -> {
                throw new AssertionError("offline never opens the chain");
            }, 6).exitCode();
        } catch (BadInputException e) {
            return e.exitCode();
        }
    }

    @Test
    void theVerifierAcceptsExactlyWhatTheSchemaAccepts() throws Exception {
        ObjectNode anchored = exported.deepCopy();
        anchored.set("anchor", anchor());
        int valid = 0;
        int invalid = 0;
        int n = 0;
        NoteVerifierKey key = NoteVerifierKey.parse(Files.readString(pub).strip());
        for (ObjectNode base : List.of(exported, anchored)) {
            assertTrue(schema.validate(base).isEmpty(), () -> schema.validate(base).toString());
            ok(verify(write(base)));
            for (ObjectNode m : mutants(base)) {
                boolean schemaOk = schema.validate(m).isEmpty();
                int code = verifierExit(m, key);
                if (schemaOk) {
                    valid++;
                    assertTrue(code == 0 || code == 3, () -> "the schema accepts " + m + " but the verifier exits " + code);
                } else {
                    invalid++;
                    assertEquals(4, code, () -> "the schema refuses " + m + " (" + schema.validate(m) + ") but the verifier exits "
                            + code);
                }
                if (n++ % 40 == 0) {
                    // The command decides the same as the classes it runs (sampled: each run starts the whole CLI).
                    Run r = verify(write(m));
                    assertEquals(code, r.code(), () -> m + ": " + r.out() + r.err());
                    assertEquals(code == 4 ? 1 : 0, r.err().lines().count(), r.err());
                }
            }
        }
        // Both sides are exercised: mutants the schema takes (then the hash or a step fails: exit 3)
        // and many it refuses.
        assertTrue(valid > 50 && invalid > 300, valid + " valid, " + invalid + " invalid");
    }
}

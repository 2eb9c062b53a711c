package io.mbp.cli.custody;

import io.mbp.cli.testing.Cli;
import io.mbp.cli.testing.Cli.Run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mbp.audit.AuditWorkpapers;
import io.mbp.custody.NoteVerifierKey;
import io.mbp.custody.VerifierKeyFile;
import io.mbp.evidence.Dsse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code mbp audit custody} against a real ganache devchain: three sealed and anchored checkpoints, a seeded sample
 * redrawn identically, every anchor found on chain, workpapers signed; without the chain the anchors are a finding.
 */
class AuditCustodyCliTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    private Run mbp(String db, String... args) {
        return Cli.mbpOn(db, args);
    }

    private Run ok(Run r) {
        assertEquals(0, r.code(), () -> r.out() + r.err());
        return r;
    }

    @AfterEach
    void plainEnvironment() {
        Secrets.useEnvironment(null);
    }

    @Test
    void seededSampleProofsAndEveryAnchorOnChain() throws Exception {
        Map<String, String> env = new HashMap<>(Map.of("MBP_KEY_PASSPHRASE", "test passphrase",
                "MBP_KEYFILE", tmp.resolve("keys.json").toString(), "MBP_CHAIN_KEY", Devchain.DEV_KEY));
        Secrets.useEnvironment(env::get);
        String db = "jdbc:h2:file:" + tmp.resolve("mbp").toAbsolutePath();
        try (Devchain chain = Devchain.start(tmp)) {
            ok(mbp(db, "keys", "init"));
            for (int round = 0; round < 3; round++) {
                CustodyCliTest.append(db, round * 20, 20);
                ok(mbp(db, "seal"));
                ok(mbp(db, "anchor", "publish", "--rpc", chain.url(), "--confirmations", "1"));
            }
            Path a = tmp.resolve("audit-a");
            Run first = ok(mbp(db, "--json", "audit", "custody", "--sample", "8", "--seed", "42", "--out", a.toString(),
                    "--rpc", chain.url()));
            JsonNode done = JSON.readTree(first.out());
            assertTrue(done.get("clean").asBoolean(), first.out());
            JsonNode report = JSON.readTree(Files.readString(a.resolve("report.json")));
            assertEquals("custody-audit", report.get("kind").asText());
            assertTrue(report.get("clean").asBoolean());
            assertEquals(8, report.get("events").size());
            assertEquals(3, report.get("checkpoints").size(), "a sample larger than the population takes it whole");
            assertEquals(3, report.get("anchors").size(), "every anchor, not a sample");
            for (JsonNode anchor : report.get("anchors")) {
                assertTrue(anchor.get("ok").asBoolean() && anchor.get("detail").asText().contains("= checkpoint #"), anchor.toString());
            }
            for (JsonNode e : report.get("events")) {
                assertTrue(e.get("detail").asText().endsWith(" verifies"), e.toString());
            }
            assertEquals("operator", report.get("keys").get(0).get("kind").asText());
            assertTrue(Files.readString(a.resolve("report.md")).contains("Auditor: ____"));
            // the DSSE envelope covers report.json byte for byte, under the operator's published key
            ok(mbp(db, "keys", "export-public", "--out", tmp.resolve("operator.pub").toString()));
            List<NoteVerifierKey> keys = VerifierKeyFile.read(tmp.resolve("operator.pub"), "test");
            Dsse.Envelope env1 = Dsse.parse(Files.readString(a.resolve("report.dsse.json")));
            assertEquals(AuditWorkpapers.PAYLOAD_TYPE, env1.payloadType());
            assertTrue(env1.verifiedBy(keys.get(0)));
            assertEquals(Files.readString(a.resolve("report.json")), new String(env1.payload(), java.nio.charset.StandardCharsets.UTF_8));

            // the same seed redraws the same sample; another seed draws another
            Path b = tmp.resolve("audit-b");
            ok(mbp(db, "audit", "custody", "--sample", "8", "--seed", "42", "--out", b.toString(), "--rpc", chain.url()));
            JsonNode again = JSON.readTree(Files.readString(b.resolve("report.json")));
            assertEquals(report.get("events").findValuesAsText("id"), again.get("events").findValuesAsText("id"));
            Path c = tmp.resolve("audit-c");
            ok(mbp(db, "audit", "custody", "--sample", "8", "--seed", "43", "--out", c.toString(), "--rpc", chain.url()));
            assertNotEquals(report.get("events").findValuesAsText("id"),
                    JSON.readTree(Files.readString(c.resolve("report.json"))).get("events").findValuesAsText("id"));

            // signed workpapers are never overwritten; without a chain the anchors are not verified: a finding, exit 3
            Run again2 = mbp(db, "audit", "custody", "--sample", "8", "--seed", "42", "--out", a.toString(), "--rpc", chain.url());
            assertEquals(4, again2.code());
            assertTrue(again2.err().contains("not empty"), again2.err());
            Run offline = mbp(db, "audit", "custody", "--sample", "4", "--seed", "1", "--out", tmp.resolve("audit-d").toString());
            assertEquals(3, offline.code(), offline.out() + offline.err());
            assertTrue(offline.out().contains("finding: anchors: 3 not cross-checked on chain (no --rpc)"), offline.out());
            assertFalse(JSON.readTree(Files.readString(tmp.resolve("audit-d/report.json"))).get("clean").asBoolean());
        }
    }
}

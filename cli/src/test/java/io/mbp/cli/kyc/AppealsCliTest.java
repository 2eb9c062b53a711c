package io.mbp.cli.kyc;

import io.mbp.cli.testing.Cli;
import io.mbp.cli.testing.Cli.Run;
import io.mbp.sql.testing.EveryEngine;
import io.mbp.sql.testing.TestDatabase;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mbp.cli.custody.Secrets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/** `mbp appeals open|list|decide` on a real H2 file: who may appeal, the SLA clock, and an overturned appeal moving the KYC state. */
class AppealsCliTest {
    static final String NOW = "2026-11-27T12:00:00Z";

    @TempDir
    Path tmp;
    String db;
    final Map<String, String> env = new HashMap<>();

    Run mbp(String... args) {
        return Cli.mbpOn(db, args);
    }

    static Run ok(Run r) {
        assertEquals(0, r.code(), () -> "stdout: " + r.out() + "\nstderr: " + r.err());
        return r;
    }

    static JsonNode json(Run r) throws Exception {
        return Customers.JSON.readTree(ok(r).out());
    }

    void onboard(TestDatabase engine) {
        db = engine.url("mbp");
        env.put("MBP_VAULT_PASSPHRASE", "appeals test passphrase");
        env.put("MBP_KEK_FILE", tmp.resolve("keys/vault-kek.json").toString());
        env.put("MBP_OPERATOR", "carol");
        Secrets.useEnvironment(env::get);
        ok(mbp("privacy", "kek", "init"));
        List<ObjectNode> cs = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            cs.add(Customers.customer("acct-9-" + i, 900 + i));
        }
        ok(mbp("kyc", "onboard", "--file", Customers.write(tmp.resolve("c.ndjson"), cs).toString(), "--now", NOW));
        ok(mbp("kyc", "review", "decide", "acct-9-0", "--decision", "rejected", "--reason", "document mismatch", "--now", NOW));
        ok(mbp("kyc", "review", "decide", "acct-9-1", "--decision", "blocked", "--reason", "fraud alert", "--now", NOW));
    }

    @AfterEach
    void reset() {
        Secrets.useEnvironment(null);
    }

    @EveryEngine
    void anOverturnedAppealMovesARejectedAccountToVerifiedThroughKyc(TestDatabase engine) throws Exception {
        onboard(engine);
        JsonNode a = json(mbp("--json", "appeals", "open", "--account", "acct-9-0", "--reason", "sent a clearer document",
                "--now", "2026-11-28T10:00:00Z"));
        String id = a.get("appeal").asText();
        assertEquals("rejected", a.get("status").asText());
        assertTrue(a.get("due").asText().startsWith("2026-12-13T10:00:0"), a.toString());
        // A plain review decision cannot undo a rejection: only the appeal can.
        assertEquals(4, mbp("kyc", "review", "decide", "acct-9-0", "--decision", "verified", "--reason", "x").code());
        Run second = mbp("appeals", "open", "--account", "acct-9-0", "--reason", "again");
        assertEquals(4, second.code());
        assertTrue(second.err().contains("already has an open appeal"), second.err());

        JsonNode open = json(mbp("--json", "appeals", "list", "--open", "--now", "2026-12-14T00:00:00Z"));
        assertEquals(1, open.size());
        assertTrue(open.get(0).get("late").asBoolean(), "past its deadline: " + open);

        JsonNode d = json(mbp("--json", "appeals", "decide", id, "--outcome", "overturned", "--reason", "document checks out",
                "--now", "2026-12-01T09:00:00Z"));
        assertEquals("overturned", d.get("outcome").asText());
        assertEquals("verified", d.get("new_status").asText());
        assertFalse(d.get("late").asBoolean());
        JsonNode shown = json(mbp("--json", "kyc", "show", "acct-9-0"));
        assertEquals("verified", shown.get("status").asText());
        assertTrue(shown.get("by").asText().startsWith("appeal:" + id + " by carol"), shown.toString());
        assertEquals(0, json(mbp("--json", "appeals", "list", "--open")).size());
        Run again = mbp("appeals", "decide", id, "--outcome", "upheld", "--reason", "x");
        assertEquals(4, again.code());
        assertTrue(again.err().contains("decided already"), again.err());
    }

    @EveryEngine
    void anUpheldAppealLeavesTheBlockAndOnlyRejectedOrBlockedAccountsMayAppeal(TestDatabase engine) throws Exception {
        onboard(engine);
        String id = json(mbp("--json", "appeals", "open", "--account", "acct-9-1", "--reason", "not me", "--now", NOW)).get("appeal")
                .asText();
        JsonNode d = json(mbp("--json", "appeals", "decide", id, "--outcome", "upheld", "--reason", "alert confirmed", "--now",
                "2026-12-20T00:00:00Z"));
        assertTrue(d.get("late").asBoolean(), "decided after the 15-day deadline");
        assertEquals("blocked", json(mbp("--json", "kyc", "show", "acct-9-1")).get("status").asText());
        Run pending = mbp("appeals", "open", "--account", "acct-9-2", "--reason", "why");
        assertEquals(4, pending.code());
        assertTrue(pending.err().contains("only a rejected or blocked account may appeal"), pending.err());
        assertEquals(2, mbp("appeals", "decide", id, "--outcome", "maybe", "--reason", "x").code());
        assertEquals(2, mbp("appeals", "decide", id, "--outcome", "overturned", "--to", "pending", "--reason", "x").code());
        assertEquals(4, mbp("appeals", "decide", "appeal-999", "--outcome", "upheld", "--reason", "x").code());
        String id2 = json(mbp("--json", "appeals", "open", "--account", "acct-9-1", "--reason", "new evidence")).get("appeal").asText();
        ok(mbp("appeals", "decide", id2, "--outcome", "overturned", "--to", "review", "--reason", "look again"));
        assertEquals("review", json(mbp("--json", "kyc", "show", "acct-9-1")).get("status").asText());
    }
}

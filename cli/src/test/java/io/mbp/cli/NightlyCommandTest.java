package io.mbp.cli;

import io.mbp.cli.testing.Cli;
import io.mbp.sql.testing.EveryEngine;
import io.mbp.sql.testing.TestDatabase;
import io.mbp.cli.kyc.Onboarding;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import io.mbp.cli.custody.Secrets;
import io.mbp.sql.Database;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

class NightlyCommandTest {
    @TempDir
    Path tmp;

    private Map<String, String> env;

    @AfterEach
    void plainEnvironment() {
        Secrets.useEnvironment(null);
    }

    @EveryEngine
    void notReadyThenDoneThenNoOpThenForced(TestDatabase engine) throws Exception {
        String db = engine.url();
        String out = tmp.resolve("out").toString();
        Map<String, String> env = new java.util.HashMap<>(Map.of("MBP_KEY_PASSPHRASE", "test passphrase",
                "MBP_KEYFILE", tmp.resolve("keys.json").toString()));
        Secrets.useEnvironment(env::get);
        this.env = env;
        // H2 2.3.232's MVStore can fail to reopen a file it closed in the same JVM ("Double mark",
        // h2database#2752); holding one connection keeps the store open across the in-process runs.
        try (Database keepOpen = Database.openMigrated(db)) {
            run(db, out);
        }
    }

    private void run(String db, String out) throws Exception {
        Cli.Run empty = Cli.mbp("--db", db, "nightly", "--date", "2026-11-26", "--out", out, "--skip-anchor");
        assertEquals(69, empty.code(), empty.err());
        assertTrue(empty.err().contains("the event log is empty"), empty.err());
        assertEquals(0, Cli.mbp("--db", db, "keys", "init").code());
        // The key's creation is logged, so seal, anchor and evidence run; the day has no events to export.
        Cli.Run notReady = Cli.mbp("--db", db, "nightly", "--date", "2026-11-26", "--out", out, "--skip-anchor");
        assertEquals(69, notReady.code(), notReady.err());
        assertTrue(notReady.err().contains("no events are logged for 2026-11-26"), notReady.err());

        // The pipeline sample (PIX deposits and withdrawals): the foundation one carries ReportReceived
        // events for oracle events it never registers, which the oracle step rightly refuses to replay.
        Path sample = Path.of("..", "samples", "events", "2026-11-27-cash.ndjson");
        // its withdrawals' PIX keys are kept by vault reference: the customers are onboarded first (ADR 0703)
        Onboarding.sampleDay(db, tmp.resolve("vault"), env, false);
        assertEquals(0, Cli.mbp("--db", db, "events", "append", "--file", sample.toString()).code());
        Cli.Run ok = Cli.mbp("--db", db, "nightly", "--date", "2026-11-27", "--out", out, "--skip-anchor");
        assertEquals(0, ok.code(), ok.err());
        assertTrue(ok.out().contains("public-exports") && ok.out().contains("ok"), ok.out());
        Path export = Path.of(out, "exports", "2026-11-27", "events-2026-11-27.ndjson");
        assertEquals(Files.readAllLines(sample).size(), Files.readAllLines(export).size());
        // the signed truth files beside it (ADR 0605) and the status site linking them (ADR 0606)
        assertEquals(0, Cli.mbp("exports", "verify", Path.of(out, "exports", "2026-11-27").toString()).code());
        assertTrue(Files.readString(Path.of(out, "status", "en", "index.html")).contains("../../exports/2026-11-27/manifest.dsse.json"));

        assertEquals(0, ok.code(), ok.err());
        Cli.Run again = Cli.mbp("--db", db, "--json", "nightly", "--date", "2026-11-27", "--out", out, "--skip-anchor");
        JsonNode j = new ObjectMapper().readTree(again.out());
        assertTrue(j.get("already_completed").asBoolean());

        Cli.Run forced = Cli.mbp("--db", db, "--json", "nightly", "--date", "2026-11-27", "--force", "--out", out,
                "--skip-anchor");
        assertEquals(0, forced.code(), forced.err());
        assertEquals(13, new ObjectMapper().readTree(forced.out()).get("ran").size(), forced.out());
        assertTrue(ok.out().contains("skipped: no --psp") && ok.out().contains("skipped: no --statement-dir"), ok.out());
        assertTrue(ok.out().contains("SKIPPED (--skip-anchor)"), ok.out());
        // The forced re-run made no second checkpoint: the log grew only by seal's own bookkeeping event.
        try (Database d = Database.open(db)) {
            assertEquals(2, (int) d.read(dsl -> dsl.fetchCount(io.mbp.sql.schema.Tables.CHECKPOINTS)));
        }
        Cli.Run verified = Cli.mbp("evidence", "verify", Path.of(out, "evidence", "2026-11-27").toString(),
                "--previous", Path.of(out, "evidence", "2026-11-26").toString());
        assertEquals(0, verified.code(), verified.out() + verified.err());
        assertTrue(verified.out().contains("starts at the previous bundle's checkpoint (2026-11-26)"), verified.out());

        JsonNode list = new ObjectMapper().readTree(Cli.mbp("--db", db, "--json", "jobs", "list").out());
        assertEquals(4, list.size());
        assertEquals("FAILED", list.get(2).get("status").asText());
        assertEquals(69, list.get(2).get("exitCode").asInt());
        assertTrue(list.get(0).get("forced").asBoolean());
        assertEquals(4, Cli.mbp("--db", db, "jobs", "show", "99").code());
    }
}

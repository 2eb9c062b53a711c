package io.mbp.cli.evidence;

import static io.mbp.cli.testing.Cli.mbp;
import io.mbp.cli.testing.Cli.Run;
import io.mbp.sql.testing.EveryEngine;
import io.mbp.sql.testing.TestDatabase;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mbp.cli.custody.Secrets;
import io.mbp.cli.kyc.Onboarding;
import io.mbp.sql.Database;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * Evidence bundles through the CLI on H2 and SQLite: build, verify, replay; one event changed in
 * the bundle's SQLite file, one report line changed, the manifest changed: each fails and names it.
 */
class EvidenceCliTest {
    @TempDir
    Path tmp;

    static Run ok(Run r) {
        assertEquals(0, r.code(), r.out() + r.err());
        return r;
    }

    @AfterEach
    void plainEnvironment() {
        Secrets.useEnvironment(null);
    }

    @EveryEngine
    void buildVerifyReplayAndEveryTamperIsNamed(TestDatabase engine) throws Exception {
        String db = engine.url();
        Map<String, String> env = new java.util.HashMap<>(Map.of("MBP_KEY_PASSPHRASE", "test passphrase",
                "MBP_KEYFILE", tmp.resolve("keys.json").toString()));
        // Held open so H2 does not close and reopen its store in this JVM (h2database#2752).
        try (Database keepOpen = Database.openMigrated(db)) {
            // the sample day's withdrawals name PIX keys by vault reference: its customers come first (ADR 0703)
            Onboarding.sampleDay(db, tmp.resolve("vault"), env, false);
            ok(mbp("--db", db, "keys", "init"));
            ok(mbp("--db", db, "events", "append", "--file", Path.of("..", "samples", "events", "2026-11-27.ndjson").toString()));
            // the checkpoint covers every event logged before the seal: the onboarding's, the key's and the day's
            int sealed;
            try (Database now = Database.openMigrated(db)) {
                sealed = now.read(dsl -> dsl.fetchCount(org.jooq.impl.DSL.table("events")));
            }
            ok(mbp("--db", db, "seal"));
            Path pub = tmp.resolve("pub.txt");
            ok(mbp("--db", db, "keys", "export-public", "--out", pub.toString()));
            Path bundle = tmp.resolve("bundle");
            Run built = ok(mbp("--db", db, "evidence", "build", "--date", "2026-11-27", "--out", bundle.toString()));
            // the onboarding events (logged at the wall clock's date) come first: the day is the next 2417 events
            java.util.regex.Matcher day = java.util.regex.Pattern.compile("2026-11-27: seq (\\d+)\\.\\.(\\d+)").matcher(built.out());
            assertTrue(day.find(), built.out());
            assertEquals(2417, Long.parseLong(day.group(2)) - Long.parseLong(day.group(1)) + 1, built.out());
            // a sample-day event (onboarding events hold random ciphertext, so tampering one is not deterministic)
            checks(bundle, pub, sealed, Long.parseLong(day.group(1)) + 6);
            sprints(db, pub);
        }
    }

    private void sprints(String db, Path pub) throws Exception {
        Run s20 = ok(mbp("--db", db, "--json", "evidence", "build", "--sprint", "S20", "--out", tmp.resolve("s20").toString()));
        assertTrue(s20.out().contains("\"sections_without_source\":[]"), s20.out());
        assertTrue(Files.readString(tmp.resolve("s20/manifest.json")).contains("reports/privacy.txt"));
        String privacy = Files.readString(tmp.resolve("s20/reports/privacy.txt"));
        assertTrue(privacy.contains("dsr requests 0 answered 0") && privacy.contains("  kyc verified 0"), privacy);
        ok(mbp("evidence", "verify", tmp.resolve("s20").toString(), "--pubkey", pub.toString()));

        // S19 takes the formal pack's output from where `mbp formal check` writes it: the bundle's own folder.
        Path s19 = tmp.resolve("S19_formal_audit");
        Files.createDirectories(s19.resolve("tla"));
        Files.writeString(s19.resolve("summary.json"), "{\"ok\": true}\n");
        Files.writeString(s19.resolve("manifest.json"), "{\"formal\": true}\n");
        Files.writeString(s19.resolve("tla/Spec.tla"), "---- MODULE Spec ----\n====\n");
        Run built = ok(mbp("--db", db, "evidence", "build", "--sprint", "S19_formal_audit", "--out", s19.toString()));
        assertTrue(!built.out().contains("section S19"), built.out());
        assertEquals("{\"formal\": true}\n", Files.readString(s19.resolve("formal/manifest.json")));
        assertTrue(Files.isRegularFile(s19.resolve("formal/tla/Spec.tla")));
        ok(mbp("evidence", "verify", s19.toString(), "--pubkey", pub.toString()));
        // Rebuilding over a bundle keeps its formal section.
        ok(mbp("--db", db, "evidence", "build", "--sprint", "S19", "--out", s19.toString()));
        assertTrue(Files.isRegularFile(s19.resolve("formal/summary.json")));
        assertEquals(4, mbp("--db", db, "evidence", "build", "--sprint", "S30").code());
        canaryAndGa(db, pub);
    }

    /** S23 and S24 have sources now (issue 16): their reports, the GA report rendered, the audit workpapers copied in. */
    private void canaryAndGa(String db, Path pub) throws Exception {
        Run s23 = ok(mbp("--db", db, "--json", "evidence", "build", "--sprint", "S23", "--out", tmp.resolve("s23").toString()));
        assertTrue(s23.out().contains("\"sections_without_source\":[]"), s23.out());
        String m23 = Files.readString(tmp.resolve("s23/manifest.json"));
        assertTrue(m23.contains("reports/canary-release.txt") && !m23.contains("no source capability yet"), m23);
        assertTrue(Files.readString(tmp.resolve("s23/reports/canary-release.txt")).startsWith("release events 0: no evidence"));
        assertTrue(Files.isRegularFile(tmp.resolve("s23/reports/recon-streak.txt")));
        ok(mbp("evidence", "verify", tmp.resolve("s23").toString(), "--pubkey", pub.toString()));

        Path audit = Files.createDirectories(tmp.resolve("audit-2"));
        Files.writeString(audit.resolve("report.json"), "{\"kind\": \"custody-audit\", \"clean\": true}\n");
        Run s24 = ok(mbp("--db", db, "--json", "evidence", "build", "--sprint", "S24", "--out", tmp.resolve("s24").toString(),
                "--audit", audit.toString()));
        assertTrue(s24.out().contains("\"sections_without_source\":[]"), s24.out());
        String md = Files.readString(tmp.resolve("s24/ga/report.md"));
        assertTrue(md.startsWith("# MBP GA report\n") && md.contains("## KPIs over the period"), md);
        assertEquals(md, Files.readString(tmp.resolve("s24/reports/ga.txt")), "the rendered Markdown is the replayed report");
        String html = Files.readString(tmp.resolve("s24/ga/report.html"));
        assertTrue(html.contains("<h1>MBP GA report</h1>") && html.contains("default-src 'none'"), html);
        assertTrue(Files.readString(tmp.resolve("s24/reports/gates.txt")).startsWith("gate checks 0: no evidence"));
        assertEquals("{\"kind\": \"custody-audit\", \"clean\": true}\n", Files.readString(tmp.resolve("s24/custody-audit/report.json")));
        ok(mbp("evidence", "verify", tmp.resolve("s24").toString(), "--pubkey", pub.toString()));
        Run replayed = ok(mbp("evidence", "replay", tmp.resolve("s24").toString()));
        assertTrue(replayed.out().contains("gates, ga recomputed and identical"), replayed.out());
    }

    /** {@code total}: the events in the log (the onboarding's, the key's and the day's), all in the bundle (ADR 0601). */
    private void checks(Path bundle, Path pub, long total, long tampered) throws Exception {
        Run verified = ok(mbp("evidence", "verify", bundle.toString(), "--pubkey", pub.toString()));
        assertTrue(verified.out().contains("all " + total + " events are included in checkpoint #1"), verified.out());
        // The reports were computed on the operator's database (H2 or SQLite); replay recomputes them
        // from the bundle's SQLite events alone and gets the same lines.
        Run replayed = ok(mbp("evidence", "replay", bundle.toString()));
        assertTrue(replayed.out().contains("replayed " + total + " events; reports events, custody, oracle, settlements, payouts, reconciliation, privacy, screening, aml, sre-dr, oracle-rounds, market-quality, gates, canary-release, recon-streak, ga, platform recomputed and identical"), replayed.out());
        String quality = Files.readString(bundle.resolve("reports/market-quality.txt"));
        assertTrue(quality.startsWith("market quality from 2026-11-27T00:00:00Z to 2026-11-28T00:00:00Z step_seconds 60"), quality);
        assertTrue(quality.contains("\nmarket PTAX-ABOVE-5_40-2026-11-27 samples "), "each of the sample day's markets: " + quality);
        assertTrue(Files.readString(bundle.resolve("reports/oracle-rounds.txt")).startsWith("oracle rounds "));
        assertTrue(Files.readString(bundle.resolve("manifest.json")).contains("\"reports_without_source\" : [ ]"),
                "nothing listed as missing any more");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + bundle.resolve("evidence.sqlite"))) {
            assertTrue(c.createStatement().executeQuery("SELECT count(*) FROM events").getInt(1) == total);
        }

        Path event = copy(bundle, "tampered-event");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + event.resolve("evidence.sqlite"));
             Statement st = c.createStatement()) {
            st.execute("DROP TRIGGER events_no_update");
            assertEquals(1, st.executeUpdate("UPDATE events SET payload = replace(payload, '0', '9') WHERE seq = " + tampered));
        }
        Run v1 = mbp("evidence", "verify", event.toString(), "--pubkey", pub.toString());
        assertEquals(3, v1.code(), v1.out());
        assertTrue(v1.err().contains("file evidence.sqlite: SHA-256"), v1.err());
        assertTrue(v1.err().contains("events: event " + tampered + " ("), v1.err());
        assertTrue(v1.err().contains("inclusion: the events hash to root"), v1.err());
        Run r1 = mbp("evidence", "replay", event.toString());
        assertEquals(3, r1.code(), r1.out());
        assertTrue(r1.err().contains("event " + tampered + " ("), r1.err());

        Path report = copy(bundle, "tampered-report");
        Path events = report.resolve("reports/events.txt");
        List<String> lines = Files.readAllLines(events);
        Files.writeString(events, String.join("\n", lines).replace("streams ", "streams 1") + "\n");
        Run v2 = mbp("evidence", "verify", report.toString(), "--pubkey", pub.toString());
        assertEquals(3, v2.code(), v2.out());
        assertTrue(v2.err().contains("file reports/events.txt: SHA-256"), v2.err());
        Run r2 = mbp("evidence", "replay", report.toString());
        assertEquals(3, r2.code(), r2.out());
        assertTrue(r2.err().contains("reports/events.txt line 4: the bundle says 'streams 1"), r2.err());

        // An attacker who also fixes the report's hash in the manifest breaks the signature instead.
        ObjectNode m = (ObjectNode) new ObjectMapper().readTree(report.resolve("manifest.json").toFile());
        m.withArray("files").forEach(f -> {
            if (f.get("path").asText().equals("reports/events.txt")) {
                ((ObjectNode) f).put("sha256", sha256(events)).put("size", events.toFile().length());
            }
        });
        Files.writeString(report.resolve("manifest.json"), m.toPrettyString() + "\n");
        Run v3 = mbp("evidence", "verify", report.toString(), "--pubkey", pub.toString());
        assertEquals(3, v3.code(), v3.out());
        assertTrue(v3.err().contains("manifest: manifest.json differs from the manifest signed in manifest.dsse.json"), v3.err());
        assertTrue(!v3.err().contains("file reports/events.txt"), v3.err());

        Path added = copy(bundle, "added-file");
        Files.writeString(added.resolve("reports/extra.txt"), "x\n");
        Run v4 = mbp("evidence", "verify", added.toString(), "--pubkey", pub.toString());
        assertEquals(3, v4.code());
        assertTrue(v4.err().contains("file reports/extra.txt: not in the manifest"), v4.err());
    }

    private Path copy(Path from, String name) throws IOException {
        Path to = tmp.resolve(name);
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
        return to;
    }

    private static String sha256(Path p) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String read(Path p) throws IOException {
        return Files.readString(p, StandardCharsets.UTF_8);
    }
}

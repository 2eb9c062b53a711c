package io.mbp.cli.kyc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mbp.cli.Clocks;
import io.mbp.sql.testing.EveryEngine;
import io.mbp.sql.testing.TestDatabase;
import io.mbp.cli.custody.Secrets;
import io.mbp.cli.testing.Cli;
import io.mbp.kyc.sim.KycSimConfig;
import io.mbp.kyc.sim.KycSimServer;
import io.mbp.kyc.sim.KycSimulator;
import io.mbp.payout.sim.PspSimServer;
import io.mbp.payout.sim.PspSimulator;
import io.mbp.payout.sim.SimConfig;
import io.mbp.sql.Database;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.FileAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.layout.PatternLayout;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The "no clear personal data outside the vault" check of issue 12 (phases 1 and 2): onboard the sample
 * day's customers through a misbehaving provider, review, revoke, rotate, show masked, export the
 * log; append the day's withdrawals, pay them through the PSP, run the nightly (seal, evidence
 * bundle, public exports, reports); then search every output for every clear value of every customer: stdout and stderr of
 * each command, the log file (at DEBUG), the NDJSON and CSV exports, the events table, and the raw
 * bytes of the database file. Only the vault's wrapped keys and the events' ciphertext may hold them.
 * That whole day runs on H2 (a minute and a half of onboarding, payouts and the nightly); what each
 * engine stores (the tables, and the H2 and SQLite files with SQLite's WAL) is searched on every
 * engine for a dozen customers, a rotation, a revocation and a withdrawal naming a clear key.
 */
class PrivacyGrepTest {
    static final Path SAMPLE = Path.of("..", "samples", "customers", "2026-11-27.ndjson");
    static final Path CASH = Path.of("..", "samples", "events", "2026-11-27-cash.ndjson");

    @TempDir
    Path tmp;
    String db;
    final Map<String, String> env = new HashMap<>();
    final StringBuilder outputs = new StringBuilder();
    FileAppender appender;

    int mbp(String... args) {
        Cli.Run r = run(args);
        r.ok(args);
        return r.code();
    }

    int mbpExit(Set<Integer> allowed, String... args) {
        Cli.Run r = run(args);
        assertTrue(allowed.contains(r.code()), () -> String.join(" ", args) + " exited " + r.code() + "\n" + r.out() + r.err());
        return r.code();
    }

    /** {@code mbp --db db args}; what it printed joins the outputs searched for clear values. */
    private Cli.Run run(String... args) {
        Cli.Run r = Cli.mbpOn(db, args);
        outputs.append(r.out()).append('\n').append(r.err()).append('\n');
        return r;
    }

    void captureLogs(Path file) {
        LoggerContext ctx = (LoggerContext) LogManager.getContext(false);
        Configuration cfg = ctx.getConfiguration();
        appender = FileAppender.newBuilder().setName("privacy-grep").withFileName(file.toString())
                .setLayout(PatternLayout.newBuilder().withPattern("%d %-5level %c{1} - %msg%n").build()).build();
        appender.start();
        cfg.addAppender(appender);
        cfg.getRootLogger().addAppender(appender, Level.DEBUG, null);
        cfg.getRootLogger().setLevel(Level.DEBUG);
        ctx.updateLoggers();
    }

    @AfterEach
    void stopCapturing() {
        Secrets.useEnvironment(null);
        if (appender != null) {
            LoggerContext ctx = (LoggerContext) LogManager.getContext(false);
            ctx.getConfiguration().getRootLogger().removeAppender("privacy-grep");
            ctx.getConfiguration().getRootLogger().setLevel(Level.WARN);
            ctx.updateLoggers();
            appender.stop();
        }
    }

    static Set<String> clearValues() throws IOException {
        Set<String> values = new LinkedHashSet<>();
        for (String line : Files.readAllLines(SAMPLE, StandardCharsets.UTF_8)) {
            JsonNode c = Customers.JSON.readTree(line);
            values.addAll(Customers.clearValues((ObjectNode) c));
            values.add(c.get("full_name").asText().toUpperCase(java.util.Locale.ROOT));
        }
        return values;
    }

    @EveryEngine
    void noEngineStoresAClearPersonalValueOutsideTheVault(TestDatabase engine) throws Exception {
        db = engine.url("mbp");
        env.put("MBP_VAULT_PASSPHRASE", "grep test passphrase");
        env.put("MBP_KEK_FILE", tmp.resolve("keys/vault-kek.json").toString());
        Secrets.useEnvironment(env::get);
        List<String> customers = Files.readAllLines(SAMPLE, StandardCharsets.UTF_8).subList(0, 12);
        Set<String> clear = new LinkedHashSet<>();
        for (String line : customers) {
            JsonNode c = Customers.JSON.readTree(line);
            clear.addAll(Customers.clearValues((ObjectNode) c));
            clear.add(c.get("full_name").asText().toUpperCase(java.util.Locale.ROOT));
        }
        String key = Customers.JSON.readTree(customers.get(1)).get("pix_key").asText();
        mbp("privacy", "kek", "init");
        mbp("kyc", "onboard", "--file", Files.write(tmp.resolve("few.ndjson"), customers).toString(), "--now", "2026-11-27T08:00:00Z");
        mbp("privacy", "consent", "revoke", "--account", "acct-0001", "--purpose", "payouts");
        mbp("privacy", "kek", "rotate");
        mbp("events", "append", "--file", Files.write(tmp.resolve("withdrawal.ndjson"), List.of(
                "{\"type\":\"DepositReceived\",\"stream\":\"acct-0002\",\"ts\":\"2026-11-27T10:00:00Z\",\"payload\":"
                        + "{\"account\":\"acct-0002\",\"amount\":50000,\"e2eid\":\"E-GREP-1\"}}",
                "{\"type\":\"WithdrawalRequested\",\"stream\":\"acct-0002\",\"ts\":\"2026-11-27T11:00:00Z\",\"payload\":"
                        + "{\"withdrawal_id\":\"wd-grep\",\"account\":\"acct-0002\",\"amount\":12000,\"pix_key\":\"" + key + "\"}}"))
                .toString());
        StringBuilder stored = new StringBuilder();
        try (Database d = Database.openMigrated(db)) {
            for (String table : List.of("events", "privacy_subjects", "privacy_deks", "privacy_secrets")) {
                d.read(dsl -> dsl.fetch("SELECT * FROM " + table)).forEach(r -> stored.append(r.formatCSV(false)));
            }
        }
        assertTrue(stored.indexOf("KycSubmitted") >= 0 && stored.indexOf("WithdrawalRequested") >= 0, "the log holds the run");
        String prefix = engine.is(io.mbp.sql.Engine.H2) ? "jdbc:h2:file:" : "jdbc:sqlite:";
        if (!engine.is(io.mbp.sql.Engine.POSTGRESQL)) {
            Path file = Path.of(db.substring(prefix.length()));
            for (Path p : List.of(file, Path.of(file + ".mv.db"), Path.of(file + "-wal"))) {
                if (Files.exists(p)) {
                    stored.append(new String(Files.readAllBytes(p), StandardCharsets.ISO_8859_1));
                    stored.append(new String(Files.readAllBytes(p), StandardCharsets.UTF_8));
                }
            }
        }
        List<String> leaks = clear.stream().filter(v -> stored.indexOf(v) >= 0).toList();
        assertEquals(List.of(), leaks, "clear values stored by " + engine);
        assertFalse(outputs.toString().contains(key), "the PIX key is not echoed");
    }

    @Test
    void noClearPersonalValueOfTheSampleCustomersIsAnywhereOutsideTheVault() throws Exception {
        Path logFile = tmp.resolve("logs/mbp.log");
        captureLogs(logFile);
        db = "jdbc:h2:file:" + tmp.resolve("mbp").toAbsolutePath();
        env.put("MBP_VAULT_PASSPHRASE", "grep test passphrase");
        env.put("MBP_KEK_FILE", tmp.resolve("keys/vault-kek.json").toString());
        Secrets.useEnvironment(env::get);
        Set<String> clear = clearValues();
        assertTrue(clear.size() > 240 * 5, "the sample has its customers");

        mbp("privacy", "kek", "init");
        KycSimConfig vendor = new KycSimConfig(27, 0, 10, 1500, 5, 20, false, 30, null);
        try (KycSimServer sim = new KycSimServer(new KycSimulator(vendor), 0).start()) {
            mbp("--verbose", "kyc", "onboard", "--file", SAMPLE.toString(), "--now", "2026-11-27T08:00:00Z",
                    "--provider", sim.baseUrl(), "--provider-timeout", "300");
            mbp("--verbose", "kyc", "verify", "--provider", sim.baseUrl(), "--as", "grep-test");
        }
        mbp("kyc", "review", "list", "--all");
        mbp("privacy", "consent", "revoke", "--account", "acct-0001", "--purpose", "payouts");
        mbp("privacy", "consent", "list", "--account", "acct-0001", "--history");
        mbp("--verbose", "privacy", "kek", "rotate");
        mbp("kyc", "show", "acct-0001");
        mbp("--json", "kyc", "show", "acct-0002");
        // `events export` streams to System.out itself.
        java.io.PrintStream stdout = System.out;
        java.io.ByteArrayOutputStream exported = new java.io.ByteArrayOutputStream();
        try {
            System.setOut(new java.io.PrintStream(exported, true, StandardCharsets.UTF_8));
            mbp("events", "export");
            mbp("events", "export", "--format", "csv");
        } finally {
            System.setOut(stdout);
        }
        outputs.append(exported.toString(StandardCharsets.UTF_8));
        mbp("events", "stats");

        // Phase 2: the day's withdrawals (clear keys in the input file), payouts through the PSP, the nightly
        // (seal, evidence bundle, public exports, its reports): every file they write is searched below.
        mbp("events", "append", "--file", CASH.toString());
        Path out = tmp.resolve("out");
        env.put("MBP_KEY_PASSPHRASE", "grep test operator passphrase");
        env.put("MBP_KEYFILE", tmp.resolve("keys/operator-keys.json").toString());
        PspSimulator psp = new PspSimulator(SimConfig.clean(27), Clocks.startingAt("2026-11-27T20:00:00Z", java.time.Clock.systemUTC()));
        try (PspSimServer server = new PspSimServer(psp, 0).start()) {
            // some customers were rejected or are in review: the gate refuses them (exit 3), the rest are paid
            mbpExit(Set.of(0, 3), "--verbose", "payouts", "run", "--date", "2026-11-27", "--psp", server.baseUrl());
            mbpExit(Set.of(0, 3), "--json", "payouts", "run", "--date", "2026-11-27", "--psp", server.baseUrl(), "--unverified-limit", "5000");
            mbp("payouts", "list");
            mbp("--json", "payouts", "list");
            mbp("payouts", "statement", "--psp", server.baseUrl(), "--date", "2026-11-27", "--format", "csv", "--out",
                    out.resolve("statement.csv").toString());
            mbp("keys", "init");
            mbpExit(Set.of(0, 69), "--verbose", "nightly", "--date", "2026-11-27", "--out", out.toString(), "--skip-anchor",
                    "--psp", server.baseUrl());
        }
        assertTrue(psp.paidCount() > 20, "the verified customers were paid: " + psp.paidCount());
        assertTrue(Files.exists(out.resolve("exports/2026-11-27/events-2026-11-27.ndjson")), "public export written");
        assertTrue(Files.exists(out.resolve("evidence/2026-11-27/evidence.sqlite")), "bundle written");
        StringBuilder written = new StringBuilder();
        try (Stream<Path> all = Files.walk(out)) {
            for (Path p : all.filter(Files::isRegularFile).toList()) {
                written.append(new String(Files.readAllBytes(p), StandardCharsets.ISO_8859_1));
                written.append(new String(Files.readAllBytes(p), StandardCharsets.UTF_8));
            }
        }
        String export = Files.readString(out.resolve("exports/2026-11-27/events-2026-11-27.ndjson"));
        for (String notPublic : List.of("\"pix_key\":", "\"pix_key_ref\":", "\"pix_key_enc\":", "\"subject\":", "sub-", "mbp1:",
                "KycSubmitted", "FieldDecrypted")) {
            assertFalse(export.contains(notPublic), "the public export holds no " + notPublic);
        }
        assertTrue(export.contains("\"redacted\":[\"pix_key_ref\",\"subject\"]"), "withdrawals are exported without their payee");

        StringBuilder table = new StringBuilder();
        try (Database d = Database.openMigrated(db)) {
            d.read(dsl -> dsl.fetch("SELECT * FROM events")).forEach(r -> table.append(r.formatCSV(false)));
            d.read(dsl -> dsl.fetch("SELECT * FROM privacy_subjects")).forEach(r -> table.append(r.formatCSV(false)));
            d.read(dsl -> dsl.fetch("SELECT * FROM privacy_deks")).forEach(r -> table.append(r.formatCSV(false)));
            d.read(dsl -> dsl.fetch("SELECT * FROM privacy_secrets")).forEach(r -> table.append(r.formatCSV(false)));
        }
        assertTrue(table.indexOf("KycSubmitted") >= 0 && table.indexOf("FieldDecrypted") >= 0, "the log holds the onboarding");
        assertTrue(outputs.indexOf("\"type\":\"KycSubmitted\"") >= 0, "the export ran");
        String logs;
        try (Stream<Path> files = Files.walk(logFile.getParent())) {
            StringBuilder b = new StringBuilder();
            for (Path p : files.filter(Files::isRegularFile).toList()) {
                b.append(Files.readString(p, StandardCharsets.UTF_8));
            }
            logs = b.toString();
        }
        assertTrue(logs.contains("onboarding") && logs.contains("KEK rotated"), "the log file captured the run:\n" + logs);
        String raw;
        try (Stream<Path> files = Files.list(tmp)) {
            StringBuilder b = new StringBuilder();
            for (Path p : files.filter(p -> p.getFileName().toString().startsWith("mbp")).toList()) {
                b.append(new String(Files.readAllBytes(p), StandardCharsets.ISO_8859_1));
                b.append(new String(Files.readAllBytes(p), StandardCharsets.UTF_8));
            }
            raw = b.toString();
        }
        Map<String, String> where = Map.of("stdout/stderr", outputs.toString(), "log files", logs, "database tables",
                table.toString(), "database file bytes", raw, "vault key file", Files.readString(tmp.resolve("keys/vault-kek.json")),
                "nightly outputs (public exports, evidence bundle, reports, statement)", written.toString());
        List<String> leaks = new ArrayList<>();
        for (String v : clear) {
            where.forEach((name, text) -> {
                if (text.contains(v)) {
                    leaks.add(name + ": " + v);
                }
            });
        }
        assertEquals(List.of(), leaks.subList(0, Math.min(10, leaks.size())), leaks.size() + " clear values found");
    }
}

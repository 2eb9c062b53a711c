package io.mbp.cli.backup;

import static io.mbp.cli.testing.Cli.mbp;
import io.mbp.cli.testing.Cli.Run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mbp.custody.NoteSigner;
import io.mbp.custody.SealService;
import io.mbp.events.EventLog;
import io.mbp.market.MarketCommand;
import io.mbp.market.MarketEngine;
import io.mbp.market.MarketService;
import io.mbp.sql.Database;
import io.mbp.sql.testing.PostgresServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * `mbp backup create` and `mbp backup restore` on real database files: a sealed log comes back
 * verified; a damaged file, a rewritten event, a foreign key and a non-fresh target are each refused
 * with their own exit code. H2 and SQLite here (the restore target is a file); PostgreSQL restores
 * into a database created for the test, since the backup's schema lives on in the source database.
 */
class BackupCliTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-01T12:00:00Z"), ZoneOffset.UTC);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    private String url(String engine, String name) {
        return engine.equals("h2") ? "jdbc:h2:file:" + tmp.resolve(name).toAbsolutePath() : "jdbc:sqlite:" + tmp.resolve(name + ".sqlite");
    }

    /** A market, deposits and orders, sealed by {@code signer}; returns the verifier key file. */
    private Path sealedLog(String url, NoteSigner signer, int deposits) throws Exception {
        try (Database db = Database.openMigrated(url)) {
            MarketService svc = new MarketService(db, new MarketEngine(), CLOCK);
            svc.load();
            List<MarketCommand> cmds = new ArrayList<>();
            cmds.add(new MarketCommand.CreateMarket("BK", "EV-BK", List.of("YES", "NO"), 200, null, null, null, "lp", 1_000_000_000L, "E-LP"));
            for (int i = 0; i < deposits; i++) {
                cmds.add(new MarketCommand.Deposit("acct-" + i, 10_000L + i, "E-BK-" + i, null, null));
            }
            svc.commit(cmds, false);
            new SealService(db, CLOCK).seal(signer);
            svc.load();
            svc.commit(List.of(new MarketCommand.Deposit("acct-late", 5_000L, "E-BK-late", null, null)), false);
        }
        Path pub = tmp.resolve(signer.name() + ".pub");
        Files.writeString(pub, signer.verifier().text() + "\n");
        return pub;
    }

    private static NoteSigner signer(String name, int seed) {
        byte[] s = new byte[32];
        Arrays.fill(s, (byte) seed);
        return new NoteSigner(name, s);
    }

    private static long logSize(String url) {
        try (Database db = Database.openMigrated(url)) {
            return new EventLog(db).size();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "sqlite"})
    void aSealedLogComesBackVerified(String engine) throws Exception {
        String src = url(engine, "src");
        Path pub = sealedLog(src, signer("ops.example", 7), 40);
        Run c = mbp("--db", src, "--json", "backup", "create", "--out", tmp.resolve("bk").toString());
        assertEquals(0, c.code(), c.err());
        JsonNode m = JSON.readTree(tmp.resolve("bk").resolve("manifest.json").toFile());
        assertEquals("mbp-backup/1", m.get("format").asText());
        assertEquals(logSize(src), m.get("log_size").asLong());
        assertEquals(64, m.get("files").get(0).get("sha256").asText().length());

        String dst = url(engine, "restored");
        Run r = mbp("--db", dst, "--json", "backup", "restore", tmp.resolve("bk").toString(), "--pubkey", pub.toString());
        assertEquals(0, r.code(), r.out() + r.err());
        JsonNode out = JSON.readTree(r.out());
        assertTrue(out.get("verified").asBoolean());
        assertEquals(4, out.get("checks").size(), r.out());
        assertEquals(logSize(src), logSize(dst));

        Run again = mbp("--db", dst, "backup", "restore", tmp.resolve("bk").toString(), "--pubkey", pub.toString());
        assertEquals(4, again.code(), "a restore never goes over a database: " + again.err());
        assertTrue(again.err().contains("fresh database"), again.err());
        Path other = tmp.resolve("other.pub");
        Files.writeString(other, signer("ops.other", 9).verifier().text() + "\n");
        Run f = mbp("--db", url(engine, "restored2"), "backup", "restore", tmp.resolve("bk").toString(), "--pubkey", other.toString());
        assertEquals(3, f.code(), f.out());
        assertTrue(f.err().contains("checkpoints: #1: not signed by the given key ops.other"), f.err());
        Run notEmpty = mbp("--db", src, "backup", "create", "--out", tmp.resolve("bk").toString());
        assertEquals(4, notEmpty.code(), notEmpty.err());
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "sqlite"})
    void aDamagedBackupFileIsRefusedAndNothingIsRestored(String engine) throws Exception {
        String src = url(engine, "src");
        sealedLog(src, signer("ops.example", 7), 5);
        assertEquals(0, mbp("--db", src, "backup", "create", "--out", tmp.resolve("bk").toString()).code());
        Path file = Files.list(tmp.resolve("bk")).filter(p -> !p.getFileName().toString().equals("manifest.json")).findFirst().orElseThrow();
        byte[] b = Files.readAllBytes(file);
        b[b.length / 2] ^= 0x01;
        Files.write(file, b);
        String dst = url(engine, "restored");
        Run r = mbp("--db", dst, "backup", "restore", tmp.resolve("bk").toString());
        assertEquals(3, r.code(), r.err());
        assertTrue(r.err().contains("sha256"), r.err());
        assertFalse(Files.exists(Path.of(engine.equals("h2") ? tmp.resolve("restored.mv.db").toString() : tmp.resolve("restored.sqlite").toString())));
    }

    @Test
    void aRewrittenEventIsNamedByItsSeq() throws Exception {
        String src = url("sqlite", "src");
        Path pub = sealedLog(src, signer("ops.example", 7), 10);
        long seq;
        try (Connection c = DriverManager.getConnection(src); Statement st = c.createStatement()) {
            // what a superuser could do behind mbp's back: drop the guard and rewrite an event
            List<String> triggers = new ArrayList<>();
            try (var rs = st.executeQuery("SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'events'")) {
                while (rs.next()) {
                    triggers.add(rs.getString(1));
                }
            }
            for (String t : triggers) {
                st.execute("DROP TRIGGER " + t);
            }
            try (var rs = st.executeQuery("SELECT min(seq) FROM events WHERE payload LIKE '%10003%'")) {
                rs.next();
                seq = rs.getLong(1);
            }
            assertEquals(1, st.executeUpdate("UPDATE events SET payload = replace(payload, '10003', '90003') WHERE seq = " + seq));
        }
        assertEquals(0, mbp("--db", src, "backup", "create", "--out", tmp.resolve("bk").toString()).code());
        Run r = mbp("--db", url("sqlite", "restored"), "backup", "restore", tmp.resolve("bk").toString(), "--pubkey", pub.toString());
        assertEquals(3, r.code(), r.out());
        assertTrue(r.err().contains("leaves: events " + seq + " do not hash"), r.err());
        assertTrue(r.err().contains("checkpoints: #1: root"), r.err());

    }

    @Test
    void postgresRestoresIntoAFreshDatabase() throws Exception {
        String pg = PostgresServer.urlOrSkip();
        String schema = "bk_" + Long.toHexString(System.nanoTime());
        String fresh = "restore_" + Long.toHexString(System.nanoTime());
        try (Connection c = DriverManager.getConnection(pg); Statement st = c.createStatement()) {
            st.execute("CREATE SCHEMA " + schema);
            st.execute("CREATE DATABASE " + fresh);
        }
        String src = pg + (pg.contains("?") ? "&" : "?") + "currentSchema=" + schema;
        String dst = pg.replaceFirst("/([a-zA-Z0-9_]+)(\\?|$)", "/" + fresh + "$2");
        try {
            Path pub = sealedLog(src, signer("ops.example", 7), 20);
            Run c = mbp("--db", src, "backup", "create", "--out", tmp.resolve("bk").toString());
            assertEquals(0, c.code(), c.err());
            assertFalse(c.out().contains("password="), c.out());
            Run r = mbp("--db", dst, "backup", "restore", tmp.resolve("bk").toString(), "--pubkey", pub.toString());
            assertEquals(0, r.code(), r.out() + r.err());
            assertEquals(logSize(src), logSize(dst));
            Run again = mbp("--db", dst, "backup", "restore", tmp.resolve("bk").toString());
            assertEquals(4, again.code(), again.err());
        } finally {
            try (Connection c = DriverManager.getConnection(pg); Statement st = c.createStatement()) {
                st.execute("DROP SCHEMA " + schema + " CASCADE");
                st.execute("DROP DATABASE IF EXISTS " + fresh + " WITH (FORCE)");
            }
        }
    }
}

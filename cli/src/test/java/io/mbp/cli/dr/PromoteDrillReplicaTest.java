package io.mbp.cli.dr;

import static io.mbp.cli.testing.Cli.mbp;
import io.mbp.cli.testing.Cli.Run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mbp.cli.custody.Secrets;
import io.mbp.sql.testing.PostgresServer;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 18: the promotion drill end to end on a real streaming replica (`scripts/postgres replica
 * create`: pg_basebackup, hot standby) of the test server. Two seconds of orders on the primary, the
 * replica promoted mid-load; the report gives RPO (events_lost, 0 on loopback, or else an RPO in
 * seconds) and a positive RTO; the promoted replica took an order, its market invariants hold and a
 * seal over its whole log passes. PostgreSQL only, and only when the test server is the cluster
 * scripts/postgres runs in this checkout (the replica is made from it).
 */
class PromoteDrillReplicaTest {
    private static final Path SCRIPT = Path.of("..", "scripts", "postgres").toAbsolutePath().normalize();
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    private String schema;
    private String lastError = "";

    @AfterEach
    void cleanUp() throws Exception {
        Secrets.useEnvironment(null);
        script("replica", "stop"); // the promoted replica is no standby any more; the next create starts over
        if (schema != null) {
            PostgresServer.execute(PostgresServer.urlOrSkip(), "DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        }
    }

    @Test
    void theDrillPromotesAReplicaMidLoadAndReportsRpoAndRto() throws Exception {
        String primary = PostgresServer.urlOrSkip();
        String local = script("url");
        Assumptions.assumeTrue(local != null && hostPort(local).equals(hostPort(primary)),
                "the drill's replica is made by scripts/postgres from its own cluster, which is not the test server "
                        + hostPort(primary));
        String replica = script("replica", "create");
        assertTrue(replica != null && replica.startsWith("jdbc:postgresql:"),
                "scripts/postgres replica create failed: " + lastError);
        String admin = script("replica", "url", "--admin");

        Path out = tmp.resolve("drill");
        Run r = mbp("--db", primary, "dr", "promote-drill", "--replica", replica, "--replica-admin", admin,
                "--seconds", "2", "--clients", "4", "--out", out.toString());
        assertEquals(0, r.code(), r.out() + r.err());
        JsonNode report = JSON.readTree(out.resolve("report.json").toFile());
        schema = report.get("schema").asText();
        assertEquals("asynchronous", report.get("replication").asText());
        assertTrue(report.get("acknowledged_before_failover").asLong() > 0, report.toString());
        long lost = report.get("events_lost").asLong();
        double rpo = report.get("rpo_seconds").asDouble();
        assertTrue(lost == 0 ? rpo == 0 : rpo > 0, "RPO measured: " + report);
        assertTrue(lost <= report.get("acknowledged_before_failover").asLong(), report.toString());
        assertTrue(report.get("rto_seconds").asDouble() > 0, "RTO measured: " + report);
        assertTrue(r.out().contains("RPO ") && r.out().contains("RTO "), r.out());

        // the promoted replica is a primary of its own now: it took the first order after the failover,
        // its market invariants hold and its whole log seals
        String promoted = PromoteDrill.withSchema(replica, schema);
        long size = report.get("replica_log_size").asLong();
        assertTrue(size > 0, report.toString());
        Secrets.useEnvironment(Map.of("MBP_KEY_PASSPHRASE", "test passphrase", "MBP_KEYFILE",
                tmp.resolve("keys.json").toString())::get);
        Run check = mbp("--db", promoted, "market", "check");
        assertEquals(0, check.code(), check.out() + check.err());
        assertEquals(size, events(promoted), "the report's replica log size is the promoted replica's log");
        assertEquals(0, mbp("--db", promoted, "keys", "init").code()); // logs the new signing key: one event more
        long sealed = events(promoted);
        Run seal = mbp("--db", promoted, "seal");
        assertEquals(0, seal.code(), seal.out() + seal.err());
        assertTrue(seal.out().contains("sealed checkpoint #1: " + sealed + " events"), sealed + " events expected: " + seal.out());
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(promoted);
             java.sql.ResultSet rs = c.createStatement().executeQuery(
                     "SELECT COUNT(*) FROM events WHERE payload LIKE '%\"idempotency_key\":\"drill-after-%'")) {
            rs.next();
            assertEquals(1, rs.getInt(1), "the order the promoted replica accepted is in its log");
        }
    }

    private static long events(String url) throws java.sql.SQLException {
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(url);
             java.sql.ResultSet rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM events")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** scripts/postgres ARGS: its last line of output, or null when it fails (its error output in lastError). */
    private String script(String... args) throws IOException, InterruptedException {
        List<String> cmd = new java.util.ArrayList<>(List.of(SCRIPT.toString()));
        cmd.addAll(List.of(args));
        Path err = Files.createTempFile(tmp, "script", ".err");
        Process p = new ProcessBuilder(cmd).redirectError(err.toFile()).start();
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        boolean ended = p.waitFor(120, TimeUnit.SECONDS);
        lastError = "exit " + (ended ? p.exitValue() : "none after 120 s") + ": " + Files.readString(err).strip();
        if (!ended || p.exitValue() != 0 || text.isEmpty()) {
            return null;
        }
        return text.substring(text.lastIndexOf('\n') + 1);
    }

    private static String hostPort(String jdbcUrl) {
        URI u = URI.create(jdbcUrl.substring("jdbc:".length()));
        return u.getHost() + ":" + u.getPort();
    }
}

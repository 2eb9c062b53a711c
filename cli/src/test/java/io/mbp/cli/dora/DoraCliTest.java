package io.mbp.cli.dora;

import static io.mbp.cli.testing.Cli.mbp;
import io.mbp.cli.testing.Cli.Run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `mbp dora report` on a real git repository with two releases and an incident that names one. */
class DoraCliTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    void git(Path repo, Map<String, String> env, String... args) throws Exception {
        List<String> cmd = new java.util.ArrayList<>(List.of("git", "-C", repo.toString(), "-c", "user.name=Tester",
                "-c", "user.email=tester@example.invalid", "-c", "commit.gpgsign=false", "-c", "tag.gpgsign=false"));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().putAll(env);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), String.join(" ", cmd) + ": " + out);
    }

    void commit(Path repo, String file, String authored, String committed) throws Exception {
        Files.writeString(repo.resolve(file), file);
        git(repo, Map.of(), "add", file);
        git(repo, Map.of("GIT_AUTHOR_DATE", authored, "GIT_COMMITTER_DATE", committed), "commit", "-q", "-m", file);
    }

    @Test
    void releasesAreDeploymentsAndAnIncidentNamingOneIsAChangeFailure() throws Exception {
        Path repo = Files.createDirectories(tmp.resolve("repo"));
        git(repo, Map.of(), "init", "-q");
        commit(repo, "a", "2026-11-01T00:00:00Z", "2026-11-01T06:00:00Z");
        git(repo, Map.of(), "tag", "v1");
        commit(repo, "b", "2026-11-02T00:00:00Z", "2026-11-02T01:00:00Z");
        commit(repo, "c", "2026-11-03T00:00:00Z", "2026-11-03T12:00:00Z");
        git(repo, Map.of(), "tag", "v2");
        String db = "jdbc:h2:file:" + tmp.resolve("mbp").toAbsolutePath();
        assertEquals(0, mbp("--db", db, "incident", "open", "--severity", "P2", "--title", "bad release", "--service", "api",
                "--change", "v2", "--started", "2026-11-03T13:00:00Z", "--now", "2026-11-03T13:10:00Z").code());
        assertEquals(0, mbp("--db", db, "incident", "resolve", "INC-0001", "--rca", "r", "--actions", "a",
                "--restored", "2026-11-03T13:30:00Z", "--now", "2026-11-03T14:00:00Z").code());

        Run r = mbp("--db", db, "--json", "dora", "report", "--repo", repo.toString(), "--from", "2026-11-01T00:00:00Z",
                "--to", "2026-11-08T00:00:00Z");
        assertEquals(0, r.code(), r.err());
        JsonNode d = JSON.readTree(r.out());
        assertTrue(d.get("source").asText().startsWith("release tags"), d.toString());
        assertEquals(2, d.get("deployments").asInt());
        // v1 ships a (6 h); v2 ships b (36 h) and c (12 h): p50 12 h, p90 36 h
        assertEquals(12 * 3600, d.get("lead_time_p50_seconds").asLong(), d.toString());
        assertEquals(36 * 3600, d.get("lead_time_p90_seconds").asLong());
        assertEquals(5_000, d.get("change_failure_rate_bps").asLong());
        assertEquals(30 * 60, d.get("time_to_restore_p50_seconds").asLong());
        Run text = mbp("--db", db, "dora", "report", "--repo", repo.toString(), "--from", "2026-11-01T00:00:00Z", "--to", "2026-11-08T00:00:00Z");
        assertTrue(text.out().contains("50.00% (1 of 2 deployments named by an incident)"), text.out());

        Run notARepo = mbp("--db", db, "dora", "report", "--repo", tmp.resolve("nowhere").toString());
        assertEquals(4, notARepo.code(), notARepo.err());
        assertEquals(2, mbp("--db", db, "dora", "report", "--repo", repo.toString(), "--from", "2026-11-08T00:00:00Z",
                "--to", "2026-11-01T00:00:00Z").code());
    }
}

package io.mbp.cli.anchor;

import io.mbp.cli.testing.Cli;
import io.mbp.sql.testing.EveryEngine;
import io.mbp.sql.testing.TestDatabase;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mbp.cli.CliClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The anchors panel: one generation time for both files, values escaped into the template. */
class AnchorsPanelTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant NOW = Instant.parse("2026-11-27T12:00:00Z");

    @TempDir
    Path tmp;

    @AfterEach
    void systemClock() {
        CliClock.useClock(null);
    }

    private String[] run(String... args) {
        Cli.Run r = Cli.mbp(args);
        assertEquals(0, r.code(), r.err());
        return new String[] {r.out(), r.err()};
    }

    @EveryEngine
    void bothFilesCarryTheCommandsClockReadOnce(TestDatabase engine) throws Exception {
        CliClock.useClock(Clock.fixed(NOW, ZoneOffset.UTC));
        String db = engine.url();
        Path dir = tmp.resolve("panel");
        String out = run("--db", db, "anchors", "report", "--out", dir.toString())[0];
        assertEquals("wrote " + dir.resolve("index.html") + " and " + dir.resolve("anchors.json") + " (0 checkpoints)\n", out);

        JsonNode doc = JSON.readTree(dir.resolve("anchors.json").toFile());
        assertEquals("2026-11-27T12:00:00Z", doc.get("generated_at").asText());
        assertFalse(doc.get("chain_checked").asBoolean());
        assertEquals(0, doc.get("checkpoints").size());
        String html = Files.readString(dir.resolve("index.html"));
        assertTrue(html.contains("<p>Generated 2026-11-27T12:00:00Z. Anchors NOT re-checked (recorded values). Verify"), html);
        assertTrue(html.contains("<table>") && html.endsWith("</table></body></html>\n"), html);

        JsonNode json = JSON.readTree(run("--db", db, "--json", "anchors", "report", "--out", dir.toString())[0]);
        assertEquals(List.of("checkpoints", "html", "json"), List.copyOf(iterable(json)));
        assertEquals(0, json.get("checkpoints").asInt());
    }

    private static List<String> iterable(JsonNode n) {
        List<String> names = new java.util.ArrayList<>();
        n.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void valuesAreEscapedAndEachAnchorGetsItsStatusClass() {
        var anchors = List.of(
                new AnchorsPanel.Anchor(31337, "0xab<script>", 7, "0xb", 6, "confirmed", "ok", "t"),
                new AnchorsPanel.Anchor(31337, "0xcd", 8, "0xc", 0, "reorged", "gone", "t"),
                new AnchorsPanel.Anchor(31337, "0xef", 9, "0xd", 1, "not checked", "recorded", "t"));
        var doc = new AnchorsPanel.Document("2026-11-27T12:00:00Z", true, List.of(
                new AnchorsPanel.Checkpoint(1, 5, "aa", "mbp.example/log", "k\"1&", "2026-11-27T11:00:00Z", anchors),
                new AnchorsPanel.Checkpoint(2, 9, "bb", "mbp.example/log", "k2", null, List.of())));
        String html = AnchorsPanel.html(doc);
        assertTrue(html.contains("Anchors re-checked on the chain now."), html);
        assertTrue(html.contains("tx <code>0xab&lt;script&gt;</code>"), html);
        assertFalse(html.contains("<script>"), html);
        assertTrue(html.contains("<td><code>k&quot;1&amp;</code></td>"), html);
        assertTrue(html.contains("<span class=\"ok\">confirmed</span>"), html);
        assertTrue(html.contains("<span class=\"bad\">reorged</span>"), html);
        assertTrue(html.contains("<span class=\"na\">not checked</span>"), html);
        assertTrue(html.contains("<tr><td>2</td><td>9</td><td><code>bb</code></td><td><code>k2</code></td><td></td>"
                + "<td><span class=\"na\">not anchored</span></td></tr>"), html);
    }
}

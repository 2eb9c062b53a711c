package io.mbp.cli.publish;

import io.mbp.cli.testing.Cli;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mbp.cli.custody.Secrets;
import io.mbp.sql.Database;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `mbp exports build|verify` and `mbp status build` over the sample day: the figures come from the log,
 * the set verifies and any changed byte or foreign key fails it, a re-run gives the same bytes and records
 * nothing twice, and no byte of either output names a customer.
 */
class PublicExportsCliTest {
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;
    PublicSample s;
    Database keepOpen;

    @BeforeEach
    void sample() {
        String db = "jdbc:h2:file:" + tmp.resolve("mbp").toAbsolutePath();
        // H2 2.3.232 may fail to reopen a file closed in the same JVM (see NightlyCommandTest).
        keepOpen = Database.openMigrated(db);
        s = new PublicSample(tmp, db).load(tmp);
    }

    @AfterEach
    void reset() {
        Secrets.useEnvironment(null);
        keepOpen.close();
    }

    Path exports(String dir) {
        Path out = tmp.resolve(dir);
        s.ok("exports", "build", "--date", PublicSample.D, "--out", out.toString(), "--specs", "../specs/slo", "--now", "2026-11-28T02:00:00Z");
        return out;
    }

    @Test
    void theDaysFiguresComeFromTheLogAndTheSignedSetVerifies() throws Exception {
        Path out = exports("exports");
        JsonNode uptime = JSON.readTree(out.resolve("uptime.json").toFile());
        JsonNode api = row(uptime, "service", "api");
        assertEquals(42 * 60, api.get("down_seconds").asLong(), "the P2 outage, 14:00 to 14:42");
        assertEquals("97.0833", api.get("uptime_pct").asText(), "(86400 - 2520) / 86400 rounded down to 4 decimals");
        assertEquals(0, row(uptime, "service", "oracle").get("down_seconds").asLong(), "a P3 degrades, it does not take a service down");
        JsonNode q = JSON.readTree(out.resolve("market-quality.json").toFile()).get("rows");
        assertEquals(5, q.size(), q.toString());
        for (JsonNode r : q) {
            assertTrue(r.has("spread_p95_pct") && r.has("slippage_p95_pct") && r.has("depth_2pct_p50_centavos"), r.toString());
        }
        assertTrue(q.findValues("orders").stream().mapToLong(JsonNode::asLong).sum() > 1000, "the sample day's fills: " + q);
        JsonNode div = JSON.readTree(out.resolve("oracle-divergence.json").toFile()).get("rows");
        assertFalse(div.isEmpty(), "rounds up to noon were aggregated");
        assertTrue(div.get(0).get("rounds").asLong() >= 12, div.toString());
        assertFalse(JSON.readTree(out.resolve("oracle-staleness.json").toFile()).get("rows").isEmpty());
        JsonNode incidents = JSON.readTree(out.resolve("incidents.json").toFile()).get("rows");
        assertEquals(2, incidents.size());
        assertEquals("connection pool sized below the engine's threads", incidents.get(0).get("rca").asText());
        assertTrue(Files.readString(out.resolve("uptime.csv")).startsWith("service,period_seconds,down_seconds,uptime_pct,incidents\n"));
        String sums = Files.readString(out.resolve("SHA256SUMS"));
        assertEquals(10, sums.lines().count(), sums);

        assertEquals(0, s.ok("exports", "verify", out.toString()).code());
        Path pub = tmp.resolve("operator.pub");
        s.ok("keys", "export-public", "--out", pub.toString());
        assertTrue(s.ok("exports", "verify", out.toString(), "--pubkey", pub.toString()).out().contains("verified"));

        Files.writeString(out.resolve("spread.txt"), "an extra file is not part of the set\n");
        assertEquals(0, s.mbp("exports", "verify", out.toString()).code(), "only listed files are vouched for");
        byte[] csv = Files.readAllBytes(out.resolve("uptime.csv"));
        csv[csv.length - 2] ^= 1;
        Files.write(out.resolve("uptime.csv"), csv);
        Cli.Run bad = s.mbp("exports", "verify", out.toString());
        assertEquals(3, bad.code(), bad.out() + bad.err());
        assertTrue(bad.err().contains("uptime.csv: SHA-256 does not match the signed manifest"), bad.err());
        assertFalse(bad.err().contains("Exception"), bad.err());
    }

    @Test
    void aForeignKeyOrAChangedManifestFailsAndAReRunIsByteIdenticalAndRecordedOnce() throws Exception {
        Path a = exports("a");
        Path b = exports("b");
        assertEquals(files(a), files(b), "same log, same bytes");
        assertEquals(1, count("ExportsPublished"), "the second build found the same manifest recorded");

        Path other = tmp.resolve("other");
        Files.createDirectories(other);
        s.env.put("MBP_KEYFILE", other.resolve("keys.json").toString());
        s.ok("keys", "init");
        s.ok("keys", "export-public", "--out", other.resolve("other.pub").toString());
        Cli.Run foreign = s.mbp("exports", "verify", a.toString(), "--pubkey", other.resolve("other.pub").toString());
        assertEquals(3, foreign.code(), foreign.out() + foreign.err());
        assertTrue(foreign.err().contains("no signature verifies under --pubkey"), foreign.err());

        Files.writeString(a.resolve("manifest.json"), Files.readString(a.resolve("manifest.json")).replace("uptime", "uptimf"));
        Cli.Run changed = s.mbp("exports", "verify", a.toString());
        assertEquals(3, changed.code());
        assertTrue(changed.err().contains("manifest.json: not the manifest the envelope signs"), changed.err());
        Files.delete(b.resolve("manifest.dsse.json"));
        assertEquals(4, s.mbp("exports", "verify", b.toString()).code(), "no envelope: not a signed exports folder");
    }

    @Test
    void theStatusSiteIsTheSameBytesOnEveryBuildAndHasNoScriptNorInlineStyle() throws Exception {
        exports("exports/" + PublicSample.D);
        Path one = tmp.resolve("status");
        Cli.Run r = s.ok("status", "build", "--out", one.toString(), "--date", PublicSample.D, "--specs", "../specs/slo",
                "--changelog", "../docs/changelog.md", "--now", "2026-11-28T03:00:00Z");
        assertTrue(r.out().contains("status site for 2026-11-27"), r.out());
        Path two = tmp.resolve("status2");
        assertTrue(s.ok("status", "build", "--out", two.toString(), "--date", PublicSample.D, "--specs", "../specs/slo",
                "--changelog", "../docs/changelog.md").out().contains("already recorded"));
        assertEquals(files(one), files(two), "same log, same bytes");
        assertEquals(1, count("StatusSiteBuilt"));

        Map<String, String> site = files(one);
        for (String lang : List.of("en", "pt-BR", "es")) {
            for (String page : List.of("index", "incidents", "history", "changelog")) {
                assertTrue(site.containsKey(lang + "/" + page + ".html"), lang + "/" + page);
            }
        }
        String css = site.get("assets/style.css");
        String sri = io.mbp.exports.Hashes.sri(css.getBytes(StandardCharsets.UTF_8));
        for (Map.Entry<String, String> f : site.entrySet()) {
            if (!f.getKey().endsWith(".html")) {
                continue;
            }
            String html = f.getValue();
            assertTrue(html.contains("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src &#39;none&#39;; style-src "
                    + "&#39;self&#39;; img-src &#39;self&#39;") || html.contains("content=\"default-src 'none'; style-src 'self'; img-src 'self'"),
                    f.getKey() + " has the CSP");
            assertTrue(html.contains("integrity=\"" + sri + "\""), f.getKey() + ": the stylesheet's SRI is its real sha384");
            assertFalse(html.contains("<script") || html.contains("style=") || html.contains("<style") || html.contains(" on"
                    + "click"), f.getKey() + ": no script, no inline style");
        }
        String en = site.get("en/index.html");
        assertTrue(en.contains("Error budget left"), en);
        assertTrue(en.contains("../../exports/2026-11-27/manifest.dsse.json"), "links the signed exports");
        assertTrue(site.get("pt-BR/index.html").contains("Orçamento de erro restante"));
        assertTrue(site.get("es/incidents.html").contains("connection pool sized below the engine&#39;s threads")
                || site.get("es/incidents.html").contains("connection pool sized below the engine's threads"));
        assertTrue(site.get("charts/uptime-api.svg").contains("2026-11-27: 97.0833%"), site.get("charts/uptime-api.svg"));
        assertTrue(site.get("data/month-2026-11.csv").contains("api,99.9027,42,1,42"), site.get("data/month-2026-11.csv"));
        String sums = site.get("SHA256SUMS");
        for (String file : site.keySet()) {
            if (!file.equals("SHA256SUMS")) {
                assertTrue(sums.contains("  " + file + "\n"), file + " is in SHA256SUMS");
            }
        }
    }

    @Test
    void noByteOfTheExportsOrTheSiteNamesACustomer() throws Exception {
        Path out = tmp.resolve("pub");
        exports("pub/exports/" + PublicSample.D);
        s.ok("status", "build", "--out", out.resolve("status").toString(), "--date", PublicSample.D, "--specs", "../specs/slo",
                "--changelog", "../docs/changelog.md");
        List<String> personal = new ArrayList<>();
        for (String line : Files.readAllLines(PublicSample.ROOT.resolve("samples/customers/2026-11-27.ndjson"))) {
            JsonNode c = JSON.readTree(line);
            for (String f : List.of("account", "full_name", "cpf", "email", "phone", "pix_key")) {
                personal.add(c.get(f).asText());
            }
            personal.add(c.get("full_name").asText().split(" ")[2]); // a surname alone
        }
        // S22: the sprint bundle's platform report lists what was published, and replay recomputes it
        s.ok("seal");
        Path s22 = tmp.resolve("s22");
        s.ok("evidence", "build", "--sprint", "S22", "--out", s22.toString());
        String platform = Files.readString(s22.resolve("reports/platform.txt"));
        String manifest = io.mbp.exports.Hashes.sha256Hex(Files.readAllBytes(out.resolve("exports/2026-11-27/manifest.json")));
        assertTrue(platform.contains("exports 2026-11-27 manifest sha256 " + manifest), platform);
        assertTrue(platform.contains("status-site 2026-11-27 sha256 "), platform);
        assertTrue(platform.contains("api clients: no evidence"), platform);
        assertTrue(Files.readString(s22.resolve("manifest.json")).contains("reports/platform.txt"));
        Cli.Run replayed = s.ok("evidence", "replay", s22.toString());
        assertTrue(replayed.out().contains("platform recomputed and identical"), replayed.out());

        Map<String, String> all = files(out);
        assertTrue(all.size() > 30, all.keySet().toString());
        for (Map.Entry<String, String> f : all.entrySet()) {
            for (String p : personal) {
                assertFalse(f.getValue().contains(p), f.getKey() + " holds personal data of a sample customer");
            }
        }
    }

    private long count(String type) {
        return keepOpen.read(dsl -> dsl.fetchCount(io.mbp.sql.schema.Tables.EVENTS, io.mbp.sql.schema.Tables.EVENTS.TYPE.eq(type)));
    }

    static JsonNode row(JsonNode table, String column, String value) {
        for (JsonNode r : table.get("rows")) {
            if (r.get(column).asText().equals(value)) {
                return r;
            }
        }
        throw new AssertionError("no row " + column + "=" + value + " in " + table);
    }

    static Map<String, String> files(Path dir) throws Exception {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> w = Files.walk(dir)) {
            for (Path p : w.filter(Files::isRegularFile).toList()) {
                out.put(dir.relativize(p).toString().replace('\\', '/'), Files.readString(p));
            }
        }
        return out;
    }
}

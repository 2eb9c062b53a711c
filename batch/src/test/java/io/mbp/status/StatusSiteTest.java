package io.mbp.status;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mbp.exports.Hashes;
import io.mbp.incident.Incident;
import io.mbp.incident.Severity;
import io.mbp.slo.SloSpec;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import org.junit.jupiter.api.Test;

/** The site renderer alone: same input, same bytes; hostile text stays text; budgets and bars from the incidents. */
class StatusSiteTest {
    static final LocalDate D = LocalDate.parse("2026-11-27");
    static final List<SloSpec> OBJECTIVES = List.of(
            objective("api-availability", "availability", "API answers without a 5xx", "0.9995"),
            objective("api-latency", "latency", "API p95", "0.95"));

    static SloSpec objective(String id, String objective, String displayName, String target) {
        return new SloSpec(id, "api", objective, displayName, new BigDecimal(target), Duration.ofDays(30),
                "bad[{{.window}}]", "total[{{.window}}]", true, true);
    }

    static Incident incident(String id, Severity sev, String title, String started, String restored) {
        return new Incident(id, sev, title, "api", started, started, "oncall", null, restored == null ? "investigating" : "resolved",
                restored, restored == null ? null : "a <b>root</b> cause", restored == null ? null : "actions", List.of());
    }

    static StatusSite.Input input(List<Incident> incidents, String changelog) {
        return new StatusSite.Input(D, YearMonth.from(D), OBJECTIVES, incidents, changelog, List.of(), List.of(), "../exports/");
    }

    @Test
    void theSameInputGivesTheSameBytesAndSha256SumsCoversEveryFile() {
        List<Incident> in = List.of(incident("INC-0001", Severity.P2, "API down", "2026-11-27T14:00:00Z", "2026-11-27T14:42:00Z"));
        SortedMap<String, byte[]> a = new StatusSite(Glossary.standard()).build(input(in, "## 2026-12\n- a change\n"));
        SortedMap<String, byte[]> b = new StatusSite(Glossary.standard()).build(input(in, "## 2026-12\n- a change\n"));
        assertEquals(a.keySet(), b.keySet());
        a.forEach((k, v) -> assertArrayEquals(v, b.get(k), k));
        String sums = new String(a.get(StatusSite.SUMS), StandardCharsets.UTF_8);
        a.forEach((k, v) -> {
            if (!k.equals(StatusSite.SUMS)) {
                assertTrue(sums.contains(Hashes.sha256Hex(v) + "  " + k + "\n"), k);
            }
        });
        assertFalse(StatusSite.siteHash(a).equals(StatusSite.siteHash(new StatusSite(Glossary.standard())
                .build(input(in, "## 2026-12\n- another change\n")))), "the changelog is part of the site's hash");
    }

    @Test
    void textFromTheLogAndTheChangelogCannotBecomeMarkup() {
        String hostile = "<script>alert(1)</script>\" onload=\"x";
        List<Incident> in = List.of(incident("INC-0001", Severity.P1, hostile, "2026-11-27T10:00:00Z", null));
        Map<String, byte[]> site = new StatusSite(Glossary.standard()).build(input(in, "## <img src=x onerror=alert(1)>\n- <script>x</script>\n"));
        for (Map.Entry<String, byte[]> f : site.entrySet()) {
            if (!f.getKey().endsWith(".html") && !f.getKey().endsWith(".svg")) {
                continue; // CSV and JSON carry the text as data, never rendered as markup
            }
            String text = new String(f.getValue(), StandardCharsets.UTF_8);
            assertFalse(text.contains("<script") || text.contains("<img src=x") || text.contains("<b>root"), f.getKey());
        }
        String en = new String(site.get("en/index.html"), StandardCharsets.UTF_8);
        assertTrue(en.contains("&lt;script&gt;alert(1)&lt;/script&gt;&quot; onload=&quot;x"), en);
        assertTrue(en.contains("Open incidents: 1"), "an open incident is the page's headline");
        assertTrue(new String(site.get("en/changelog.html"), StandardCharsets.UTF_8).contains("<h2>&lt;img src=x onerror=alert(1)&gt;</h2>"));
    }

    @Test
    void budgetLeftIsTheUnspentShareOfTheAllowedDowntime() {
        // 0.05% of 30 days is 1296 s allowed; 648 s down leaves half
        List<Incident> half = List.of(incident("INC-0001", Severity.P2, "t", "2026-11-20T00:00:00Z", "2026-11-20T00:10:48Z"));
        assertEquals("50.00", SiteFigures.budgetLeftPct(OBJECTIVES.get(0), half, D));
        assertEquals(null, SiteFigures.budgetLeftPct(OBJECTIVES.get(1), half, D), "incidents cannot judge latency");
        assertEquals("100.00", SiteFigures.budgetLeftPct(OBJECTIVES.get(0), List.of(), D));
        List<Incident> over = List.of(incident("INC-0001", Severity.P1, "t", "2026-11-20T00:00:00Z", "2026-11-20T01:00:00Z"));
        assertEquals("-177.78", SiteFigures.budgetLeftPct(OBJECTIVES.get(0), over, D), "3600 s against 1296 s allowed");
        List<Incident> before = List.of(incident("INC-0001", Severity.P1, "t", "2026-10-01T00:00:00Z", "2026-10-01T01:00:00Z"));
        assertEquals("100.00", SiteFigures.budgetLeftPct(OBJECTIVES.get(0), before, D), "outside the 30-day window");
        String svg = new String(new StatusSite(Glossary.standard()).build(input(half, "")).get("charts/uptime-api.svg"), StandardCharsets.UTF_8);
        assertEquals(90, svg.split("<rect ", -1).length - 1);
        assertTrue(svg.contains("2026-11-20: 99.2500%"), svg);
    }
}

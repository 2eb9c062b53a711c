package io.mbp.status;

import io.mbp.anchor.AnchorPublished;
import io.mbp.exports.ExportsPublished;
import io.mbp.exports.Hashes;
import io.mbp.exports.Table;
import io.mbp.exports.Uptime;
import io.mbp.incident.Incident;
import io.mbp.slo.SloSpec;
import io.mbp.slo.SloSpecs;
import io.mbp.status.Templates.Html;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The public status site (ADR 0606): static HTML in PT-BR, ES and EN from one glossary, a stylesheet
 * linked with Subresource Integrity, uptime charts as SVG files with CSV/JSON downloads, and a strict CSP
 * in every page (no script at all, no inline style), so it works without JavaScript. Pure: the same input
 * gives the same bytes, {@code SHA256SUMS} included.
 */
public final class StatusSite {
    /** No script, no frame, no form; styles and images from the site itself only. */
    public static final String CSP = "default-src 'none'; style-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'";
    public static final String SUMS = "SHA256SUMS";
    private static final String T = "templates/";

    /**
     * What a page is built from: its date (the last day of the bars), the month of the baseline, the SLO
     * objectives, every incident, the changelog's markdown, the latest anchors and published exports, and where the exports are relative to the site's root (a URL path ending in '/').
     */
    public record Input(LocalDate date, YearMonth month, List<SloSpec> objectives, List<Incident> incidents,
                        String changelog, List<AnchorPublished> anchors, List<ExportsPublished> exports, String exportsBase) {
        public Input {
            objectives = List.copyOf(objectives);
            incidents = List.copyOf(incidents);
            anchors = List.copyOf(anchors);
            exports = List.copyOf(exports);
        }
    }

    private final Glossary glossary;

    public StatusSite(Glossary glossary) {
        this.glossary = glossary;
    }

    /** Every file of the site by its relative path ('/'-separated), {@code SHA256SUMS} last in content. */
    public SortedMap<String, byte[]> build(Input in) {
        SortedMap<String, byte[]> files = new TreeMap<>();
        byte[] css = Templates.source(T + "style.css").getBytes(StandardCharsets.UTF_8);
        files.put("assets/style.css", css);
        String cssSri = Hashes.sri(css);
        List<String> services = io.mbp.exports.DailyFigures.services(SloSpecs.services(in.objectives()), in.incidents());
        List<Table> data = List.of(SiteFigures.uptime90(in.incidents(), services, in.date()),
                SiteFigures.budget(in.objectives(), in.incidents(), in.date()), SiteFigures.month(in.incidents(), services, in.month()),
                incidentTable(in.incidents()));
        for (Table t : data) {
            files.put("data/" + t.name() + ".csv", t.csv().getBytes(StandardCharsets.UTF_8));
            files.put("data/" + t.name() + ".json", t.json(in.date().toString()).getBytes(StandardCharsets.UTF_8));
        }
        for (String s : services) {
            files.put("charts/uptime-" + s + ".svg", chart(s, SiteFigures.daily(in.incidents(), s, in.date()), in.date()));
        }
        Map<String, Object> rootValues = new HashMap<>(glossary.values("en"));
        rootValues.put("csp", CSP);
        rootValues.put("css_sri", cssSri);
        rootValues.put("languages", languageLinks("", null));
        files.put("index.html", bytes(Templates.render(T + "root.html", rootValues)));
        for (String lang : Glossary.LANGUAGES) {
            Pages p = new Pages(glossary, lang, in, cssSri, languageLinks("../", lang));
            files.put(lang + "/index.html", bytes(p.home(services)));
            files.put(lang + "/incidents.html", bytes(p.incidents()));
            files.put(lang + "/history.html", bytes(p.history(data.get(2))));
            files.put(lang + "/changelog.html", bytes(p.changelog()));
        }
        StringBuilder sums = new StringBuilder();
        files.forEach((name, b) -> sums.append(Hashes.sha256Hex(b)).append("  ").append(name).append('\n'));
        files.put(SUMS, sums.toString().getBytes(StandardCharsets.UTF_8));
        return files;
    }

    /** The SHA-256 of {@code SHA256SUMS}: one hash for the whole site. */
    public static String siteHash(Map<String, byte[]> files) {
        return Hashes.sha256Hex(files.get(SUMS));
    }

    private Html languageLinks(String prefix, String current) {
        List<Html> out = new ArrayList<>();
        for (String l : Glossary.LANGUAGES) {
            Map<String, Object> v = Map.of("href", prefix + l + "/index.html", "lang", l, "name", glossary.term(l, "language_name"),
                    "current", new Html(l.equals(current) ? " aria-current=\"true\"" : ""));
            out.add(Templates.render(T + "language.html", v));
        }
        return Html.join(out);
    }

    private static Table incidentTable(List<Incident> incidents) {
        List<List<Object>> rows = new ArrayList<>();
        for (Incident i : incidents) {
            rows.add(java.util.Arrays.asList(i.id(), i.severity().name(), i.service(), i.title(), i.startedAt(), i.restoredAt(),
                    i.open() ? null : i.timeToRestore().toSeconds(), i.status(), i.rca(), i.actions()));
        }
        return new Table("incidents", List.of("incident", "severity", "service", "title", "started_at", "restored_at", "ttr_seconds",
                "status", "rca", "actions"), rows);
    }

    private byte[] chart(String service, long[] down, LocalDate date) {
        StringBuilder bars = new StringBuilder();
        for (int i = 0; i < down.length; i++) {
            String day = date.minusDays(down.length - 1 - i).toString();
            String fill = down[i] == 0 ? "#1a7f37" : down[i] < 864 ? "#9a6700" : "#cf222e";
            bars.append("<rect x=\"").append(i * 6).append("\" y=\"3\" width=\"4\" height=\"34\" rx=\"1\" fill=\"").append(fill)
                    .append("\"><title>").append(Templates.xml(day + ": " + Uptime.pct(Uptime.uptimePpm(down[i], 86_400)) + "%"))
                    .append("</title></rect>\n");
        }
        String svg = Templates.source(T + "chart.svg").replace("${title}", Templates.xml(service + " uptime, "
                + date.minusDays(down.length - 1) + " to " + date)).replace("${bars}", bars.toString().strip());
        return svg.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] bytes(Html h) {
        return h.markup().getBytes(StandardCharsets.UTF_8);
    }
}

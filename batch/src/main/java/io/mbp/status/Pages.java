package io.mbp.status;

import io.mbp.anchor.AnchorPublished;
import io.mbp.exports.ExportSet;
import io.mbp.exports.ExportsPublished;
import io.mbp.exports.Table;
import io.mbp.exports.Uptime;
import io.mbp.incident.Incident;
import io.mbp.slo.SloSpec;
import io.mbp.status.Templates.Html;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The pages of one language: each is a body template inside the layout, every value escaped by {@link Templates}. */
final class Pages {
    private static final String T = "templates/";
    private final Glossary glossary;
    private final String lang;
    private final StatusSite.Input in;
    private final String cssSri;
    private final Html languages;

    Pages(Glossary glossary, String lang, StatusSite.Input in, String cssSri, Html languages) {
        this.glossary = glossary;
        this.lang = lang;
        this.in = in;
        this.cssSri = cssSri;
        this.languages = languages;
    }

    private Map<String, Object> values() {
        Map<String, Object> v = new HashMap<>(glossary.values(lang));
        v.put("root", "../");
        v.put("lang", lang);
        return v;
    }

    private String t(String key) {
        return glossary.term(lang, key);
    }

    private String serviceName(String service) {
        return glossary.keys().contains("service_" + service) ? t("service_" + service) : service;
    }

    private Html page(String self, String titleKey, Html body) {
        Map<String, Object> v = values();
        v.put("csp", StatusSite.CSP);
        v.put("css_sri", cssSri);
        v.put("title", t(titleKey));
        v.put("date", in.date().toString());
        v.put("languages", languages);
        List<Html> nav = new ArrayList<>();
        for (String[] p : new String[][] {{"index.html", "nav_status"}, {"incidents.html", "nav_incidents"},
                {"history.html", "nav_history"}, {"changelog.html", "nav_changelog"}}) {
            nav.add(Templates.render(T + "nav.html", Map.of("href", p[0], "name", t(p[1]),
                    "current", new Html(p[0].equals(self) ? " aria-current=\"page\"" : ""))));
        }
        v.put("nav", Html.join(nav));
        v.put("body", body);
        return Templates.render(T + "layout.html", v);
    }

    Html home(List<String> services) {
        Map<String, Object> v = values();
        List<Incident> open = in.incidents().stream().filter(Incident::open).toList();
        v.put("summary_class", open.isEmpty() ? "ok" : "issue");
        v.put("summary", open.isEmpty() ? t("all_operational") : t("open_incidents") + ": " + open.size());
        v.put("open_incidents", open.isEmpty() ? new Html("") : incidentList(open, 1));
        List<Html> blocks = new ArrayList<>();
        for (String s : services) {
            long[] down = SiteFigures.daily(in.incidents(), s, in.date());
            long total = 0;
            long downDays = 0;
            for (long d : down) {
                total += d;
                downDays += d > 0 ? 1 : 0;
            }
            List<Html> objectives = new ArrayList<>();
            for (SloSpec o : in.objectives()) {
                if (o.service().equals(s)) {
                    String left = SiteFigures.budgetLeftPct(o, in.incidents(), in.date());
                    Map<String, Object> ov = values();
                    ov.put("display", o.displayName());
                    ov.put("target", o.target().movePointRight(2).stripTrailingZeros().toPlainString());
                    ov.put("budget", left == null ? t("no_data") : left + "%");
                    ov.put("window", Integer.toString(o.windowDays()));
                    objectives.add(Templates.render(T + "objective.html", ov));
                }
            }
            Map<String, Object> sv = values();
            sv.put("name", serviceName(s));
            sv.put("service", s);
            sv.put("up_days", Long.toString(down.length - downDays));
            sv.put("down_days", Long.toString(downDays));
            sv.put("uptime", Uptime.pct(Uptime.uptimePpm(total, SiteFigures.DAYS * 86_400L)));
            sv.put("objectives", Html.join(objectives));
            blocks.add(Templates.render(T + "service.html", sv));
        }
        v.put("services", Html.join(blocks));
        v.put("exports", exports());
        v.put("anchors", anchors());
        return page("index.html", "nav_status", Templates.render(T + "home.html", v));
    }

    private Html exports() {
        if (in.exports().isEmpty()) {
            return Templates.render(T + "para.html", Map.of("text", t("no_exports")));
        }
        List<Html> items = new ArrayList<>();
        for (ExportsPublished e : in.exports()) {
            String base = "../" + in.exportsBase() + e.date() + "/";
            items.add(Templates.render(T + "export.html", Map.of("label", t("exports_of") + " " + e.date(),
                    "manifest_href", base + ExportSet.MANIFEST, "envelope_href", base + ExportSet.ENVELOPE, "manifest", t("manifest"),
                    "sha", e.manifestSha256())));
        }
        return Templates.render(T + "list.html", Map.of("items", Html.join(items)));
    }

    private Html anchors() {
        if (in.anchors().isEmpty()) {
            return Templates.render(T + "para.html", Map.of("text", t("no_anchors")));
        }
        List<Html> rows = new ArrayList<>();
        for (AnchorPublished a : in.anchors()) {
            rows.add(Templates.render(T + "anchor-row.html", Map.of("size", Long.toString(a.treeSize()), "root_hash", a.rootHash(),
                    "chain", Long.toString(a.chainId()), "tx", a.txHash(), "at", a.publishedAt())));
        }
        Map<String, Object> v = values();
        v.put("rows", Html.join(rows));
        return Templates.render(T + "anchors.html", v);
    }

    private Html incidentList(List<Incident> incidents, int depth) {
        List<Html> out = new ArrayList<>();
        for (Incident i : incidents.reversed()) {
            Map<String, Object> v = values();
            v.put("id", i.id());
            v.put("title", i.title());
            v.put("severity", i.severity().name());
            v.put("service", serviceName(i.service()));
            v.put("status", i.status());
            v.put("started", i.startedAt());
            v.put("restored", i.open() ? t("still_open") : i.restoredAt());
            v.put("ttr", i.open() ? t("still_open") : (i.timeToRestore().toSeconds() + 59) / 60 + " " + t("minutes"));
            v.put("rca", i.rca() == null ? t("still_open") : i.rca());
            v.put("actions", i.actions() == null ? t("still_open") : i.actions());
            out.add(new Html(Templates.render(T + "incident.html", v).markup().replace("<h3", "<h" + (depth + 1))
                    .replace("</h3>", "</h" + (depth + 1) + ">")));
        }
        return Html.join(out);
    }

    Html incidents() {
        Map<String, Object> v = values();
        v.put("list", in.incidents().isEmpty() ? Templates.render(T + "para.html", Map.of("text", t("no_incidents")))
                : incidentList(in.incidents(), 1));
        return page("incidents.html", "incident_history", Templates.render(T + "incidents.html", v));
    }

    Html history(Table month) {
        List<Html> rows = new ArrayList<>();
        for (List<Object> r : month.rows()) {
            rows.add(Templates.render(T + "history-row.html", Map.of("name", serviceName((String) r.get(0)), "uptime", r.get(1),
                    "down", r.get(2), "incidents", r.get(3), "mttr", r.get(4) == null ? t("none") : r.get(4))));
        }
        Map<String, Object> v = values();
        v.put("month", in.month().toString());
        v.put("rows", Html.join(rows));
        return page("history.html", "nav_history", Templates.render(T + "history.html", v));
    }

    Html changelog() {
        Map<String, Object> v = values();
        v.put("entries", Changelog.render(in.changelog()));
        return page("changelog.html", "nav_changelog", Templates.render(T + "changelog.html", v));
    }
}

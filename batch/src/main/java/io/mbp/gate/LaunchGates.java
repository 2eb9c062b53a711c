package io.mbp.gate;

import io.mbp.market.QualityKpis;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** Gates 5 to 7 of docs/gates.md: platform, market, security. */
final class LaunchGates {
    static final String FROZEN_API = "docs/openapi-v2.frozen.yaml";
    static final List<String> PUBLISHED_DOCS = List.of("docs/openapi.yaml", "docs/api-auth.md", "sdk/ts/README.md", "sdk/python/README.md");
    static final int PILOT_PARTNERS = 3;
    static final String STATUS_SITE = "out/status/index.html";
    private static final java.util.regex.Pattern META_CSP = java.util.regex.Pattern.compile(
            "<meta\\s+http-equiv=\"Content-Security-Policy\"\\s+content=\"([^\"]*)\"", java.util.regex.Pattern.CASE_INSENSITIVE);
    static final String DAEMON_METRICS = "daemon-metrics.prom";
    static final String REJECTIONS = "mbp_rate_limit_rejections_total";
    static final Duration KPI_WINDOW = Duration.ofDays(30);
    static final Duration INCIDENT_WINDOW = Duration.ofDays(30);
    static final Duration MAX_KEY_AGE = Duration.ofDays(90);

    private LaunchGates() {
    }

    static Gate platform(EvidenceSource src) {
        List<Check> checks = new ArrayList<>();
        checks.add(src.file(FROZEN_API).isPresent()
                ? Check.green("api-contract-frozen", "API contract frozen", FROZEN_API + " present", List.of(FROZEN_API))
                : Check.missing("api-contract-frozen", "API contract frozen", "no " + FROZEN_API));
        List<String> absent = PUBLISHED_DOCS.stream().filter(d -> src.file(d).isEmpty()).toList();
        checks.add(absent.isEmpty() ? Check.green("docs-published", "docs published", "API reference, auth guide and SDK guides",
                PUBLISHED_DOCS) : Check.missing("docs-published", "docs published", "missing: " + String.join(", ", absent)));
        checks.add(partners(src));
        checks.add(quotas(src));
        checks.add(csp(src));
        return Gate.of("platform", "platform: API frozen, docs, partners, quotas, CSP", checks);
    }

    /**
     * A pilot partner is an API client ({@code ApiClientRegistered}, io.mbp.apiclient) that still
     * holds a key able to sign: created or rotated in, and not revoked since (a rotated-out key keeps
     * its client live only until it expires, and the new key does that anyway).
     */
    private static Check partners(EvidenceSource src) {
        String id = "pilot-partners";
        String name = "pilot partners (API clients with a live key)";
        List<EvidenceSource.Found> all = src.events(List.of("ApiClientRegistered", "ApiKeyCreated", "ApiKeyRotated", "ApiKeyRevoked"));
        Set<String> clients = new TreeSet<>();
        Map<String, String> liveKeys = new HashMap<>();
        List<String> at = new ArrayList<>();
        for (EvidenceSource.Found f : all) {
            switch (f.type()) {
                case "ApiClientRegistered" -> {
                    clients.add(f.text("client"));
                    at.add(f.pointer());
                }
                case "ApiKeyCreated" -> liveKeys.put(f.text("key_id"), f.text("client"));
                case "ApiKeyRotated" -> liveKeys.put(f.text("new_key_id"), f.text("client"));
                default -> liveKeys.remove(f.text("key_id"));
            }
        }
        if (clients.isEmpty()) {
            return Check.missing(id, name, "no ApiClientRegistered event: `mbp api-keys create`");
        }
        Set<String> live = new TreeSet<>(liveKeys.values());
        live.retainAll(clients);
        return Check.of(live.size() >= PILOT_PARTNERS, id, name, clients.size() + " API client(s), " + live.size() + " with a live key, "
                + PILOT_PARTNERS + " wanted", at);
    }

    /**
     * Token buckets are always built into the daemon (docs/api-auth.md#quotas), so a flag or a default
     * proves nothing about the running service. The evidence is the running daemon's own scrape
     * ({@code curl 127.0.0.1:PORT/metrics > out/metrics/daemon-metrics.prom}): green when its
     * {@code mbp_rate_limit_rejections_total} shows the limits have refused requests (429).
     */
    private static Check quotas(EvidenceSource src) {
        String id = "quotas-on";
        String name = "quotas on (the daemon has refused over-quota requests)";
        Optional<Path> file = src.newest("out", DAEMON_METRICS);
        Optional<String> text = file.flatMap(Files2::text);
        if (text.isEmpty()) {
            return Check.missing(id, name, "no " + DAEMON_METRICS + " under out/: save the daemon's GET /metrics there");
        }
        long refused = 0;
        boolean seen = false;
        for (String line : text.get().split("\n")) {
            if (line.startsWith(REJECTIONS + "{") || line.startsWith(REJECTIONS + " ")) {
                seen = true;
                try {
                    refused += (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                } catch (NumberFormatException e) {
                    return Check.red(id, name, "a " + REJECTIONS + " sample is not a number", List.of(file.get().toString()));
                }
            }
        }
        if (!seen || refused == 0) {
            return Check.missing(id, name, "the scrape shows no request refused by the rate limits yet (" + REJECTIONS + ")");
        }
        return Check.green(id, name, refused + " request(s) refused with 429 by the token buckets", List.of(file.get().toString()));
    }

    /**
     * The status site (`mbp status build`, the nightly's status-site step) states its policy in a
     * {@code <meta http-equiv="Content-Security-Policy">} of every page (io.mbp.status.StatusSite#CSP).
     * Strict: a default-src, no 'unsafe-inline' or 'unsafe-eval', no wildcard source, and no script
     * allowed at all (the site has none, so any script source is a regression).
     */
    private static Check csp(EvidenceSource src) {
        String id = "csp-strict";
        String name = "status site CSP strict";
        Optional<String> html = src.file(STATUS_SITE).flatMap(Files2::text);
        if (html.isEmpty()) {
            return Check.missing(id, name, "no status site at " + STATUS_SITE + ": `mbp status build --out out/status`");
        }
        java.util.regex.Matcher m = META_CSP.matcher(html.get());
        if (!m.find()) {
            return Check.red(id, name, "no Content-Security-Policy meta tag", List.of(STATUS_SITE));
        }
        String policy = m.group(1);
        List<String> loose = new ArrayList<>();
        if (!policy.contains("default-src")) {
            loose.add("no default-src");
        }
        List<String> sources = List.of(policy.split("[;\\s]+"));
        for (String bad : List.of("'unsafe-inline'", "'unsafe-eval'", "*")) {
            if (sources.contains(bad)) {
                loose.add(bad);
            }
        }
        if (sources.contains("script-src") && !policy.matches("(?s).*script-src\\s+'none'\\s*(;.*)?")) {
            loose.add("script-src");
        }
        return Check.of(loose.isEmpty(), id, name, loose.isEmpty() ? "policy \"" + policy + "\"" : "the policy allows: "
                + String.join(", ", loose), List.of(STATUS_SITE));
    }

    static Gate market(EvidenceSource src) {
        return Gate.of("market", "market: KPI thresholds, no P1 in the month", List.of(kpis(src), p1(src)));
    }

    /** Sampled from the log over the 30 days before the check, as `mbp market quality --from .. --to ..` would (ADR 0317). */
    private static Check kpis(EvidenceSource src) {
        String id = "market-kpis";
        String name = "spread p95 <= 2%, slippage p95 <= 1.5%, depth@2% p50 >= CE$75k";
        Instant to = src.now();
        Instant from = to.minus(KPI_WINDOW);
        String window = "market quality " + from + " to " + to;
        Optional<QualityKpis.Report> r = src.marketQuality(from, to);
        if (r.isEmpty()) {
            return Check.missing(id, name, "no market sample in the log from " + from + " to " + to + ": no market was open");
        }
        QualityKpis k = r.get().overall();
        List<String> failed = new ArrayList<>();
        if (!k.spreadPass()) {
            failed.add("spread");
        }
        if (!k.slippagePass()) {
            failed.add("slippage");
        }
        if (!k.depthPass()) {
            failed.add("depth");
        }
        return Check.of(k.pass(), id, name, k.samples() + " sample(s) of " + r.get().markets().size() + " market(s): spread p95 "
                + QualityKpis.pct(k.spreadP95Bps()) + "%, slippage p95 " + QualityKpis.pct(k.slippageP95Bps()) + "%, depth@2% p50 "
                + k.depth2PctP50Centavos() + " centavos" + (failed.isEmpty() ? "" : "; off target: " + String.join(", ", failed)),
                List.of(window));
    }

    private static Check p1(EvidenceSource src) {
        String id = "no-p1-in-month";
        String name = "zero P1 incidents in the last 30 days";
        List<EvidenceSource.Found> all = src.events(List.of("IncidentOpened", "IncidentUpdated"));
        if (all.isEmpty()) {
            // An empty incident log proves nothing: it may only mean nobody records incidents.
            return Check.missing(id, name, "no incident ever recorded: the incident log is not in use (`mbp incident`)");
        }
        Instant since = src.now().minus(INCIDENT_WINDOW);
        List<String> p1 = new ArrayList<>();
        for (EvidenceSource.Found f : all) {
            String at = f.text("started_at") != null ? f.text("started_at") : f.ts();
            if ("P1".equals(f.text("severity")) && !Instant.parse(at).isBefore(since)) {
                p1.add(f.pointer() + " " + f.text("incident"));
            }
        }
        return Check.of(p1.isEmpty(), id, name, p1.isEmpty() ? "no P1 since " + since : p1.size() + " P1 record(s) since " + since,
                p1.isEmpty() ? List.of(CoreGates.last(all).pointer()) : p1);
    }

    static Gate security(EvidenceSource src) {
        return Gate.of("security", "security: keys within 90 days, no open critical finding", List.of(operatorKey(src), chainKey(src), findings(src)));
    }

    private static Check operatorKey(EvidenceSource src) {
        String id = "operator-key-age";
        String name = "operator key within 90 days";
        List<EvidenceSource.Found> created = src.events(List.of("KeyCreated"));
        Set<String> retired = new HashSet<>();
        src.events(List.of("KeyRetired")).forEach(f -> retired.add(f.text("key_id")));
        Optional<EvidenceSource.Found> active = created.stream().filter(f -> !retired.contains(f.text("key_id"))).reduce((a, b) -> b);
        if (active.isEmpty()) {
            return Check.missing(id, name, "no active operator key in the log: `mbp keys init`");
        }
        Instant since = Instant.parse(active.get().text("created_at"));
        long days = Duration.between(since, src.now()).toDays();
        return Check.of(Duration.between(since, src.now()).compareTo(MAX_KEY_AGE) <= 0, id, name, "key " + active.get().text("key_id")
                + " created " + since + ", " + days + " day(s) old", List.of(active.get().pointer()));
    }

    private static Check chainKey(EvidenceSource src) {
        String id = "chain-key-age";
        String name = "chain key within 90 days";
        Optional<EvidenceSource.ChainKey> k = src.chainKey();
        if (k.isEmpty()) {
            return Check.missing(id, name, "no anchor yet, so no chain key in use: `mbp anchor`");
        }
        Duration age = Duration.between(k.get().firstUse(), src.now());
        return Check.of(age.compareTo(MAX_KEY_AGE) <= 0, id, name, "account " + k.get().address() + " first used "
                + k.get().firstUse() + ", " + age.toDays() + " day(s) ago", List.of(k.get().pointer()));
    }

    private static Check findings(EvidenceSource src) {
        String id = "no-open-critical-finding";
        String name = "no open critical finding";
        Optional<String> doc = src.file("docs/security.md").flatMap(Files2::text);
        if (doc.isEmpty()) {
            return Check.missing(id, name, "no findings register (docs/security.md)");
        }
        boolean open = false;
        boolean inOpen = false;
        for (String line : doc.get().split("\n")) {
            if (line.startsWith("#")) {
                inOpen = line.toLowerCase(java.util.Locale.ROOT).contains("open findings");
            } else if (inOpen && line.startsWith("|") && line.toLowerCase(java.util.Locale.ROOT).contains("critical")) {
                open = true;
            }
        }
        if (open) {
            return Check.red(id, name, "docs/security.md lists an open critical finding", List.of("docs/security.md"));
        }
        return doc.get().contains("No finding is open")
                ? Check.green(id, name, "the findings register says no finding is open", List.of("docs/security.md"))
                : Check.missing(id, name, "docs/security.md neither lists open findings nor says none is open");
    }
}

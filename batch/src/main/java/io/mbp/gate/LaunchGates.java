package io.mbp.gate;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Gates 5 to 7 of docs/gates.md: platform, market, security. */
final class LaunchGates {
    static final String FROZEN_API = "docs/openapi-v2.frozen.yaml";
    static final List<String> PUBLISHED_DOCS = List.of("docs/openapi.yaml", "docs/api-auth.md", "sdk/ts/README.md", "sdk/python/README.md");
    static final int PILOT_PARTNERS = 3;
    static final String STATUS_SITE = "out/status/index.html";
    static final BigDecimal MAX_SPREAD_P95_PCT = new BigDecimal("2");
    static final BigDecimal MAX_SLIPPAGE_P95_PCT = new BigDecimal("1.5");
    /** CE$75,000.00 in centavos. */
    static final long MIN_DEPTH_2PCT_P50_CENTAVOS = 7_500_000;
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
        List<EvidenceSource.Found> clients = src.events(List.of("ApiClientRegistered"));
        Set<String> ids = new HashSet<>();
        clients.forEach(c -> ids.add(CoreGates.firstText(c, "client_id", "client", "id")));
        checks.add(clients.isEmpty() ? Check.missing("pilot-partners", "pilot partners (API clients)",
                "no ApiClientRegistered event: `mbp api-keys`")
                : Check.of(ids.size() >= PILOT_PARTNERS, "pilot-partners", "pilot partners (API clients)", ids.size()
                + " API client(s), " + PILOT_PARTNERS + " wanted", clients.stream().map(EvidenceSource.Found::pointer).toList()));
        checks.add(quotas(src, clients));
        checks.add(csp(src));
        return Gate.of("platform", "platform: API frozen, docs, partners, quotas, CSP", checks);
    }

    private static Check quotas(EvidenceSource src, List<EvidenceSource.Found> clients) {
        String id = "quotas-on";
        String name = "quotas on";
        List<EvidenceSource.Found> set = src.events(List.of("ApiQuotaSet"));
        List<EvidenceSource.Found> withQuota = clients.stream().filter(c -> c.payload().has("quota")
                || c.payload().has("quota_per_minute")).toList();
        if (set.isEmpty() && withQuota.isEmpty()) {
            return Check.missing(id, name, "no ApiQuotaSet event nor a client registered with a quota");
        }
        List<String> at = new ArrayList<>();
        set.forEach(f -> at.add(f.pointer()));
        withQuota.forEach(f -> at.add(f.pointer()));
        return Check.green(id, name, at.size() + " quota record(s)", at);
    }

    private static Check csp(EvidenceSource src) {
        String id = "csp-strict";
        String name = "status site CSP strict";
        Optional<String> html = src.file(STATUS_SITE).flatMap(Files2::text);
        if (html.isEmpty()) {
            return Check.missing(id, name, "no status site at " + STATUS_SITE + ": `mbp status build`");
        }
        String h = html.get();
        boolean has = h.contains("Content-Security-Policy");
        boolean loose = h.contains("'unsafe-inline'") || h.contains("'unsafe-eval'") || h.contains("default-src *");
        return Check.of(has && !loose, id, name, !has ? "no Content-Security-Policy" : loose ? "the policy allows unsafe-inline,"
                + " unsafe-eval or any source" : "a policy without unsafe sources", List.of(STATUS_SITE));
    }

    static Gate market(EvidenceSource src) {
        return Gate.of("market", "market: KPI thresholds, no P1 in the month", List.of(kpis(src), p1(src)));
    }

    private static Check kpis(EvidenceSource src) {
        String id = "market-kpis";
        String name = "spread p95 <= 2%, slippage p95 <= 1.5%, depth@2% p50 >= CE$75k";
        Optional<Path> file = src.newest("out", "market-quality.json");
        Optional<JsonNode> q = file.flatMap(Files2::json).map(n -> n.has("overall") ? n.get("overall") : n)
                .filter(n -> n.has("spread_p95_pct") && n.has("slippage_p95_pct") && n.has("depth_2pct_p50_centavos"));
        if (q.isEmpty()) {
            return Check.missing(id, name, "no market-quality.json with spread_p95_pct, slippage_p95_pct, depth_2pct_p50_centavos"
                    + " under out/: `mbp market quality --json > out/market-quality/market-quality.json`");
        }
        JsonNode n = q.get();
        try {
            BigDecimal spread = new BigDecimal(n.get("spread_p95_pct").asText());
            BigDecimal slip = new BigDecimal(n.get("slippage_p95_pct").asText());
            long depth = new BigDecimal(n.get("depth_2pct_p50_centavos").asText()).longValueExact();
            List<String> failed = new ArrayList<>();
            if (spread.compareTo(MAX_SPREAD_P95_PCT) > 0) {
                failed.add("spread p95 " + spread + "%");
            }
            if (slip.compareTo(MAX_SLIPPAGE_P95_PCT) > 0) {
                failed.add("slippage p95 " + slip + "%");
            }
            if (depth < MIN_DEPTH_2PCT_P50_CENTAVOS) {
                failed.add("depth@2% p50 " + depth + " centavos");
            }
            return Check.of(failed.isEmpty(), id, name, "spread p95 " + spread + "%, slippage p95 " + slip + "%, depth@2% p50 " + depth
                    + " centavos" + (failed.isEmpty() ? "" : "; off target: " + String.join(", ", failed)), List.of(file.get().toString()));
        } catch (NumberFormatException | ArithmeticException e) {
            return Check.red(id, name, "a KPI is not a number", List.of(file.get().toString()));
        }
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

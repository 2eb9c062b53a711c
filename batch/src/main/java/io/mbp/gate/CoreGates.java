package io.mbp.gate;

import com.fasterxml.jackson.databind.JsonNode;
import io.mbp.recon.ReconStreak;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Gates 1 to 4 of docs/gates.md: formal, custody, SRE, KYC/AML. */
final class CoreGates {
    static final String FORMAL_SUMMARY = "out/evidence/S19_formal_audit/summary.json";
    static final String ORR = "specs/orr.yaml";
    static final int DRILLS_WANTED = 2;
    static final BigDecimal MAX_BURN = new BigDecimal("0.5");
    static final Duration LIST_FRESHNESS = Duration.ofHours(1);
    static final int RECON_DAYS = 14;

    private CoreGates() {
    }

    static Gate formal(EvidenceSource src) {
        Optional<Path> file = src.file(FORMAL_SUMMARY);
        if (file.isEmpty()) {
            String why = "no formal pack results (" + FORMAL_SUMMARY + "): run `mbp formal check`";
            return Gate.of("formal", "formal pack PASS, no open counterexample", List.of(Check.missing("formal-pack-pass", "formal pack PASS", why),
                    Check.missing("no-open-counterexample", "no open counterexample", why)));
        }
        String at = file.get().toString();
        Optional<JsonNode> summary = Files2.json(file.get());
        if (summary.isEmpty()) {
            return Gate.of("formal", "formal pack PASS, no open counterexample", List.of(Check.red("formal-pack-pass", "formal pack PASS", "unreadable: not JSON", List.of(at))));
        }
        JsonNode s = summary.get();
        List<String> open = new ArrayList<>();
        for (JsonNode spec : s.path("specs")) {
            // A spec held to PASS that failed is an open counterexample; the broken variants are expected to FAIL.
            if ("PASS".equals(spec.path("expected").asText()) && !"PASS".equals(spec.path("outcome").asText())) {
                open.add(spec.path("spec").asText() + " " + spec.path("outcome").asText());
            }
        }
        boolean ok = s.path("ok").asBoolean(false);
        return Gate.of("formal", "formal pack PASS, no open counterexample", List.of(
                Check.of(ok, "formal-pack-pass", "formal pack PASS", ok ? "every spec as expected and every adapter conforms"
                        : "the pack did not pass (see summary.txt)", List.of(at)),
                Check.of(open.isEmpty(), "no-open-counterexample", "no open counterexample",
                        open.isEmpty() ? s.path("specs").size() + " spec(s), none held to PASS failed" : "open: " + String.join(", ", open),
                        List.of(at))));
    }

    static Gate custody(EvidenceSource src) {
        return Gate.of("custody", "custody: audit clean, release anchored, public verify", List.of(auditClean(src), releaseAnchor(src), publicVerify(src)));
    }

    private static Check auditClean(EvidenceSource src) {
        String id = "audit-workpapers-clean";
        String name = "last custody audit workpapers clean";
        Optional<Path> report = src.newest("out/audit", "report.json");
        Optional<JsonNode> r = report.flatMap(Files2::json).filter(n -> "custody-audit".equals(n.path("kind").asText()));
        if (r.isEmpty()) {
            return Check.missing(id, name, "no custody audit workpapers under out/audit/: run `mbp audit custody --sample N --seed S --out DIR`");
        }
        JsonNode n = r.get();
        boolean clean = n.path("clean").asBoolean(false);
        return Check.of(clean, id, name, "sample " + n.path("sample").asText() + " seed " + n.path("seed").asText() + ": "
                + n.path("findings").size() + " finding(s)", List.of(report.get().toString()));
    }

    /**
     * The release a canary rolls out (io.mbp.release.ReleaseCut: {@code version}, {@code chain_id},
     * {@code anchor_tx}) is anchored. Verified by the recorded anchor, not on chain: `mbp release cut`
     * only records the event after the anchor transaction is mined, and `mbp release verify` re-checks
     * the root against the chain. "Canary": a {@code CanaryStarted} of that release must exist.
     */
    private static Check releaseAnchor(EvidenceSource src) {
        String id = "canary-release-anchor-verified";
        String name = "canary release anchor verified";
        List<EvidenceSource.Found> cuts = src.events(List.of("ReleaseCut"));
        if (cuts.isEmpty()) {
            return Check.missing(id, name, "no ReleaseCut event: cut and anchor a release with `mbp release cut --version V`");
        }
        EvidenceSource.Found cut = cuts.get(cuts.size() - 1);
        String tx = cut.text("anchor_tx");
        String version = cut.text("version");
        if (tx == null || tx.isBlank()) {
            return Check.red(id, name, "release " + version + " has no anchor transaction", List.of(cut.pointer()));
        }
        String anchored = "release " + version + " anchored in tx " + tx + " on chain " + cut.text("chain_id");
        List<EvidenceSource.Found> canaries = src.events(List.of("CanaryStarted")).stream()
                .filter(c -> version.equals(c.text("release"))).toList();
        if (canaries.isEmpty()) {
            return Check.missing(id, name, anchored + ", but no canary of it: `mbp canary start --release DIR` (the release folder)");
        }
        return Check.green(id, name, anchored + ", canary started", List.of(cut.pointer(), last(canaries).pointer()));
    }

    private static Check publicVerify(EvidenceSource src) {
        String id = "public-verify-available";
        String name = "public verify available (latest checkpoint anchored)";
        List<EvidenceSource.Found> sealed = src.events(List.of("CheckpointSealed"));
        if (sealed.isEmpty()) {
            return Check.missing(id, name, "no checkpoint sealed yet: `mbp seal`, then `mbp anchor`");
        }
        List<EvidenceSource.Found> anchors = src.events(List.of("AnchorPublished"));
        if (anchors.isEmpty()) {
            return Check.red(id, name, sealed.size() + " checkpoint(s), none anchored: `mbp anchor`", List.of(last(sealed).pointer()));
        }
        EvidenceSource.Found a = last(anchors);
        Instant at = Instant.parse(a.ts());
        // The nightly anchors every night; an anchor older than two days means verification has gone stale.
        boolean fresh = !at.isBefore(src.now().minus(Duration.ofDays(2)));
        return Check.of(fresh, id, name, "checkpoint #" + a.text("checkpoint_id") + " (" + a.text("tree_size") + " events) anchored at "
                + a.ts() + (fresh ? "" : ", more than 2 days ago"), List.of(a.pointer()));
    }

    static Gate sre(EvidenceSource src) {
        List<EvidenceSource.Found> filed = src.events(List.of("SreEvidenceRecorded"));
        return Gate.of("sre", "SRE: ORR done, DR drills, burn, probes", List.of(orr(src, filed), drills(filed), burn(filed), probes(filed)));
    }

    private static Check orr(EvidenceSource src, List<EvidenceSource.Found> filed) {
        String id = "orr-items-done";
        String name = "ORR items done";
        Optional<JsonNode> spec = src.file(ORR).flatMap(Files2::yaml);
        if (spec.isEmpty()) {
            return Check.missing(id, name, ORR + " missing or unreadable");
        }
        Map<String, Boolean> s21 = new HashMap<>();
        filed.forEach(f -> s21.put(f.text("kind"), true));
        if (!src.events(List.of("GameDayRecorded")).isEmpty()) {
            s21.put("game-day", true);
        }
        if (!src.events(List.of("IncidentOpened")).isEmpty()) {
            s21.put("incident", true);
        }
        List<String> undone = new ArrayList<>();
        int items = 0;
        for (JsonNode item : spec.get().path("items")) {
            items++;
            List<String> lacking = new ArrayList<>();
            for (JsonNode ev : item.path("evidence")) {
                if (ev.has("doc") && src.file(ev.get("doc").asText()).isEmpty()) {
                    lacking.add("doc " + ev.get("doc").asText());
                }
                if (ev.has("s21") && !s21.containsKey(ev.get("s21").asText())) {
                    lacking.add("s21 " + ev.get("s21").asText());
                }
            }
            if (!lacking.isEmpty()) {
                undone.add(item.path("id").asText() + " (" + String.join(", ", lacking) + ")");
            }
        }
        return Check.of(undone.isEmpty() && items > 0, id, name, undone.isEmpty() ? items + " item(s), each with its evidence"
                : undone.size() + " of " + items + " not done: " + String.join("; ", undone), List.of(ORR));
    }

    private static Check drills(List<EvidenceSource.Found> filed) {
        String id = "dr-drills-pass";
        String name = DRILLS_WANTED + " DR drills PASS";
        List<EvidenceSource.Found> drills = filed.stream().filter(f -> "dr-drill".equals(f.text("kind"))).toList();
        if (drills.isEmpty()) {
            return Check.missing(id, name, "no DR drill filed: `mbp dr drill`, then `mbp chaos record --kind dr-drill --file REPORT`");
        }
        List<EvidenceSource.Found> passed = drills.stream().filter(f -> field(f, "verified").map("true"::equals).orElse(false)).toList();
        return Check.of(passed.size() >= DRILLS_WANTED, id, name, passed.size() + " of " + drills.size() + " drill(s) verified",
                (passed.isEmpty() ? drills : passed).stream().map(EvidenceSource.Found::pointer).toList());
    }

    private static Check burn(List<EvidenceSource.Found> filed) {
        String id = "burn-rate";
        String name = "burn rate <= " + MAX_BURN + "x";
        Optional<EvidenceSource.Found> report = lastOfKind(filed, "slo-report");
        Optional<String> burn = report.flatMap(r -> field(r, "max_burn_rate"));
        if (burn.isEmpty()) {
            return Check.missing(id, name, "no SLO report with max_burn_rate filed: `mbp slo report --json > F`, then"
                    + " `mbp chaos record --kind slo-report --file F`");
        }
        try {
            BigDecimal b = new BigDecimal(burn.get());
            return Check.of(b.compareTo(MAX_BURN) <= 0, id, name, "max burn " + burn.get() + "x", List.of(report.get().pointer()));
        } catch (NumberFormatException e) {
            return Check.red(id, name, "max_burn_rate " + burn.get() + " is not a number", List.of(report.get().pointer()));
        }
    }

    private static Check probes(List<EvidenceSource.Found> filed) {
        String id = "probes-up";
        String name = "probes up";
        Optional<EvidenceSource.Found> report = lastOfKind(filed, "slo-report");
        Optional<String> up = report.flatMap(r -> field(r, "probes_up"));
        if (up.isEmpty()) {
            return Check.missing(id, name, "no SLO report with probes_up filed (no probe source in this build)");
        }
        return Check.of("true".equals(up.get()), id, name, "probes_up=" + up.get(), List.of(report.get().pointer()));
    }

    static Gate kycAml(EvidenceSource src) {
        List<Check> checks = new ArrayList<>();
        checks.add(active(src, "kyc-flow-active", "KYC flow active", List.of("KycSubmitted", "KycStatusChanged"), "`mbp kyc`"));
        checks.add(active(src, "aml-monitoring-active", "AML monitoring active", List.of("AmlScenarioRegistered"), "`mbp aml scenarios`"));
        checks.add(listsFresh(src));
        checks.add(recon(src));
        Optional<Path> adr = src.file("docs/adr/0707-appeals.md");
        boolean sla = adr.flatMap(Files2::text).map(t -> t.contains("SLA")).orElse(false);
        checks.add(sla ? Check.green("appeals-sla-defined", "appeals SLA defined", "ADR 0707: due = opened + --sla-days",
                List.of("docs/adr/0707-appeals.md")) : Check.missing("appeals-sla-defined", "appeals SLA defined", "docs/adr/0707-appeals.md"
                + " does not define an SLA"));
        return Gate.of("kyc-aml", "KYC/AML: flows, lists, reconciliation, appeals", checks);
    }

    private static Check active(EvidenceSource src, String id, String name, List<String> types, String how) {
        for (String t : types) {
            if (src.events(List.of(t)).isEmpty()) {
                return Check.missing(id, name, "no " + t + " event: " + how);
            }
        }
        List<String> at = types.stream().map(t -> last(src.events(List.of(t))).pointer()).toList();
        return Check.green(id, name, "events " + String.join(", ", types) + " present", at);
    }

    private static Check listsFresh(EvidenceSource src) {
        String id = "screening-lists-fresh";
        String name = "sanctions/PEP lists updated within the hour";
        Map<String, EvidenceSource.Found> latest = new LinkedHashMap<>();
        src.events(List.of("ScreeningListImported")).forEach(f -> latest.put(f.text("list_id"), f));
        if (latest.isEmpty()) {
            return Check.missing(id, name, "no screening list imported: `mbp screening lists import`");
        }
        List<String> stale = new ArrayList<>();
        latest.forEach((list, f) -> {
            if (Instant.parse(f.ts()).isBefore(src.now().minus(LIST_FRESHNESS))) {
                stale.add(list + " (" + f.ts() + ")");
            }
        });
        return Check.of(stale.isEmpty(), id, name, stale.isEmpty() ? latest.size() + " list(s), each imported within the hour"
                : "stale: " + String.join(", ", stale), latest.values().stream().map(EvidenceSource.Found::pointer).toList());
    }

    private static Check recon(EvidenceSource src) {
        String id = "recon-14-days";
        String name = "D+1 reconciliation 100% on each of the last " + RECON_DAYS + " days";
        Map<String, ReconStreak.Day> last = new HashMap<>();
        for (EvidenceSource.Found f : src.events(List.of("ReconCompleted"))) {
            last.put(f.text("date"), new ReconStreak.Day(f.text("date"), ReconStreak.basisPoints(f.text("rate")), f.text("rate"),
                    f.payload().path("exceptions_open").asLong(), f.seq()));
        }
        // D+1: the statement of D arrives during D+1, so the last day that can be reconciled is the day before.
        ReconStreak s = ReconStreak.over(last, src.date().minusDays(1), RECON_DAYS);
        if (s.days().stream().noneMatch(ReconStreak.Day::logged)) {
            return Check.missing(id, name, "no reconciliation logged " + s.from() + ".." + s.to() + ": `mbp recon d1`");
        }
        List<String> at = s.days().stream().filter(ReconStreak.Day::logged).map(d -> "log seq " + d.seq() + " ReconCompleted").toList();
        return Check.of(s.unbroken(), id, name, s.fullDays() + "/" + RECON_DAYS + " days at 100% " + s.from() + ".." + s.to()
                + (s.missing().isEmpty() ? "" : "; no result: " + s.missing()) + (s.below().isEmpty() ? "" : "; below: " + s.below()), at);
    }

    static String firstText(EvidenceSource.Found f, String... fields) {
        for (String n : fields) {
            String v = f.text(n);
            if (v != null) {
                return v;
            }
        }
        return null;
    }

    static EvidenceSource.Found last(List<EvidenceSource.Found> l) {
        return l.get(l.size() - 1);
    }

    private static Optional<EvidenceSource.Found> lastOfKind(List<EvidenceSource.Found> filed, String kind) {
        return filed.stream().filter(f -> kind.equals(f.text("kind"))).reduce((a, b) -> b);
    }

    /** A {@code name=value} field of a filed SRE report (SreEvidenceRecorded.fields). */
    static Optional<String> field(EvidenceSource.Found f, String name) {
        for (JsonNode v : f.payload().path("fields")) {
            String t = v.asText();
            if (t.startsWith(name + "=")) {
                return Optional.of(t.substring(name.length() + 1));
            }
        }
        return Optional.empty();
    }
}

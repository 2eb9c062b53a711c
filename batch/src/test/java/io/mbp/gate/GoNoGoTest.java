package io.mbp.gate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mbp.market.QualityKpis;
import io.mbp.status.StatusSite;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The seven gates over a complete set of evidence (real files in a folder, events as the log would hold them):
 * GO is reachable, and each threshold turns its gate red, or no-evidence when the evidence goes, and the answer
 * to no-go. The cli's GateCheckCliTest runs the same gates on a real database.
 */
class GoNoGoTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant NOW = Instant.parse("2026-11-28T08:00:00Z");

    @TempDir
    Path root;

    private final Map<String, List<EvidenceSource.Found>> events = new HashMap<>();
    private Instant chainFirstUse = NOW.minus(Duration.ofDays(30));
    /** The sampled KPIs at exactly the thresholds (ADR 0317): spread 2.00%, slippage 1.50%, depth CE$75k. */
    private QualityKpis quality = kpis(200L, 150L, 7_500_000L);
    private Instant qualityFrom;
    private long seq;

    /** Evidence in {@code root} (repository) and {@code root/out}; events and the chain key in memory. */
    private final EvidenceSource src = new EvidenceSource() {
        @Override
        public List<Found> events(Collection<String> types) {
            List<Found> out = new ArrayList<>();
            types.forEach(t -> out.addAll(events.getOrDefault(t, List.of())));
            out.sort((a, b) -> Long.compare(a.seq(), b.seq()));
            return out;
        }

        @Override
        public Optional<Path> file(String path) {
            Path p = root.resolve(path);
            return Files.exists(p) ? Optional.of(p) : Optional.empty();
        }

        @Override
        public Optional<Path> newest(String dir, String name) {
            if (!Files.isDirectory(root.resolve(dir))) {
                return Optional.empty();
            }
            try (Stream<Path> s = Files.walk(root.resolve(dir), 4)) {
                return s.filter(p -> p.getFileName().toString().equals(name)).findFirst();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }

        @Override
        public Optional<ChainKey> chainKey() {
            return Optional.of(new ChainKey("0xabc", chainFirstUse, "anchors table"));
        }

        @Override
        public Optional<QualityKpis.Report> marketQuality(Instant from, Instant to) {
            qualityFrom = from;
            return quality == null ? Optional.empty()
                    : Optional.of(new QualityKpis.Report(from.toString(), to.toString(), 60, 10_000, List.of(quality), quality));
        }

        @Override
        public Instant now() {
            return NOW;
        }

        @Override
        public LocalDate date() {
            return LocalDate.parse("2026-11-28");
        }
    };

    private static QualityKpis kpis(Long spread, Long slippage, Long depth) {
        return new QualityKpis(null, 1440, 0, spread, slippage, depth, 12, 40L);
    }

    private void event(String type, Instant ts, Object... kv) {
        ObjectNode p = JSON.createObjectNode();
        for (int i = 0; i < kv.length; i += 2) {
            p.set((String) kv[i], JSON.valueToTree(kv[i + 1]));
        }
        events.computeIfAbsent(type, t -> new ArrayList<>()).add(new EvidenceSource.Found(seq++, type, ts.toString(), p));
    }

    private void file(String path, String text) throws IOException {
        Path p = root.resolve(path);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
    }

    @BeforeEach
    void everyGateHasItsEvidence() throws IOException {
        file("out/evidence/S19_formal_audit/summary.json", "{\"ok\": true, \"specs\": [{\"spec\": \"a\", \"expected\": \"PASS\", \"outcome\": \"PASS\"}]}");
        file("out/audit/custody-1/report.json", "{\"kind\": \"custody-audit\", \"clean\": true, \"sample\": 8, \"seed\": 1, \"findings\": []}");
        event("ReleaseCut", NOW.minusSeconds(7200), "version", "1.0.0", "commit", "abc", "merkle_root", "ff", "chain_id", 31337,
                "anchor_tx", "0x01");
        event("CanaryStarted", NOW.minusSeconds(7000), "release", "1.0.0", "stable", "0.9.0");
        event("CheckpointSealed", NOW.minusSeconds(3600), "checkpoint_id", 1, "tree_size", 10);
        event("AnchorPublished", NOW.minusSeconds(3500), "checkpoint_id", 1, "tree_size", 10);
        file("docs/runbooks/dr.md", "# DR\n");
        file("specs/orr.yaml", "items:\n  - id: dr\n    evidence:\n      - doc: docs/runbooks/dr.md\n      - s21: dr-drill\n");
        event("SreEvidenceRecorded", NOW.minusSeconds(86_400), "kind", "dr-drill", "fields", List.of("verified=true"));
        event("SreEvidenceRecorded", NOW.minusSeconds(86_000), "kind", "dr-drill", "fields", List.of("verified=true"));
        event("SreEvidenceRecorded", NOW.minusSeconds(80_000), "kind", "slo-report", "fields", List.of("max_burn_rate=0.5", "probes_up=true"));
        event("KycSubmitted", NOW.minusSeconds(9000), "account", "acct-0001");
        event("KycStatusChanged", NOW.minusSeconds(8000), "account", "acct-0001");
        event("AmlScenarioRegistered", NOW.minusSeconds(8000), "scenario", "s1");
        event("ScreeningListImported", NOW.minusSeconds(1800), "list_id", "ofac");
        for (LocalDate d = LocalDate.parse("2026-11-14"); d.isBefore(LocalDate.parse("2026-11-28")); d = d.plusDays(1)) {
            event("ReconCompleted", NOW.minusSeconds(60), "date", d.toString(), "rate", "100.00", "exceptions_open", 0);
        }
        file("docs/adr/0707-appeals.md", "# ADR 0707: appeals are events with an SLA\n");
        for (String d : List.of("docs/openapi-v2.frozen.yaml", "docs/openapi.yaml", "docs/api-auth.md", "sdk/ts/README.md", "sdk/python/README.md")) {
            file(d, "x\n");
        }
        for (String c : List.of("partner-a", "partner-b", "partner-c")) {
            event("ApiClientRegistered", NOW.minusSeconds(5000), "client", c, "by", "ops");
            event("ApiKeyCreated", NOW.minusSeconds(4900), "key_id", "key-" + c, "client", c, "scopes", "read", "by", "ops");
        }
        file("out/metrics/daemon-metrics.prom", "# TYPE mbp_rate_limit_rejections_total counter\n"
                + "mbp_rate_limit_rejections_total{group=\"orders\"} 3.0\n");
        file("out/status/index.html", "<!doctype html><html><head><meta http-equiv=\"Content-Security-Policy\" content=\""
                + StatusSite.CSP + "\"></head></html>");
        event("IncidentOpened", NOW.minus(Duration.ofDays(31)), "incident", "INC-0001", "severity", "P1",
                "started_at", NOW.minus(Duration.ofDays(31)).toString());
        event("KeyCreated", NOW.minus(Duration.ofDays(90)), "key_id", "k1", "created_at", NOW.minus(Duration.ofDays(90)).toString());
        file("docs/security.md", "# Security\n\nNo finding is open.\n");
    }

    private static String status(GateReport r, String gate) {
        return r.gates().stream().filter(g -> g.id().equals(gate)).findFirst().orElseThrow().status().wire();
    }

    @Test
    void goWhenEveryGateIsGreenAtItsThresholds() {
        GateReport r = GoNoGo.evaluate(src);
        for (Gate g : r.gates()) {
            assertEquals(GateStatus.GREEN, g.status(), g.toString());
        }
        assertEquals(7, r.gates().size());
        assertTrue(r.go());
    }

    @Test
    void aThresholdCrossedTurnsItsGateRedAndTheAnswerNoGo() throws IOException {
        quality = kpis(201L, 150L, 7_499_999L);
        event("ReconCompleted", NOW, "date", "2026-11-20", "rate", "99.99", "exceptions_open", 1);
        chainFirstUse = NOW.minus(Duration.ofDays(91));
        GateReport r = GoNoGo.evaluate(src);
        assertFalse(r.go());
        assertEquals("red", status(r, "market"));
        String kpis = r.gates().get(5).checks().get(0).detail();
        assertTrue(kpis.contains("spread p95 2.01%") && kpis.contains("off target: spread, depth"), kpis);
        assertEquals(NOW.minus(Duration.ofDays(30)), qualityFrom, "the KPIs are sampled over the 30 days before the check");
        assertEquals("red", status(r, "kyc-aml"));
        assertEquals("red", status(r, "security"));
        assertEquals("green", status(r, "formal"));
    }

    @Test
    void evidenceThatGoesIsNoEvidenceNeverGreen() throws IOException {
        events.remove("KycSubmitted");
        events.remove("ApiClientRegistered");
        Files.delete(root.resolve("out/status/index.html"));
        GateReport r = GoNoGo.evaluate(src);
        assertFalse(r.go());
        assertEquals("no-evidence", status(r, "kyc-aml"));
        assertEquals("no-evidence", status(r, "platform"));
        assertEquals(List.of("kyc-aml", "platform"), r.withStatus(GateStatus.NO_EVIDENCE).stream().map(Gate::id).toList());
    }

    @Test
    void aRecentP1AStaleListAndAStaleOperatorKeyAreRed() {
        event("IncidentUpdated", NOW.minus(Duration.ofDays(3)), "incident", "INC-0002", "severity", "P1");
        event("ScreeningListImported", NOW.minusSeconds(3601), "list_id", "un");
        event("KeyCreated", NOW.minus(Duration.ofDays(91)), "key_id", "k2", "created_at", NOW.minus(Duration.ofDays(91)).toString());
        GateReport r = GoNoGo.evaluate(src);
        assertEquals("red", status(r, "market"));
        assertEquals("red", status(r, "kyc-aml"));
        assertEquals("red", status(r, "security"), "the newest active key is the one that signs");
        assertFalse(r.go());
    }

    private static Check check(GateReport r, String gate, String id) {
        return r.gates().stream().filter(g -> g.id().equals(gate)).findFirst().orElseThrow().checks().stream()
                .filter(c -> c.id().equals(id)).findFirst().orElseThrow();
    }

    @Test
    void pilotPartnersAreRegisteredClientsWithALiveKey() {
        assertEquals("green", check(src(), "platform", "pilot-partners").status().wire());
        event("ApiKeyRevoked", NOW.minusSeconds(100), "key_id", "key-partner-b", "client", "partner-b", "by", "ops");
        Check revoked = check(src(), "platform", "pilot-partners");
        assertEquals("red", revoked.status().wire(), revoked.detail());
        assertTrue(revoked.detail().contains("3 API client(s), 2 with a live key"), revoked.detail());
        event("ApiKeyRotated", NOW.minusSeconds(50), "key_id", "key-partner-b", "client", "partner-b", "new_key_id", "key-b2",
                "old_valid_until", NOW.toString(), "by", "ops");
        assertEquals("green", check(src(), "platform", "pilot-partners").status().wire());
    }

    @Test
    void quotasAreOnOnlyWhenTheDaemonsScrapeShowsRefusals() throws IOException {
        file("out/metrics/daemon-metrics.prom", "mbp_rate_limit_rejections_total{group=\"orders\"} 0.0\n");
        assertEquals("no-evidence", check(src(), "platform", "quotas-on").status().wire());
        Files.delete(root.resolve("out/metrics/daemon-metrics.prom"));
        assertEquals("no-evidence", check(src(), "platform", "quotas-on").status().wire());
        file("out/metrics/daemon-metrics.prom", "mbp_rate_limit_rejections_total{group=\"reads\"} 1.0\n");
        assertEquals("green", check(src(), "platform", "quotas-on").status().wire());
    }

    @Test
    void aStatusSitePolicyAllowingScriptsOrInlineIsRed() throws IOException {
        assertEquals("green", check(src(), "platform", "csp-strict").status().wire(), "the status site's own policy is strict");
        file("out/status/index.html", "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; script-src 'self'\">");
        assertEquals("red", check(src(), "platform", "csp-strict").status().wire());
        file("out/status/index.html", "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">");
        assertEquals("red", check(src(), "platform", "csp-strict").status().wire());
        file("out/status/index.html", "<p>Content-Security-Policy</p>");
        assertEquals("red", check(src(), "platform", "csp-strict").status().wire());
    }

    @Test
    void theReleaseAnchorCountsOnlyForAReleaseThatWentToCanary() {
        events.remove("CanaryStarted");
        Check c = check(src(), "custody", "canary-release-anchor-verified");
        assertEquals("no-evidence", c.status().wire(), c.detail());
        assertTrue(c.detail().contains("release 1.0.0 anchored in tx 0x01 on chain 31337"), c.detail());
        event("CanaryStarted", NOW.minusSeconds(60), "release", "0.9.0", "stable", "0.8.0");
        assertEquals("no-evidence", check(src(), "custody", "canary-release-anchor-verified").status().wire());
        event("CanaryStarted", NOW.minusSeconds(50), "release", "1.0.0", "stable", "0.9.0");
        assertEquals("green", check(src(), "custody", "canary-release-anchor-verified").status().wire());
    }

    @Test
    void noMarketSampledInTheWindowIsNoEvidence() {
        quality = null;
        assertEquals("no-evidence", check(src(), "market", "market-kpis").status().wire());
        quality = kpis(null, 10L, 9_000_000L);
        assertEquals("red", check(src(), "market", "market-kpis").status().wire(), "an unquotable p95 fails its gate");
    }

    private GateReport src() {
        return GoNoGo.evaluate(src);
    }
}

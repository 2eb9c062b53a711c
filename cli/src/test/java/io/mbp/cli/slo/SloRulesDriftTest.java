package io.mbp.cli.slo;

import io.mbp.slo.SloSpec;
import io.mbp.slo.SloSpecs;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mbp.error.BadInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** scripts/prometheus/ is exactly what `mbp slo rules` makes of specs/slo; the thresholds follow the SRE workbook. */
class SloRulesDriftTest {
    private static final Path SPECS = Path.of("..", "specs", "slo");
    private static final Path COMMITTED = Path.of("..", "scripts", "prometheus");

    @TempDir
    Path tmp;

    @Test
    void committedRulesMatchTheSpecs() throws Exception {
        Map<String, String> files = RuleGenerator.generate(SloSpecs.load(SPECS));
        assertEquals(2, files.size());
        for (Map.Entry<String, String> f : files.entrySet()) {
            assertEquals(f.getValue(), Files.readString(COMMITTED.resolve(f.getKey())),
                    "scripts/prometheus/" + f.getKey() + " drifted from specs/slo: run `mbp slo rules --out scripts/prometheus`, "
                            + "then scripts/prometheus/check");
        }
    }

    @Test
    void burnThresholdsAreTheWorkbooksFactorsTimesTheExactBudget() {
        String rules = RuleGenerator.generate(SloSpecs.load(SPECS)).get(RuleGenerator.SLO_FILE);
        // API availability 99.95%: budget 0.0005; 14.4x = 0.0072, 6x = 0.003, 3x = 0.0015, 1x = 0.0005
        for (String t : new String[] {"ratio_rate1h{slo=\"api-availability\"} > 0.0072", "ratio_rate5m{slo=\"api-availability\"} > 0.0072",
            "ratio_rate6h{slo=\"api-availability\"} > 0.003", "ratio_rate30m{slo=\"api-availability\"} > 0.003",
            "ratio_rate1d{slo=\"api-availability\"} > 0.0015", "ratio_rate2h{slo=\"api-availability\"} > 0.0015",
            "ratio_rate3d{slo=\"api-availability\"} > 0.0005", "ratio_rate6h{slo=\"api-availability\"} > 0.0005",
            // payouts 99.9%: 14.4 x 0.001
            "ratio_rate1h{slo=\"payouts-availability\"} > 0.0144"}) {
            assertTrue(rules.contains(t), t);
        }
        // the status site only tickets (alerting.page: false)
        assertTrue(rules.contains("MbpStatusSiteAvailabilityBurnTicket"));
        assertTrue(!rules.contains("MbpStatusSiteAvailabilityBurnPage"));
    }

    @Test
    void aBadSpecNamesTheFileAndTheField() throws Exception {
        Files.copy(SPECS.resolve("api.yaml"), tmp.resolve("api.yaml"));
        Path bad = tmp.resolve("oracle.yaml");
        Files.writeString(bad, Files.readString(SPECS.resolve("oracle.yaml")).replace("target: 0.9995", "target: 1.5"));
        BadInputException e = assertThrows(BadInputException.class, () -> SloSpecs.load(tmp));
        assertTrue(e.getMessage().contains("oracle.yaml") && e.getMessage().contains("target"), e.getMessage());
        Files.writeString(bad, Files.readString(SPECS.resolve("oracle.yaml")).replace("{{.window}}", "5m"));
        e = assertThrows(BadInputException.class, () -> SloSpecs.load(tmp));
        assertTrue(e.getMessage().contains("oracle.yaml") && e.getMessage().contains("{{.window}}"), e.getMessage());
    }

    @Test
    void subqueryStepsAreASixtiethOfTheWindow() {
        assertEquals("1m", SloSpec.resolution("5m"));
        assertEquals("1m", SloSpec.resolution("1h"));
        assertEquals("6m", SloSpec.resolution("6h"));
        assertEquals("720m", SloSpec.resolution("30d"));
        assertEquals("2m", SloSpec.resolution("7200s"));
    }
}

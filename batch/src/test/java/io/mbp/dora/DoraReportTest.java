package io.mbp.dora;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class DoraReportTest {
    static Instant t(String s) {
        return Instant.parse("2026-11-" + s + "Z");
    }

    @Test
    void fourKeysFromDeploymentsAndIncidents() {
        List<Deployment> deploys = List.of(
                new Deployment("v1", t("02T10:00:00"), List.of(t("01T10:00:00"), t("02T04:00:00"))), // 24 h, 6 h
                new Deployment("v2", t("09T10:00:00"), List.of(t("07T10:00:00"))),                    // 48 h
                new Deployment("v3", t("16T10:00:00"), List.of(t("16T09:00:00"), t("15T10:00:00"))), // 1 h, 24 h
                new Deployment("v4", t("23T10:00:00"), List.of(t("23T09:30:00"))),                    // 0.5 h
                new Deployment("v0", t("01T00:00:00").minus(Duration.ofDays(40)), List.of()));       // outside the window
        List<Restoration> incidents = List.of(
                new Restoration("INC-1", t("09T12:00:00"), Duration.ofMinutes(30), "v2"),
                new Restoration("INC-2", t("20T12:00:00"), Duration.ofHours(3), null),
                new Restoration("INC-3", t("24T12:00:00"), null, "v4"),
                new Restoration("INC-4", t("10T12:00:00"), Duration.ofMinutes(90), "v2"));
        DoraReport r = DoraReport.compute(t("01T00:00:00"), t("29T00:00:00"), "tags", deploys, incidents);
        assertEquals(4, r.deployments());
        assertEquals(28, r.windowDays());
        // lead times sorted: 0.5 h, 1 h, 6 h, 24 h, 24 h, 48 h -> p50 rank 3 = 6 h, p90 rank 6 = 48 h
        assertEquals(6 * 3600L, r.leadTimeP50Seconds());
        assertEquals(48 * 3600L, r.leadTimeP90Seconds());
        assertEquals("elite", r.leadTimeBand(), "under a day");
        // v2 and v4 are named by incidents: 2 of 4
        assertEquals(2, r.failedDeployments());
        assertEquals(5_000L, r.changeFailureRateBps());
        assertEquals("low", r.failureBand());
        // resolved: 30 min, 90 min, 3 h -> median 90 min
        assertEquals(3, r.resolved());
        assertEquals(4, r.incidents());
        assertEquals(90 * 60L, r.timeToRestoreP50Seconds());
        assertEquals("high", r.restoreBand());
        assertEquals("high", r.frequencyBand(), "weekly deployments");
    }

    @Test
    void anEmptyWindowSaysNoDataInsteadOfZero() {
        DoraReport r = DoraReport.compute(t("01T00:00:00"), t("08T00:00:00"), "merges", List.of(), List.of());
        assertEquals(0, r.deployments());
        assertNull(r.leadTimeP50Seconds());
        assertNull(r.changeFailureRateBps());
        assertNull(r.timeToRestoreP50Seconds());
        assertEquals("low", r.frequencyBand());
    }

    @Test
    void dailyDeploymentsAreElite() {
        List<Deployment> daily = new java.util.ArrayList<>();
        for (int d = 1; d <= 7; d++) {
            Instant at = t("0" + d + "T12:00:00");
            daily.add(new Deployment("m" + d, at, List.of(at.minus(Duration.ofMinutes(20)))));
        }
        DoraReport r = DoraReport.compute(t("01T00:00:00"), t("08T00:00:00"), "merges", daily, List.of());
        assertEquals("elite", r.frequencyBand());
        assertEquals("elite", r.leadTimeBand());
        assertEquals(0L, r.changeFailureRateBps());
        assertEquals("elite", r.failureBand());
    }
}

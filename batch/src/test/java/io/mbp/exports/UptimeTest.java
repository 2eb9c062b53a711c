package io.mbp.exports;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.mbp.incident.Incident;
import io.mbp.incident.Severity;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Downtime from declared outages: overlaps count once, P3/P4 do not count, open ones run to the period's end. */
class UptimeTest {
    static final Instant FROM = Instant.parse("2026-11-27T00:00:00Z");
    static final Instant TO = Instant.parse("2026-11-28T00:00:00Z");

    static Incident i(String id, Severity s, String service, String start, String end) {
        return new Incident(id, s, "t", service, start, start, "x", null, end == null ? "investigating" : "resolved", end,
                end == null ? null : "rca", end == null ? null : "a", List.of());
    }

    @Test
    void overlapsCountOnceAndOnlyOutagesOfTheServiceCount() {
        List<Incident> all = List.of(
                i("1", Severity.P1, "api", "2026-11-27T10:00:00Z", "2026-11-27T11:00:00Z"),
                i("2", Severity.P2, "api", "2026-11-27T10:30:00Z", "2026-11-27T11:30:00Z"),
                i("3", Severity.P3, "api", "2026-11-27T12:00:00Z", "2026-11-27T13:00:00Z"),
                i("4", Severity.P1, "oracle", "2026-11-27T12:00:00Z", "2026-11-27T13:00:00Z"),
                i("5", Severity.P1, "api", "2026-11-26T23:00:00Z", "2026-11-27T00:10:00Z"),
                i("6", Severity.P2, "api", "2026-11-27T23:50:00Z", null));
        assertEquals(90 * 60 + 10 * 60 + 10 * 60, Uptime.downSeconds(all, "api", FROM, TO));
        assertEquals(3600, Uptime.downSeconds(all, "oracle", FROM, TO));
        assertEquals(0, Uptime.downSeconds(all, "payouts", FROM, TO));
        assertEquals(986_111, Uptime.uptimePpm(1200, 86_400));
        assertEquals("98.6111", Uptime.pct(986_111));
        assertEquals("100.0000", Uptime.pct(Uptime.uptimePpm(0, 86_400)));
    }
}

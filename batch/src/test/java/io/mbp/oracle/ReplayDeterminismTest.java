package io.mbp.oracle;

import static io.mbp.oracle.Scenario.t;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.mbp.catalog.EventCatalog;
import io.mbp.events.EventTypes;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Deciding the same inputs twice gives the same event bytes; replaying them gives the same state. */
class ReplayDeterminismTest {
    static final EventTypes TYPES = EventCatalog.standard();

    static Scenario day() {
        Scenario s = OracleEngineTest.fourSources().numeric("fx", "18:00", null)
                .categorical("match", "21:00", List.of("home", "draw", "away"));
        for (int h = 8; h < 24; h++) {
            for (int m = 0; m < 60; m += 10) {
                String hhmm = String.format("%02d:%02d", h, m);
                if (h < 12 || h >= 14) {
                    OracleEngineTest.reportAll(s, "fx", hhmm, "5.3" + (m / 10), "5.31", "5.32", h == 15 ? "7.00" : "5.30");
                }
                if (h >= 21) {
                    OracleEngineTest.reportAll(s, "match", hhmm, "home", "home", "draw", "home");
                }
                s.aggregate(String.format("%02d:%02d", h, m + 5));
            }
        }
        s.run(new OracleCommand.Finalize(), t("23:59"));
        return s;
    }

    static List<String> bytes(Scenario s) {
        List<String> bytes = new ArrayList<>();
        for (OracleEvent e : s.log) {
            bytes.add(TYPES.nameOf(e) + " " + TYPES.encode(e));
        }
        return bytes;
    }

    @Test
    void sameInputsSameBytesAndReplayRebuildsTheSameState() {
        Scenario live = day();
        List<String> first = bytes(live);
        List<String> second = bytes(day());
        assertEquals(first, second);
        assertEquals(2, first.stream().filter(b -> b.startsWith("FailoverRolled")).count(), "the 12:00-14:00 gap failed over and back");
        assertEquals(2, first.stream().filter(b -> b.startsWith("Finalized")).count());

        // Decode what was logged and fold it from scratch: the same state, the same next decision.
        OracleState replayed = new OracleState(OracleParams.DEFAULTS);
        for (String b : first) {
            int sp = b.indexOf(' ');
            replayed.evolve((OracleEvent) TYPES.decode(b.substring(0, sp), b.substring(sp + 1)));
        }
        assertEquals(OracleStatus.of(live.state, "fx", 12), OracleStatus.of(replayed, "fx", 12));

        // Replaying with other hysteresis parameters is caught, not silently different.
        OracleState other = new OracleState(OracleParams.DEFAULTS.withHysteresis(2, 5));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class, () -> {
            for (String b : first) {
                int sp = b.indexOf(' ');
                other.evolve((OracleEvent) TYPES.decode(b.substring(0, sp), b.substring(sp + 1)));
            }
        });
        assertEquals(OracleStatus.of(live.state, "match", 12), OracleStatus.of(replayed, "match", 12));
    }
}

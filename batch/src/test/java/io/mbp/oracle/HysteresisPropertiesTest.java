package io.mbp.oracle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

class HysteresisPropertiesTest {
    static final Hysteresis LIVE = new Hysteresis(Mode.CONSENSUS, 0, 0, true);
    static final Hysteresis FALLBACK = new Hysteresis(Mode.FALLBACK, 0, 0, true);

    /** Round outcomes where failures come in runs of at most k-1 (each run ends with a healthy round). */
    static boolean[] failureRunsBelow(List<Integer> runs, int k) {
        int n = runs.stream().mapToInt(r -> r % k + 1).sum();
        boolean[] out = new boolean[n];
        int i = 0;
        for (int r : runs) {
            int fails = r % k;
            for (int j = 0; j < fails; j++) {
                out[i++] = false;
            }
            out[i++] = true;
        }
        return out;
    }

    @Property
    void aStreakOfKMinusOneFailuresNeverSwitchesToFallback(@ForAll @IntRange(min = 1, max = 10) int k,
                                                           @ForAll @IntRange(min = 1, max = 10) int m,
                                                           @ForAll @Size(max = 40) List<@IntRange(min = 0, max = 100) Integer> runs) {
        Hysteresis h = LIVE;
        for (boolean healthy : failureRunsBelow(runs, k)) {
            Hysteresis.Step s = h.step(healthy, k, m);
            assertFalse(s.switched());
            h = s.next();
            assertEquals(Mode.CONSENSUS, h.mode());
        }
    }

    @Property
    void aStreakOfMMinusOneHealthyRoundsNeverReturnsToConsensus(@ForAll @IntRange(min = 1, max = 10) int k,
                                                               @ForAll @IntRange(min = 1, max = 10) int m,
                                                               @ForAll @Size(max = 40) List<@IntRange(min = 0, max = 100) Integer> runs) {
        Hysteresis h = FALLBACK;
        for (boolean failed : failureRunsBelow(runs, m)) {
            Hysteresis.Step s = h.step(!failed, k, m);
            assertFalse(s.switched());
            h = s.next();
            assertEquals(Mode.FALLBACK, h.mode());
        }
    }

    @Property
    void exactlyKFailuresSwitchAndExactlyMHealthyRoundsReturn(@ForAll @IntRange(min = 1, max = 10) int k,
                                                              @ForAll @IntRange(min = 1, max = 10) int m) {
        Hysteresis h = LIVE;
        for (int i = 1; i <= k; i++) {
            Hysteresis.Step s = h.step(false, k, m);
            assertEquals(i == k, s.switched());
            h = s.next();
        }
        assertEquals(Mode.FALLBACK, h.mode());
        for (int i = 1; i <= m; i++) {
            Hysteresis.Step s = h.step(true, k, m);
            assertEquals(i == m, s.switched());
            h = s.next();
        }
        assertEquals(Mode.CONSENSUS, h.mode());
    }

    @Property
    void failuresBeforeTheFirstConsensusNeverSwitch(@ForAll @IntRange(min = 1, max = 10) int k,
                                                    @ForAll @IntRange(min = 0, max = 50) int rounds) {
        Hysteresis h = Hysteresis.START;
        for (int i = 0; i < rounds; i++) {
            h = h.step(false, k, 5).next();
        }
        assertEquals(Mode.CONSENSUS, h.mode());
        assertTrue(h.step(true, k, 5).next().live());
    }
}

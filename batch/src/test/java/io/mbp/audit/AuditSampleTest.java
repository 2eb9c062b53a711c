package io.mbp.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

/**
 * The audit sample is the documented SHA-256 counter-mode draw (ADR 0026): the vectors below were computed
 * with Python's hashlib from the ADR's text alone, so an auditor's own tool gets the same sample.
 */
class AuditSampleTest {
    @Test
    void matchesVectorsComputedIndependentlyFromTheAdr() {
        assertEquals(List.of(1L, 17L, 18L, 21L, 30L, 45L, 47L, 53L), AuditSample.draw("events", 42, 8, 61));
        assertEquals(List.of(64756L, 165131L, 347175L, 385271L, 697419L), AuditSample.draw("events", 2026, 5, 1_000_003));
        assertEquals(List.of(1L, 4L, 6L), AuditSample.draw("checkpoints", -1, 3, 7));
        assertEquals(List.of(0L, 1L, 2L), AuditSample.draw("checkpoints", 9, 5, 3), "a sample as large as the population takes it all");
    }

    @Property(tries = 200)
    void distinctAscendingInRangeAndReproducible(@ForAll @LongRange(min = 1, max = 10_000_000) long population,
                                                 @ForAll @IntRange(min = 1, max = 50) int n, @ForAll long seed) {
        List<Long> s = AuditSample.draw("events", seed, n, population);
        assertEquals(Math.min(n, population), s.size());
        for (int i = 0; i < s.size(); i++) {
            assertTrue(s.get(i) >= 0 && s.get(i) < population);
            assertTrue(i == 0 || s.get(i - 1) < s.get(i));
        }
        assertEquals(s, AuditSample.draw("events", seed, n, population));
    }
}

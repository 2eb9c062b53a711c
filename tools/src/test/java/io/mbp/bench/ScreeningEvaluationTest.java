package io.mbp.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mbp.screening.Screener;
import org.junit.jupiter.api.Test;

/**
 * The evaluation set is deterministic, and the default threshold meets issue 13's quality target on
 * it (recall >= 0.95 at precision >= 0.90). Speed is measured by `mbp bench screening`, not here.
 */
class ScreeningEvaluationTest {
    @Test
    void theDefaultThresholdMeetsTheQualityTarget() {
        ScreeningBench.Quality q = new ScreeningBench(13).quality(20_000, 100);
        ScreeningEvaluation.Quality atDefault = q.byThreshold().stream()
                .filter(x -> x.threshold().equals(Screener.DEFAULT_THRESHOLD)).findFirst().orElseThrow();
        q.byThreshold().forEach(System.out::println);
        assertTrue(atDefault.recall() >= 0.95, atDefault.toString());
        assertTrue(atDefault.precision() >= 0.90, atDefault.toString());
    }

    @Test
    void theSetIsTheSameForTheSameSeed() {
        assertEquals(new ScreeningBench(7).quality(2_000, 20), new ScreeningBench(7).quality(2_000, 20));
    }
}

package io.mbp.evidence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * ADR 0138: the reports ride on the bundle copy's read. The feed shows each row below the checkpoint's
 * size to every pass in order, and a pass's failure surfaces only when the builder asks for the lines
 * (after the copied leaves were checked against the checkpoint), never in the middle of the copy.
 */
class LogPassFeedTest {
    @Test
    void rowsPastTheCheckpointAreNotShown() {
        List<Long> seen = new ArrayList<>();
        LogPass.Feed feed = new LogPass.Feed(3, List.of(pass(e -> seen.add(e.seq()))));
        for (long s = 0; s < 5; s++) {
            feed.accept(s, "DepositReceived", "lp", "2026-11-27T09:00:00Z", "{}");
        }
        assertEquals(List.of(List.of("3 rows")), feed.finish());
        assertEquals(List.of(0L, 1L, 2L), seen);
    }

    @Test
    void aFailingPassStopsTheFeedAndFailsOnlyAtFinish() {
        IllegalStateException boom = new IllegalStateException("report refused seq 1");
        List<Long> other = new ArrayList<>();
        LogPass.Feed feed = new LogPass.Feed(10, List.of(pass(e -> {
            if (e.seq() == 1) {
                throw boom;
            }
        }), pass(e -> other.add(e.seq()))));
        for (long s = 0; s < 4; s++) {
            feed.accept(s, "DepositReceived", "lp", "2026-11-27T09:00:00Z", "{}"); // no throw while copying
        }
        assertSame(boom, assertThrows(IllegalStateException.class, feed::finish));
        assertEquals(List.of(0L), other, "the feed stops at the first failure");
    }

    private static EvidenceReport.Pass pass(java.util.function.Consumer<LogRow> body) {
        return new EvidenceReport.Pass() {
            private long n;

            @Override
            public void accept(LogRow e) {
                body.accept(e);
                n++;
            }

            @Override
            public List<String> finish() {
                return List.of(n + " rows");
            }
        };
    }
}

package io.mbp.events;

import static io.mbp.sql.schema.Tables.EVENTS;

import io.mbp.error.VerificationFailedException;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * The append's check that the log head agrees with the events table, under the writers' lock
 * (ADR 0132). A refusal always names what is wrong in the rows themselves: a last seq that is not
 * the head's size - 1, or a seq missing below it.
 */
final class HeadCheck {
    private HeadCheck() {
    }

    /**
     * Judges H2's row count read before the lock ({@code rows}, {@code -1} when not read, as on SQLite
     * and PostgreSQL), once the lock is held and the head says {@code size}: the count is only a
     * cheap "all is well"; with two writers on one H2 file it now and then misses a commit the head
     * read already saw (ADR 0132). So a count that disagrees sends the check to the rows themselves,
     * and only a seq found missing refuses.
     */
    static void countAgrees(DSLContext dsl, long size, long sizeBefore, long rows) {
        if (rows >= 0 && size > 0 && size == sizeBefore && rows != size) {
            String gap = firstGap(dsl, size);
            if (gap != null) {
                throw new VerificationFailedException("the log head says " + size + " events but the events table holds "
                        + rows + " rows: " + gap + "; the log was changed outside mbp; investigate before appending");
            }
        }
    }

    /**
     * Describes the first seq below {@code size} with no row, or null when every seq is there (the
     * slow path, only after a count mismatch).
     */
    static String firstGap(DSLContext dsl, long size) {
        if (!dsl.fetchExists(dsl.selectOne().from(EVENTS).where(EVENTS.SEQ.eq(0L)))) {
            return "seq 0 is missing";
        }
        var e = EVENTS.as("e");
        var n = EVENTS.as("n");
        Long gap = dsl.select(DSL.min(e.SEQ.plus(1))).from(e)
                .where(e.SEQ.plus(1).lt(size))
                .andNotExists(dsl.selectOne().from(n).where(n.SEQ.eq(e.SEQ.plus(1))))
                .fetchOne(0, Long.class);
        return gap == null ? null : "seq " + gap + " is missing";
    }
}

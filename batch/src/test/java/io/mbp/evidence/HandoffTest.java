package io.mbp.evidence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The copy hands rows to the reports' thread (ADR 0142): every row once, in order, and the reports' failure back. */
class HandoffTest {
    @Test
    void theSinkSeesEveryRowOnceInOrderOnAnotherThreadAndCloseWaitsForIt() {
        List<String> seen = new ArrayList<>();
        Thread[] on = new Thread[1];
        int n = Handoff.ROWS * Handoff.BLOCKS * 3 + 17; // more than the queue holds, and a partial last block
        try (Handoff h = new Handoff((seq, type, stream, ts, payload) -> {
            on[0] = Thread.currentThread();
            seen.add(seq + " " + type + " " + stream + " " + ts + " " + payload);
        })) {
            for (int i = 0; i < n; i++) {
                h.accept(i, "T" + i, "s" + i, "ts" + i, "{\"i\":" + i + "}");
            }
        }
        assertEquals(n, seen.size()); // close() returned: every row was seen
        for (int i = 0; i < n; i++) {
            assertEquals(i + " T" + i + " s" + i + " ts" + i + " {\"i\":" + i + "}", seen.get(i));
        }
        assertNotEquals(Thread.currentThread(), on[0]);
    }

    @Test
    void whatTheSinkThrowsIsRethrownByCloseAndTheRestIsDrainedWithoutBlockingTheCopy() {
        IllegalStateException boom = new IllegalStateException("report failed");
        int[] calls = {0};
        Handoff h = new Handoff((seq, type, stream, ts, payload) -> {
            calls[0]++;
            if (seq == 3) {
                throw boom;
            }
        });
        for (int i = 0; i < Handoff.ROWS * Handoff.BLOCKS * 4; i++) { // would block forever if the worker stopped taking
            h.accept(i, "T", "s", "ts", "{}");
        }
        assertSame(boom, assertThrows(IllegalStateException.class, h::close));
        assertEquals(4, calls[0]);
    }

    @Test
    void closingWithoutRowsEndsTheWorker() {
        int[] calls = {0};
        Handoff h = new Handoff((seq, type, stream, ts, payload) -> calls[0]++);
        h.close(); // returns only once the worker has ended (it joins it)
        h.close(); // a second close (the copy's failure path) is harmless
        assertEquals(0, calls[0]);
    }
}

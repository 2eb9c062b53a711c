package io.mbp.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** `mbp bench daemon`'s and `mbp bench evidence`'s CPU by thread: which thread counts as what, and the split of the process's CPU. */
class ThreadCpuTest {
    @Test
    void threadsAreSortedIntoComponentsByTheirKernelName() {
        assertEquals("http", ThreadCpu.component("http-12"));
        assertEquals("http", ThreadCpu.component("http-request-de")); // names are cut at 15 characters
        assertEquals("engine", ThreadCpu.component("market-engine"));
        assertEquals("jit", ThreadCpu.component("C2 CompilerThre"));
        assertEquals("jit", ThreadCpu.component("C1 CompilerThre"));
        assertEquals("gc", ThreadCpu.component("GC Thread#0"));
        assertEquals("gc", ThreadCpu.component("G1 Conc#0"));
        assertEquals("other", ThreadCpu.component("wal-checkpoint"));
        assertEquals("other", ThreadCpu.component("main"));
    }

    @Test
    void theProcessCpuIsSplitInTheShareOfEachComponentsTicks() {
        ThreadCpu before = new ThreadCpu(Map.of("http", 100L, "engine", 50L, "jit", 10L, "gc", 0L, "other", 0L));
        ThreadCpu after = new ThreadCpu(Map.of("http", 160L, "engine", 70L, "jit", 30L, "gc", 0L, "other", 0L));
        // 100 ticks in all: 60 http, 20 engine, 20 jit; 1 s of CPU over 1,000 requests is 1,000 us each
        assertEquals("by thread: http 600 engine 200 jit 200 gc 0 other 0 us", after.perRequest(before, 1_000_000_000L, 1_000));
    }

    @Test
    void theJitsShareSaysWhetherTheDaemonIsStillCompiling() {
        ThreadCpu before = new ThreadCpu(Map.of("http", 100L, "engine", 50L, "jit", 10L, "gc", 0L, "other", 0L));
        ThreadCpu compiling = new ThreadCpu(Map.of("http", 130L, "engine", 60L, "jit", 70L, "gc", 0L, "other", 0L));
        ThreadCpu settled = new ThreadCpu(Map.of("http", 160L, "engine", 80L, "jit", 12L, "gc", 8L, "other", 0L));
        assertEquals(0.6, compiling.share(before, "jit"), 1e-9);
        assertEquals(0.02, settled.share(before, "jit"), 1e-9);
        assertEquals(0.0, before.share(before, "jit"), 1e-9); // nothing ran: no share, not a division by zero
        assertEquals(0.60, compiling.seconds(before, "jit"), 1e-9);
        assertEquals(0.08, settled.seconds(before, "gc"), 1e-9);
    }

    @Test
    void thisProcessIsReadFromProcOnLinux() {
        ThreadCpu now = ThreadCpu.of(ProcessHandle.current().pid());
        if (System.getProperty("os.name").startsWith("Linux")) {
            assertEquals(5, now.ticks().size(), now.toString());
            assertTrue(now.ticks().values().stream().mapToLong(Long::longValue).sum() > 0, now.toString());
        } else {
            assertEquals("by thread n/a", now.perRequest(now, 1, 1));
        }
    }
}

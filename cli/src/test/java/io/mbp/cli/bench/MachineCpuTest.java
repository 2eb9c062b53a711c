package io.mbp.cli.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MachineCpuTest {
    @Test
    void whatTheMachineSpentBesideTheDaemonPerRequest() {
        // 4 s of ticks on 2 vCPUs, 2 s busy: half busy; the daemon used 1 s of it for 10,000 answers
        MachineCpu window = new MachineCpu(1_000, 1_400, 2).minus(new MachineCpu(800, 1_000, 2));
        assertEquals("machine busy 50% of 2 vCPUs; besides the daemon 100 us/request (the generator and the rest)",
                window.describe(1_000_000_000L, 10_000));
    }

    @Test
    void thisMachinesCountersAdvance() throws Exception {
        MachineCpu a = MachineCpu.now();
        Thread.sleep(50);
        MachineCpu d = MachineCpu.now().minus(a);
        assertTrue(a.cpus() >= 1 && d.totalTicks() > 0 && d.busyTicks() >= 0 && d.busyTicks() <= d.totalTicks(), d.toString());
    }
}

package io.mbp.events;

import io.mbp.sql.testing.ChildJvm;
import io.mbp.sql.testing.EveryEngine;
import io.mbp.sql.testing.TestDatabase;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mbp.catalog.EventCatalog;
import io.mbp.market.DepositReceived;
import io.mbp.sql.Database;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;

/**
 * An append that returned is durable: a child JVM appends, prints "acked", then halts at once
 * (no shutdown hooks, no close — what kill -9 does to a process), and every acked event is there.
 */
class CrashDurabilityTest {
    @TempDir
    Path tmp;

    /** The child process: appends {@code batches} batches of 500, acking each, then halts. */
    public static void main(String[] args) {
        String url = args[0];
        int batches = Integer.parseInt(args[1]);
        Database db = Database.openMigrated(url);
        EventLog log = new EventLog(db);
        for (int b = 0; b < batches; b++) {
            List<NewEvent> list = new ArrayList<>();
            for (int i = 0; i < 500; i++) {
                list.add(NewEvent.of(EventCatalog.standard(), "acct", Instant.parse("2026-11-27T10:00:00Z"),
                        new DepositReceived("acct", 1 + i, "E" + b + "-" + i)));
            }
            AppendResult r = log.append(list);
            System.out.println("acked " + r.logSize());
            System.out.flush();
        }
        Runtime.getRuntime().halt(137);
    }

    @EveryEngine
    void everyAcknowledgedAppendSurvivesAnAbruptExit(TestDatabase engine) throws Exception {
        String url = engine.url("crash");
        Process p = new ProcessBuilder(ChildJvm.command(CrashDurabilityTest.class.getName(), url, "3"))
                .redirectError(new File(tmp.toFile(), "child.err"))
                .start();
        // a guard against a hung child, not a time limit: on a 2-core machine at load 25 one took 95 s
        assertTrue(p.waitFor(180, TimeUnit.SECONDS), "child did not finish");
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(137, p.exitValue(), out);
        String[] acks = out.strip().split("\n");
        long lastAck = Long.parseLong(acks[acks.length - 1].substring("acked ".length()));
        assertEquals(1500, lastAck);
        try (Database db = Database.openMigrated(url)) {
            EventLog log = new EventLog(db);
            assertEquals(lastAck, log.size());
            long[] n = {0};
            log.forEach(0, Long.MAX_VALUE, e -> {
                assertEquals(n[0]++, e.seq());
                assertEquals(e.leafHashHex(), LeafHash.hex(e.computeLeafHash()));
            });
            assertEquals(lastAck, n[0]);
        }
    }
}

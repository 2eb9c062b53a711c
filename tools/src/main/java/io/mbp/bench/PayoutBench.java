package io.mbp.bench;

import io.mbp.payout.HttpPixRail;
import io.mbp.market.PixPayee;
import io.mbp.payout.PayeeKeys;
import io.mbp.payout.Payees;
import io.mbp.payout.PayoutInstructed;
import io.mbp.payout.PayoutService;
import io.mbp.payout.RetryPolicy;
import io.mbp.catalog.EventCatalog;
import io.mbp.events.EventLog;
import io.mbp.events.NewEvent;
import io.mbp.payout.sim.PspSimServer;
import io.mbp.payout.sim.PspSimulator;
import io.mbp.payout.sim.SimConfig;
import io.mbp.sql.Database;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code mbp bench payouts}: instructions per second through the HTTP simulator into a fresh
 * database, each state change a durable append (Sent before the call, then Confirmed/Failed).
 */
public final class PayoutBench {
    public record Result(String name, int instructions, double seconds, long confirmed, long failedAttempts) {
        public double perSecond() {
            return instructions / seconds;
        }
    }

    public Result run(String dbUrl, int n, int errorPermille, int timeoutPermille, int parallelism) throws Exception {
        Instant start = Instant.parse("2026-11-27T20:00:00Z");
        SimConfig cfg = new SimConfig(SimConfig.DEFAULT_ISPB, SimConfig.DEFAULT_ACCOUNT, 11, errorPermille, timeoutPermille,
                0, 0, 0, 0, 0, 0, 0, 0, 1500, 0);
        try (Database db = Database.openMigrated(dbUrl);
             PspSimServer server = new PspSimServer(new PspSimulator(cfg, Clock.systemUTC()), 0).start()) {
            List<NewEvent> ins = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                PayoutInstructed p = new PayoutInstructed("po-b-" + i, "acct-" + (i % 1000), PixPayee.legacy("+55119" + (10_000_000 + i)),
                        100 + i % 10_000, "withdrawal", "bench-" + i);
                ins.add(NewEvent.of(EventCatalog.standard(), p.instructionId(), start, p));
            }
            new EventLog(db).append(ins);
            PayoutService svc = new PayoutService(db, Clock.systemUTC());
            long t0 = System.nanoTime();
            PayoutService.RunSummary s = svc.run(LocalDate.parse("2026-11-27"),
                    new HttpPixRail(server.baseUrl(), Duration.ofMillis(1000)), d -> Thread.sleep(d.toMillis()),
                    new RetryPolicy(10, 100, 6, 2), parallelism,
                    // the benchmark measures the rail: its synthetic accounts are not onboarded, their keys synthetic
                    new Payees((p, paid) -> java.util.Optional.empty(), PayeeKeys.CLEAR_ONLY));
            double sec = (System.nanoTime() - t0) / 1e9;
            return new Result(db.engine() + ", parallel " + parallelism + ", " + errorPermille / 10.0 + "% 503 + " + timeoutPermille / 10.0
                    + "% hidden successes", n, sec, s.report().confirmed(), s.report().failedAttempts());
        }
    }
}

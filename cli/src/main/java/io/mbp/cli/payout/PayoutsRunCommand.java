package io.mbp.cli.payout;

import io.mbp.cli.GlobalOptions;
import io.mbp.cli.Globals;
import io.mbp.cli.Render;
import io.mbp.payout.PayoutService;
import io.mbp.sql.Database;
import java.io.PrintWriter;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Instruct payouts due on or before --date, send them (retrying with backoff, same id),",
            "poll late confirmations, record the day's devoluções. Safe to re-run: nothing pays twice."})
public final class PayoutsRunCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--date", required = true, paramLabel = "D", description = "Business date (yyyy-MM-dd).")
    LocalDate date;

    @Mixin
    RailOptions rail;

    @Override
    public Integer call() throws Exception {
        GlobalOptions g = Globals.of(spec);
        PayoutService.RunSummary s;
        try (Database db = Database.openMigrated(g.dbUrl())) {
            s = new PayoutService(db, rail.clock()).run(date, rail.rail(), d -> Thread.sleep(d.toMillis()), rail.policy(),
                    rail.parallel());
        }
        PrintWriter out = spec.commandLine().getOut();
        var r = s.report();
        if (g.json()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("date", s.date().toString());
            m.put("instructed", s.instructed());
            m.put("attempted", r.attempted());
            m.put("confirmed", r.confirmed());
            m.put("pending", r.pending());
            m.put("parked", r.parked());
            m.put("failed_attempts", r.failedAttempts());
            m.put("confirmed_amount", r.confirmedAmount());
            m.put("returns_recorded", s.returns());
            Render.json(out, m);
        } else {
            out.printf("payouts %s: %d newly instructed, %d sends, %d confirmed (%s), %d pending, %d parked,"
                    + " %d failed attempts retried or parked, %d returns recorded%n", s.date(), s.instructed(),
                    r.attempted(), r.confirmed(), Money.brl(r.confirmedAmount()), r.pending(), r.parked(),
                    r.failedAttempts(), s.returns());
            out.flush();
        }
        return 0;
    }
}

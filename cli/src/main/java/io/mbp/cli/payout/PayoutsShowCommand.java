package io.mbp.cli.payout;

import io.mbp.cli.GlobalOptions;
import io.mbp.cli.Globals;
import io.mbp.cli.Render;
import io.mbp.events.Event;
import io.mbp.payout.PayoutService;
import io.mbp.sql.Database;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "show", mixinStandardHelpOptions = true, description = "One instruction: its state and every event of its history.")
public final class PayoutsShowCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "ID", description = "Instruction id (po-w-<digest>), or the withdrawal id / settlement <market>:<account> it pays.")
    String id;

    @Override
    public Integer call() {
        GlobalOptions g = Globals.of(spec);
        PayoutService.History h;
        try (Database db = Database.openMigrated(g.dbUrl())) {
            h = new PayoutService(db, Clock.systemUTC()).show(id);
        }
        PrintWriter out = spec.commandLine().getOut();
        if (g.json()) {
            Map<String, Object> m = PayoutsListCommand.view(h.payout());
            m.put("events", h.events().stream().map(Event::canonicalText).toList());
            Render.json(out, m);
            return 0;
        }
        PayoutsListCommand.view(h.payout()).forEach((k, v) -> out.printf("%-15s %s%n", k + ":", v == null ? "-" : v));
        out.println("history:");
        for (Event e : h.events()) {
            out.printf("  #%-8d %s %-16s %s%n", e.seq(), e.ts(), e.type(), e.payload());
        }
        out.flush();
        return 0;
    }
}

package io.mbp.cli.payout;

import io.mbp.cli.GlobalOptions;
import io.mbp.cli.Globals;
import io.mbp.cli.Render;
import io.mbp.payout.Payout;
import io.mbp.payout.PayoutService;
import io.mbp.sql.Database;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "retry", mixinStandardHelpOptions = true,
        description = "Operator retry of a parked (or failed) payout, with the same idempotency id.")
public final class PayoutsRetryCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "ID")
    String id;

    @Option(names = "--by", description = "Who retries (default: $USER).")
    String by;

    @Mixin
    RailOptions rail;

    @Override
    public Integer call() throws Exception {
        GlobalOptions g = Globals.of(spec);
        String who = by != null ? by : System.getProperty("user.name", "operator");
        Payout p;
        try (Database db = Database.openMigrated(g.dbUrl())) {
            p = new PayoutService(db, rail.clock()).retry(id, who, rail.rail(), d -> Thread.sleep(d.toMillis()), rail.policy());
        }
        PrintWriter out = spec.commandLine().getOut();
        if (g.json()) {
            Render.json(out, PayoutsListCommand.view(p));
        } else {
            out.println(p.id() + " is now " + p.status().label() + " after attempt " + p.attempt()
                    + (p.e2eid() != null ? " (" + p.e2eid() + ")" : p.lastReason() != null ? ": " + p.lastReason() : ""));
            out.flush();
        }
        return 0;
    }
}

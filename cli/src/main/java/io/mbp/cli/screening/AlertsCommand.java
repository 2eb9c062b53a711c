package io.mbp.cli.screening;

import com.fasterxml.jackson.annotation.JsonValue;
import io.mbp.cli.CommandContext;
import io.mbp.cli.TextResult;
import io.mbp.screenhooks.AlertQueue;
import io.mbp.sql.Database;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "alerts", mixinStandardHelpOptions = true,
        description = "The review queue of hits list deltas found among existing customers (ADR 0716).",
        subcommands = {AlertsCommand.ListAlerts.class})
public final class AlertsCommand {

    record Alerts(@JsonValue List<AlertQueue.Row> rows) implements TextResult {
        private static final String ROW = "%-24s %-14s %-26s %-16s %-8s %-24s %s%n";

        @Override
        public void printText(PrintWriter out) {
            out.printf(ROW, "ALERT", "ACCOUNT", "SUBJECT", "ENTITY", "SCORE", "OPENED", "STATE");
            for (AlertQueue.Row a : rows) {
                out.printf(ROW, a.alertId(), a.account(), a.subject(), a.list() + "/" + a.entityId() + " v" + a.listVersion(), a.score(),
                        a.openedAt(), a.state());
            }
            out.println(rows.size() + " alert(s)");
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Every screening alert, oldest first.")
    static final class ListAlerts implements Callable<Integer> {
        @Mixin CommandContext ctx;

        @Override
        public Integer call() {
            try (Database db = ctx.database()) {
                return ctx.render(new Alerts(new AlertQueue(db, ctx.clock()).list()));
            }
        }
    }
}

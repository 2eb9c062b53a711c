package io.mbp.cli.recon;

import io.mbp.cli.GlobalOptions;
import io.mbp.cli.Globals;
import io.mbp.cli.Render;
import io.mbp.cli.payout.RailOptions;
import io.mbp.recon.ReconExceptionRaised;
import io.mbp.recon.ReconReports;
import io.mbp.recon.ReconService;
import io.mbp.sql.Database;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "exceptions", mixinStandardHelpOptions = true,
        description = "Recon exceptions: list them, resolve one by accepting it or by a correcting ledger event.",
        subcommands = {ReconExceptionsCommand.ListCmd.class, ReconExceptionsCommand.ResolveCmd.class})
public final class ReconExceptionsCommand {

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Exceptions raised, with their resolution.")
    public static final class ListCmd implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--date", paramLabel = "D")
        LocalDate date;

        @Option(names = "--open", description = "Only unresolved ones.")
        boolean open;

        @Override
        public Integer call() {
            GlobalOptions g = Globals.of(spec);
            List<ReconService.ExceptionView> xs;
            try (Database db = Database.openMigrated(g.dbUrl())) {
                xs = new ReconService(db, Clock.systemUTC()).exceptions(date, open);
            }
            PrintWriter out = spec.commandLine().getOut();
            if (g.json()) {
                Render.json(out, xs.stream().map(ReconReports::view).toList());
                return 0;
            }
            for (ReconService.ExceptionView v : xs) {
                ReconExceptionRaised x = v.raised();
                out.printf("%-25s %-10s %-16s %s %10d %10d %-9s %s%n", x.exceptionId(), x.date(), x.kind(), x.direction(),
                        x.expectedAmount(), x.statementAmount(),
                        v.open() ? "open" : v.resolution().action() + "ed", x.detail());
            }
            out.println(xs.size() + " exceptions");
            out.flush();
            return 0;
        }
    }

    @Command(name = "resolve", mixinStandardHelpOptions = true,
            description = {"Resolve an exception. accept: the discrepancy is explained (author and note are kept).",
                "correct: append the ledger event that fixes it (a devolução, or a LedgerCorrected add/void/amend)."})
    public static final class ResolveCmd implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "ID")
        String id;

        @Option(names = "--action", required = true, description = "accept or correct.")
        String action;

        @Option(names = "--note", required = true, paramLabel = "TEXT")
        String note;

        @Option(names = "--author", description = "Who resolves (default: $USER).")
        String author;

        @Option(names = "--now", paramLabel = "TS", description = "Clock for the logged events (UTC ISO-8601).")
        String now;

        @Override
        public Integer call() {
            GlobalOptions g = Globals.of(spec);
            String who = author != null ? author : System.getProperty("user.name", "operator");
            List<String> types;
            try (Database db = Database.openMigrated(g.dbUrl())) {
                types = new ReconService(db, RailOptions.clock(now)).resolve(id, action, who, note);
            }
            PrintWriter out = spec.commandLine().getOut();
            if (g.json()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("exception_id", id);
                m.put("action", action);
                m.put("author", who);
                m.put("events", types);
                Render.json(out, m);
            } else {
                out.println("resolved " + id + " (" + action + " by " + who + "): logged " + String.join(", ", types));
                out.flush();
            }
            return 0;
        }
    }
}

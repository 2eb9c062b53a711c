package io.mbp.cli.recon;

import com.fasterxml.jackson.annotation.JsonValue;
import io.mbp.cli.CommandContext;
import io.mbp.cli.NowOption;
import io.mbp.cli.TextResult;
import io.mbp.recon.ReconExceptionRaised;
import io.mbp.recon.ReconReports;
import io.mbp.recon.ReconService;
import io.mbp.sql.Database;
import java.io.PrintWriter;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "exceptions", mixinStandardHelpOptions = true,
        description = "Recon exceptions: list them, resolve one by accepting it or by a correcting ledger event.",
        subcommands = {ReconExceptionsCommand.ListCmd.class, ReconExceptionsCommand.ResolveCmd.class})
public final class ReconExceptionsCommand {

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Exceptions raised, with their resolution.")
    public static final class ListCmd implements Callable<Integer> {
        @Mixin CommandContext ctx;

        @Option(names = "--date", paramLabel = "D") LocalDate date;

        @Option(names = "--open", description = "Only unresolved ones.") boolean open;

        record Result(List<ReconService.ExceptionView> exceptions) implements TextResult {
            @JsonValue
            List<Map<String, Object>> views() {
                return exceptions.stream().map(ReconReports::view).toList();
            }

            @Override
            public void printText(PrintWriter out) {
                for (ReconService.ExceptionView v : exceptions) {
                    ReconExceptionRaised x = v.raised();
                    out.printf("%-25s %-10s %-16s %s %10d %10d %-9s %s%n", x.exceptionId(), x.date(), x.kind(), x.direction(),
                            x.expectedAmount(), x.statementAmount(), v.open() ? "open" : v.resolution().action() + "ed", x.detail());
                }
                out.println(exceptions.size() + " exceptions");
            }
        }

        @Override
        public Integer call() {
            try (Database db = ctx.database()) {
                return ctx.render(new Result(new ReconService(db, ctx.clock()).exceptions(date, open)));
            }
        }
    }

    @Command(name = "resolve", mixinStandardHelpOptions = true,
            description = {"Resolve an exception. accept: the discrepancy is explained (author and note are kept).",
                "correct: append the ledger event that fixes it (a devolução, or a LedgerCorrected add/void/amend)."})
    public static final class ResolveCmd implements Callable<Integer> {
        @Mixin CommandContext ctx;

        @Parameters(paramLabel = "ID") String id;

        @Option(names = "--action", required = true, description = "accept or correct.") String action;

        @Option(names = "--note", required = true, paramLabel = "TEXT") String note;

        @Option(names = "--author", defaultValue = "${sys:user.name:-operator}", description = "Who resolves (default: $USER).") String author;

        @Mixin NowOption now;

        record Result(String exceptionId, String action, String author, List<String> events) implements TextResult {
            @Override
            public void printText(PrintWriter out) {
                out.println("resolved " + exceptionId + " (" + action + " by " + author + "): logged " + String.join(", ", events));
            }
        }

        @Override
        public Integer call() {
            try (Database db = ctx.database()) {
                return ctx.render(new Result(id, action, author,
                        new ReconService(db, now.clock(ctx.clock())).resolve(id, action, author, note)));
            }
        }
    }
}

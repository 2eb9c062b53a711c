package io.mbp.cli.oracle;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.annotation.JsonValue;
import io.mbp.cli.CommandContext;
import io.mbp.cli.TextResult;
import io.mbp.oracle.OracleCommand.SuspendSource;
import io.mbp.oracle.OracleService;
import io.mbp.oracle.OracleState;
import io.mbp.oracle.RegistryFiles;
import io.mbp.oracle.SourceRegistered;
import io.mbp.sql.Database;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "source", mixinStandardHelpOptions = true, description = "Reporting sources and their reputation weights.",
        subcommands = {SourceCommand.Add.class, SourceCommand.ListSources.class, SourceCommand.Suspend.class})
public final class SourceCommand {

    @Command(name = "add", mixinStandardHelpOptions = true,
            description = {"Register a source with a starting weight, or every source of a CSV file",
                "(--file, header id,name,weight_bps; one transaction)."})
    public static final class Add implements Callable<Integer> {
        @Mixin CommandContext ctx;

        @Option(names = "--id", description = "Source id (letters, digits, '.', '_', '-').") String id;

        @Option(names = "--weight", paramLabel = "BPS", description = "Reputation weight in basis points, 1..10000.") Long weight;

        @Option(names = {"-f", "--file"}, paramLabel = "FILE", description = "CSV of sources instead of --id/--weight/--name.") Path file;

        @Option(names = "--name", description = "Display name (default: the id).") String name;

        @Mixin AtOption at;

        record Registered(String source, long weightBps) {
        }

        record Result(@JsonUnwrapped Views.Appended appended, List<Registered> registered,
                      @JsonIgnore List<SourceRegistered> sources) implements TextResult {
            @Override
            public void printText(PrintWriter out) {
                for (SourceRegistered r : sources) {
                    out.println("registered source " + r.source() + " (" + r.name() + ") with weight " + r.weightBps() + " bps");
                }
                out.println(appended.seqs());
            }
        }

        @Override
        public Integer call() {
            List<SourceRegistered> regs = FileOrFlags.entries(file, id != null || weight != null || name != null,
                    id != null && weight != null, "--id/--weight/--name", "--id and --weight", RegistryFiles::sources,
                    () -> OracleService.source(id, name, weight));
            try (Database db = ctx.database()) {
                OracleService.Outcome o = new OracleService(db).registerSources(regs, at.clock(ctx.clock()));
                return ctx.render(new Result(Views.Appended.of(o),
                        regs.stream().map(r -> new Registered(r.source(), r.weightBps())).toList(), regs));
            }
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List sources, weights and status.")
    public static final class ListSources implements Callable<Integer> {
        @Mixin CommandContext ctx;

        record Row(String id, String name, long weightBps, String status) {
        }

        record Result(@JsonValue List<Row> rows) implements TextResult {
            @Override
            public void printText(PrintWriter out) {
                rows.forEach(s -> out.printf("%-20s %6d bps  %-9s %s%n", s.id(), s.weightBps(), s.status(), s.name()));
            }
        }

        @Override
        public Integer call() {
            try (Database db = ctx.database()) {
                return ctx.render(new Result(new OracleService(db).state().sources().values().stream()
                        .map(s -> new Row(s.id(), s.name(), s.weightBps(), s.active() ? "active" : "suspended")).toList()));
            }
        }
    }

    @Command(name = "suspend", mixinStandardHelpOptions = true,
            description = "Suspend a source: its new reports are rejected and it leaves every panel.")
    public static final class Suspend implements Callable<Integer> {
        @Mixin CommandContext ctx;

        @Option(names = "--id", required = true, description = "Source id.") String id;

        @Option(names = "--reason", defaultValue = "suspended by the operator", description = "Why (logged).") String reason;

        @Mixin AtOption at;

        record Result(@JsonUnwrapped Views.Appended appended, String suspended) implements TextResult {
            @Override
            public void printText(PrintWriter out) {
                out.println("suspended source " + suspended + "; " + appended.seqs());
            }
        }

        @Override
        public Integer call() {
            try (Database db = ctx.database()) {
                OracleService.Outcome o = new OracleService(db).run(new SuspendSource(id, reason), at.clock(ctx.clock()));
                return ctx.render(new Result(Views.Appended.of(o), id));
            }
        }
    }
}

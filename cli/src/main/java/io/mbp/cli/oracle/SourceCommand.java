package io.mbp.cli.oracle;

import io.mbp.cli.GlobalOptions;
import io.mbp.cli.Globals;
import io.mbp.cli.Render;
import io.mbp.error.BadInputException;
import io.mbp.error.UsageException;
import io.mbp.events.FieldException;
import io.mbp.oracle.OracleCommand.RegisterSource;
import io.mbp.oracle.OracleCommand.SuspendSource;
import io.mbp.oracle.OracleService;
import io.mbp.oracle.OracleState;
import io.mbp.oracle.RegistryFiles;
import io.mbp.oracle.SourceRegistered;
import io.mbp.sql.Database;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "source", mixinStandardHelpOptions = true, description = "Reporting sources and their reputation weights.",
        subcommands = {SourceCommand.Add.class, SourceCommand.ListSources.class, SourceCommand.Suspend.class})
public final class SourceCommand {

    @Command(name = "add", mixinStandardHelpOptions = true,
            description = {"Register a source with a starting weight, or every source of a CSV file",
                "(--file, header id,name,weight_bps; one transaction)."})
    public static final class Add implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--id", description = "Source id (letters, digits, '.', '_', '-').")
        String id;

        @Option(names = "--weight", paramLabel = "BPS", description = "Reputation weight in basis points, 1..10000.")
        Long weight;

        @Option(names = {"-f", "--file"}, paramLabel = "FILE", description = "CSV of sources instead of --id/--weight/--name.")
        Path file;

        @Option(names = "--name", description = "Display name (default: the id).")
        String name;

        @Option(names = "--at", paramLabel = "TS", converter = InstantConverter.class, description = "Time (default: now).")
        Instant at;

        @Override
        public Integer call() {
            GlobalOptions g = Globals.of(spec);
            List<SourceRegistered> regs = new ArrayList<>();
            if (file != null) {
                if (id != null || weight != null || name != null) {
                    throw new UsageException("give either --file or --id/--weight/--name, not both");
                }
                regs.addAll(RegistryFiles.sources(file));
            } else {
                if (id == null || weight == null) {
                    throw new UsageException("give --id and --weight (or --file)");
                }
                try {
                    regs.add(new SourceRegistered(id, name == null ? id : name, weight));
                } catch (FieldException e) {
                    throw new BadInputException("--" + e.field() + ": " + e.getMessage());
                }
            }
            List<OracleService.Step> steps = new ArrayList<>();
            for (SourceRegistered r : regs) {
                steps.add(new OracleService.Step(new RegisterSource(r), Clocks.at(at)));
            }
            OracleService.Outcome o;
            try (Database db = Database.openMigrated(g.dbUrl())) {
                o = new OracleService(db).run(steps);
            }
            PrintWriter out = spec.commandLine().getOut();
            if (g.json()) {
                Map<String, Object> m = Views.appended(o);
                List<Map<String, Object>> rows = new ArrayList<>();
                for (SourceRegistered r : regs) {
                    Map<String, Object> x = new LinkedHashMap<>();
                    x.put("source", r.source());
                    x.put("weight_bps", r.weightBps());
                    rows.add(x);
                }
                m.put("registered", rows);
                Render.json(out, m);
            } else {
                for (SourceRegistered r : regs) {
                    out.println("registered source " + r.source() + " (" + r.name() + ") with weight " + r.weightBps() + " bps");
                }
                out.println(Views.seqs(o));
            }
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List sources, weights and status.")
    public static final class ListSources implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            GlobalOptions g = Globals.of(spec);
            OracleState state;
            try (Database db = Database.openMigrated(g.dbUrl())) {
                state = new OracleService(db).state();
            }
            PrintWriter out = spec.commandLine().getOut();
            List<Map<String, Object>> rows = new ArrayList<>();
            for (OracleState.SourceInfo s : state.sources().values()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("id", s.id());
                m.put("name", s.name());
                m.put("weight_bps", s.weightBps());
                m.put("status", s.active() ? "active" : "suspended");
                rows.add(m);
                if (!g.json()) {
                    out.printf("%-20s %6d bps  %-9s %s%n", s.id(), s.weightBps(), s.active() ? "active" : "suspended", s.name());
                }
            }
            if (g.json()) {
                Render.json(out, rows);
            }
            return 0;
        }
    }

    @Command(name = "suspend", mixinStandardHelpOptions = true,
            description = "Suspend a source: its new reports are rejected and it leaves every panel.")
    public static final class Suspend implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--id", required = true, description = "Source id.")
        String id;

        @Option(names = "--reason", defaultValue = "suspended by the operator", description = "Why (logged).")
        String reason;

        @Option(names = "--at", paramLabel = "TS", converter = InstantConverter.class, description = "Time (default: now).")
        Instant at;

        @Override
        public Integer call() {
            GlobalOptions g = Globals.of(spec);
            OracleService.Outcome o;
            try (Database db = Database.openMigrated(g.dbUrl())) {
                o = new OracleService(db).run(new SuspendSource(id, reason), Clocks.at(at));
            }
            PrintWriter out = spec.commandLine().getOut();
            if (g.json()) {
                Map<String, Object> m = Views.appended(o);
                m.put("suspended", id);
                Render.json(out, m);
            } else {
                out.println("suspended source " + id + "; " + Views.seqs(o));
            }
            return 0;
        }
    }
}

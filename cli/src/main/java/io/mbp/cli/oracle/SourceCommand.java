package io.mbp.cli.oracle;

import io.mbp.cli.GlobalOptions;
import io.mbp.cli.Globals;
import io.mbp.cli.Render;
import io.mbp.error.BadInputException;
import io.mbp.events.FieldException;
import io.mbp.oracle.OracleCommand.RegisterSource;
import io.mbp.oracle.OracleCommand.SuspendSource;
import io.mbp.oracle.OracleService;
import io.mbp.oracle.OracleState;
import io.mbp.oracle.SourceRegistered;
import io.mbp.sql.Database;
import java.io.PrintWriter;
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

    @Command(name = "add", mixinStandardHelpOptions = true, description = "Register a source with a starting weight.")
    public static final class Add implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--id", required = true, description = "Source id (letters, digits, '.', '_', '-').")
        String id;

        @Option(names = "--weight", required = true, paramLabel = "BPS", description = "Reputation weight in basis points, 1..10000.")
        long weight;

        @Option(names = "--name", description = "Display name (default: the id).")
        String name;

        @Option(names = "--at", paramLabel = "TS", converter = InstantConverter.class, description = "Time (default: now).")
        Instant at;

        @Override
        public Integer call() {
            GlobalOptions g = Globals.of(spec);
            SourceRegistered reg;
            try {
                reg = new SourceRegistered(id, name == null ? id : name, weight);
            } catch (FieldException e) {
                throw new BadInputException("--" + e.field() + ": " + e.getMessage());
            }
            OracleService.Outcome o;
            try (Database db = Database.openMigrated(g.dbUrl())) {
                o = new OracleService(db).run(new RegisterSource(reg), Clocks.at(at));
            }
            PrintWriter out = spec.commandLine().getOut();
            if (g.json()) {
                Map<String, Object> m = Views.appended(o);
                m.put("source", id);
                m.put("weight_bps", weight);
                Render.json(out, m);
            } else {
                out.println("registered source " + id + " (" + reg.name() + ") with weight " + weight + " bps; " + Views.seqs(o));
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
                m.put("id", s.id);
                m.put("name", s.name);
                m.put("weight_bps", s.weightBps);
                m.put("status", s.active ? "active" : "suspended");
                rows.add(m);
                if (!g.json()) {
                    out.printf("%-20s %6d bps  %-9s %s%n", s.id, s.weightBps, s.active ? "active" : "suspended", s.name);
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

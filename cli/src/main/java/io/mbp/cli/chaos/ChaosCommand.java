package io.mbp.cli.chaos;

import com.fasterxml.jackson.annotation.JsonValue;
import io.mbp.chaos.ChaosEvent;
import io.mbp.chaos.GameDayLog;
import io.mbp.chaos.GameDayRecorded;
import io.mbp.chaos.ScenarioSpec;
import io.mbp.chaos.SreEvidenceRecorded;
import io.mbp.cli.CommandContext;
import io.mbp.cli.TextResult;
import io.mbp.sql.Database;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "chaos", mixinStandardHelpOptions = true,
        description = {"Chaos game days (docs/runbooks/game-days.md, ADR 0016): scripted, bounded scenarios with a hypothesis,",
            "steady-state checks before and after, an abort condition and a report; S21 evidence filed in the log."},
        subcommands = {RunCommand.class, ChaosCommand.Scenarios.class, RecordCommand.class, ChaosCommand.ListRecords.class})
public final class ChaosCommand {
    static final List<String> NAMES = List.of("oracle-source-outage", "db-primary-loss", "api-surge", "psp-latency");

    record Specs(@JsonValue List<ScenarioSpec> scenarios) implements TextResult {
        @Override
        public void printText(PrintWriter out) {
            for (ScenarioSpec s : scenarios) {
                out.println(s.name());
                out.println("  hypothesis:   " + s.hypothesis());
                out.println("  blast radius: " + s.blastRadius());
                out.println("  abort when:   " + s.abortCondition());
                out.println("  steady state: " + String.join("; ", s.steadyState()));
            }
            out.flush();
        }
    }

    @Command(name = "scenarios", mixinStandardHelpOptions = true, description = "Each scenario's hypothesis, blast radius, abort condition and steady state.")
    static final class Scenarios implements Callable<Integer> {
        @Mixin CommandContext ctx;

        @Override
        public Integer call() {
            RunCommand r = new RunCommand();
            return ctx.render(new Specs(NAMES.stream().map(n -> r.scenario(n).spec()).toList()));
        }
    }

    record Records(@JsonValue List<ChaosEvent> records) implements TextResult {
        @Override
        public void printText(PrintWriter out) {
            if (records.isEmpty()) {
                out.println("no game days or filed evidence in the log");
            }
            for (ChaosEvent e : records) {
                if (e instanceof GameDayRecorded g) {
                    out.println(g.run() + " " + g.scenario() + " " + g.verdict() + " " + g.startedAt() + (g.reason() == null ? "" : " (" + g.reason() + ")"));
                } else if (e instanceof SreEvidenceRecorded r) {
                    out.println(r.kind() + " " + r.name() + " sha256 " + r.sha256() + " " + String.join(" ", r.fields()));
                }
            }
            out.flush();
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Game days and filed evidence in the log, oldest first.")
    static final class ListRecords implements Callable<Integer> {
        @Mixin CommandContext ctx;

        @Override
        public Integer call() {
            List<ChaosEvent> all;
            try (Database db = ctx.database()) {
                all = new GameDayLog(db).all();
            }
            return ctx.render(new Records(all));
        }
    }
}

package io.mbp.cli.oracle;

import io.mbp.cli.GlobalOptions;
import io.mbp.cli.Globals;
import io.mbp.cli.Render;
import io.mbp.oracle.OracleService;
import io.mbp.oracle.OracleStatus;
import io.mbp.sql.Database;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "status", mixinStandardHelpOptions = true,
        description = {"Explain an oracle event in words (or --json).",
            "Mode, last rounds, which sources counted and why others did not,",
            "the proposal, disputes, deadlines and the final answer. --json has mode, phase, rounds, finalized..."})
public final class StatusCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "EVENT", description = "Oracle event id.")
    String event;

    @Option(names = "--rounds", defaultValue = "3", description = "How many recent rounds to show (default ${DEFAULT-VALUE}, at most 12).")
    int rounds;

    @Override
    public Integer call() {
        GlobalOptions g = Globals.of(spec);
        Map<String, Object> view;
        try (Database db = Database.openMigrated(g.dbUrl())) {
            view = OracleStatus.of(new OracleService(db).state(), event, Math.max(0, rounds));
        }
        PrintWriter out = spec.commandLine().getOut();
        if (g.json()) {
            Render.json(out, view);
        } else {
            @SuppressWarnings("unchecked")
            List<String> words = (List<String>) view.get("explanation");
            words.forEach(out::println);
        }
        return 0;
    }
}

package io.mbp.cli.oracle;

import com.fasterxml.jackson.annotation.JsonValue;
import io.mbp.cli.CommandContext;
import io.mbp.cli.TextResult;
import io.mbp.oracle.OracleService;
import io.mbp.oracle.OracleStatus;
import io.mbp.sql.Database;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "status", mixinStandardHelpOptions = true,
        description = {"Explain an oracle event in words (or --json).",
            "Mode, last rounds, which sources counted and why others did not,",
            "the proposal, disputes, deadlines and the final answer. --json has mode, phase, rounds, finalized..."})
public final class StatusCommand implements Callable<Integer> {
    @Mixin CommandContext ctx;

    @Parameters(index = "0", paramLabel = "EVENT", description = "Oracle event id.") String event;

    @Option(names = "--rounds", defaultValue = "3", description = "How many recent rounds to show (default ${DEFAULT-VALUE}, at most 12).")
    int rounds;

    /** The status view as {@link OracleStatus} builds it; its text is the explanation, line by line. */
    record Result(@JsonValue Map<String, Object> view) implements TextResult {
        @Override
        public void printText(PrintWriter out) {
            ((List<?>) view.get("explanation")).forEach(out::println);
        }
    }

    @Override
    public Integer call() {
        try (Database db = ctx.database()) {
            return ctx.render(new Result(OracleStatus.of(new OracleService(db).state(), event, Math.max(0, rounds))));
        }
    }
}

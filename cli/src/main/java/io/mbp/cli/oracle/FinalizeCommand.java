package io.mbp.cli.oracle;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.mbp.cli.Clocks;
import io.mbp.cli.CommandContext;
import io.mbp.cli.InstantConverter;
import io.mbp.cli.TextResult;
import io.mbp.oracle.DisputeEscalated;
import io.mbp.oracle.Finalized;
import io.mbp.oracle.OracleCommand.Finalize;
import io.mbp.oracle.OracleService;
import io.mbp.oracle.ReputationChanged;
import io.mbp.sql.Database;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "finalize", mixinStandardHelpOptions = true,
        description = {"Finalize what is due at --at, then move reputations.",
            "Due: proposals whose dispute window elapsed without a dispute,",
            "and escalations whose committee deadline passed (those resolve invalid, 50/50).",
            "Reputation changes follow each finalization."})
public final class FinalizeCommand implements Callable<Integer> {
    @Mixin CommandContext ctx;

    @Option(names = "--at", required = true, paramLabel = "TS", converter = InstantConverter.class, description = "Finalization time.") Instant at;

    record Result(@JsonUnwrapped Views.Appended appended, List<Views.FinalizedView> finalized, List<String> escalated,
                  int reputationChanges, @JsonIgnore OracleService.Outcome outcome) implements TextResult {
        static Result of(OracleService.Outcome o) {
            List<DisputeEscalated> esc = o.of(DisputeEscalated.class);
            return new Result(Views.Appended.of(o), o.of(Finalized.class).stream().map(Views.FinalizedView::of).toList(),
                    esc.stream().map(DisputeEscalated::event).toList(), o.of(ReputationChanged.class).size(), o);
        }

        @Override
        public void printText(PrintWriter out) {
            out.println("finalized " + finalized.size() + " oracle event(s); " + appended.seqs());
            finalized.forEach(f -> out.println("  " + f.line()));
            for (DisputeEscalated d : outcome.of(DisputeEscalated.class)) {
                out.println("  " + d.event() + ": escalated to the committee (" + d.reason() + "), deadline " + d.deadline());
            }
            for (ReputationChanged r : outcome.of(ReputationChanged.class)) {
                out.println("  reputation " + r.source() + " " + r.beforeBps() + " -> " + r.afterBps() + " bps (" + r.event() + ": "
                        + r.reason() + ")");
            }
        }
    }

    @Override
    public Integer call() {
        try (Database db = ctx.database()) {
            return ctx.render(Result.of(new OracleService(db).run(new Finalize(), Clocks.at(at, ctx.clock()))));
        }
    }
}

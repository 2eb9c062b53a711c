package io.mbp.cli.oracle;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.mbp.cli.CommandContext;
import io.mbp.cli.TextResult;
import io.mbp.oracle.DisputeEscalated;
import io.mbp.oracle.DisputeOpened;
import io.mbp.oracle.Finalized;
import io.mbp.oracle.OracleCommand.OpenDispute;
import io.mbp.oracle.OracleCommand.ResolveDispute;
import io.mbp.oracle.OracleService;
import io.mbp.sql.Database;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "dispute", mixinStandardHelpOptions = true,
        description = {"Open disputes on proposals and record committee resolutions.",
            "The first dispute discards the proposal and re-requests one; the second escalates",
            "to the committee, which must resolve by its deadline (48 h) or the event resolves invalid."},
        subcommands = {DisputeCommand.Open.class, DisputeCommand.Resolve.class})
public final class DisputeCommand {

    @Command(name = "open", mixinStandardHelpOptions = true, description = "Dispute the current proposal of EVENT within its dispute window.")
    public static final class Open implements Callable<Integer> {
        @Mixin CommandContext ctx;

        @Parameters(index = "0", paramLabel = "EVENT", description = "Oracle event id.") String event;

        @Option(names = "--by", required = true, description = "Who disputes (account or operator id).") String by;

        @Option(names = "--reason", required = true, description = "Why (logged).") String reason;

        @Mixin AtOption at;

        record Result(@JsonUnwrapped Views.Appended appended, String event, long round, String effect, String reproposeBy,
                      String committeeDeadline) implements TextResult {
            static Result of(String event, OracleService.Outcome o) {
                DisputeOpened d = o.of(DisputeOpened.class).get(0);
                List<DisputeEscalated> esc = o.of(DisputeEscalated.class);
                return new Result(Views.Appended.of(o), event, d.round(), esc.isEmpty() ? "re_request" : "escalated", d.reproposeBy(),
                        esc.isEmpty() ? null : esc.get(0).deadline());
            }

            @Override
            public void printText(PrintWriter out) {
                out.println("dispute " + round + " on " + event + ": " + (effect.equals("re_request")
                        ? "proposal discarded; a new proposal from a later round is due by " + reproposeBy
                        : "escalated to the committee, which must resolve by " + committeeDeadline + " (else invalid, 50/50)")
                        + "; " + appended.seqs());
            }
        }

        @Override
        public Integer call() {
            try (Database db = ctx.database()) {
                return ctx.render(Result.of(event, new OracleService(db).run(new OpenDispute(event, by, reason),
                        at.clock(ctx.clock()))));
            }
        }
    }

    @Command(name = "resolve", mixinStandardHelpOptions = true,
            description = "Record the committee's answer to an escalated dispute, signed by a quorum of members.")
    public static final class Resolve implements Callable<Integer> {
        @Mixin CommandContext ctx;

        @Parameters(index = "0", paramLabel = "EVENT", description = "Oracle event id.") String event;

        static final class Answer {
            @Option(names = "--value", description = "Numeric answer (decimal string).") String value;

            @Option(names = "--outcome", description = "Categorical answer.") String outcome;

            @Option(names = "--invalid", description = "Unresolvable: the 50/50 (1/N) result.") boolean invalid;
        }

        @ArgGroup(exclusive = true, multiplicity = "1") Answer answer;

        @Option(names = "--signer", required = true, paramLabel = "MEMBER", description = "A committee member signing (repeat for each).")
        List<String> signers = new ArrayList<>();

        @Mixin AtOption at;

        record Result(@JsonUnwrapped Views.Appended appended, Views.FinalizedView finalized) implements TextResult {
            @Override
            public void printText(PrintWriter out) {
                out.println("committee resolved: " + finalized.line() + "; " + appended.seqs());
            }
        }

        @Override
        public Integer call() {
            try (Database db = ctx.database()) {
                OracleService.Outcome o = new OracleService(db).run(
                        new ResolveDispute(event, answer.value, answer.outcome, answer.invalid, signers), at.clock(ctx.clock()));
                return ctx.render(new Result(Views.Appended.of(o), Views.FinalizedView.of(o.of(Finalized.class).get(0))));
            }
        }
    }
}

package io.mbp.cli.market;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.mbp.cli.CommandContext;
import io.mbp.cli.TextResult;
import io.mbp.error.VerificationFailedException;
import io.mbp.market.Invariants;
import io.mbp.market.MarketService;
import io.mbp.sql.Database;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "check", mixinStandardHelpOptions = true,
        description = {"Replay the log and check the market invariants I0 I1 I2 I5 I6 I7 I8 I9.",
            "Exit 0 when all hold; 3 when one is violated, listing each violation (seq, type, reason where an event is at fault)."})
public final class MarketCheckCommand implements Callable<Integer> {
    private static final int MAX_LISTED = 100;

    @Mixin CommandContext ctx;

    record Result(boolean ok, long events, int markets, @JsonIgnore List<Invariants.Violation> found) implements TextResult {
        @JsonProperty("violations")
        List<String> violations() {
            return found.stream().map(Invariants.Violation::toString).toList();
        }

        @Override
        public void printText(PrintWriter out) {
            if (found.isEmpty()) {
                out.println("market invariants I0 I1 I2 I5 I6 I7 I8 I9 hold over " + events + " events, " + markets + " markets");
                return;
            }
            // every offending event, so a log written behind the engine's back can be repaired in one pass
            found.stream().limit(MAX_LISTED).forEach(v -> out.println("violated " + v));
            if (found.size() > MAX_LISTED) {
                out.println("... and " + (found.size() - MAX_LISTED) + " more");
            }
        }
    }

    @Override
    public Integer call() {
        Result r;
        try (Database db = ctx.database()) {
            MarketService svc;
            try {
                svc = Markets.loaded(db, ctx.clock());
            } catch (ArithmeticException e) {
                throw new VerificationFailedException("I7: replaying the log overflows exact arithmetic: " + e.getMessage());
            }
            List<Invariants.Violation> violations = Invariants.check(svc.state());
            r = new Result(violations.isEmpty(), svc.logSize(), svc.state().books().size(), violations);
        }
        ctx.render(r);
        if (!r.ok()) {
            Invariants.Violation first = r.found().get(0);
            throw new VerificationFailedException("invariant " + first.invariant() + " violated: " + first.detail()
                    + (r.found().size() > 1 ? " (and " + (r.found().size() - 1) + " more)" : ""));
        }
        return 0;
    }
}

package io.mbp.cli.market;

import io.mbp.cli.GlobalOptions;
import io.mbp.cli.Globals;
import io.mbp.cli.Render;
import io.mbp.error.VerificationFailedException;
import io.mbp.market.Invariants;
import io.mbp.market.MarketEngine;
import io.mbp.market.MarketService;
import io.mbp.sql.Database;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "check", mixinStandardHelpOptions = true,
        description = {"Replay the log and check the market invariants I0 I1 I2 I5 I6 I7 I8 I9.",
            "Exit 0 when all hold; 3 when one is violated, listing each violation (seq, type, reason where an event is at fault)."})
public final class MarketCheckCommand implements Callable<Integer> {
    private static final int MAX_LISTED = 100;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        GlobalOptions g = Globals.of(spec);
        List<Invariants.Violation> violations;
        long events;
        int markets;
        try (Database db = Database.openMigrated(g.dbUrl())) {
            MarketService svc = new MarketService(db, new MarketEngine(), Clock.systemUTC());
            try {
                svc.load();
            } catch (ArithmeticException e) {
                throw new VerificationFailedException("I7: replaying the log overflows exact arithmetic: " + e.getMessage());
            }
            violations = Invariants.check(svc.state());
            events = svc.logSize();
            markets = svc.state().books().size();
        }
        PrintWriter out = spec.commandLine().getOut();
        if (g.json()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("ok", violations.isEmpty());
            m.put("events", events);
            m.put("markets", markets);
            m.put("violations", violations.stream().map(Invariants.Violation::toString).toList());
            Render.json(out, m);
        } else if (violations.isEmpty()) {
            out.println("market invariants I0 I1 I2 I5 I6 I7 I8 I9 hold over " + events + " events, " + markets + " markets");
        } else {
            // every offending event, so a log written behind the engine's back can be repaired in one pass
            violations.stream().limit(MAX_LISTED).forEach(v -> out.println("violated " + v));
            if (violations.size() > MAX_LISTED) {
                out.println("... and " + (violations.size() - MAX_LISTED) + " more");
            }
        }
        if (!violations.isEmpty()) {
            throw new VerificationFailedException("invariant " + violations.get(0).invariant() + " violated: "
                    + violations.get(0).detail() + (violations.size() > 1 ? " (and " + (violations.size() - 1) + " more)" : ""));
        }
        return 0;
    }
}

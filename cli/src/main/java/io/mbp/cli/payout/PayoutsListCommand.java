package io.mbp.cli.payout;

import io.mbp.cli.GlobalOptions;
import io.mbp.cli.Globals;
import io.mbp.cli.Render;
import io.mbp.payout.Payout;
import io.mbp.payout.PayoutService;
import io.mbp.payout.PayoutStatus;
import io.mbp.sql.Database;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "list", mixinStandardHelpOptions = true, description = "Instructions and their states, from the log.")
public final class PayoutsListCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--status", description = "Only this state: ${COMPLETION-CANDIDATES}.")
    PayoutStatus status;

    @Override
    public Integer call() {
        GlobalOptions g = Globals.of(spec);
        List<Payout> ps = new ArrayList<>();
        try (Database db = Database.openMigrated(g.dbUrl())) {
            for (Payout p : new PayoutService(db, Clock.systemUTC()).book().all()) {
                if (status == null || p.status() == status) {
                    ps.add(p);
                }
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        if (g.json()) {
            Render.json(out, ps.stream().map(PayoutsListCommand::view).toList());
            return 0;
        }
        Map<PayoutStatus, Integer> counts = new TreeMap<>();
        for (Payout p : ps) {
            out.printf("%-24s %-10s %12s %-10s att=%d %s%n", p.id(), p.status().label(), Money.brl(p.amount()),
                    p.instruction().account(), p.attempt(), p.e2eid() == null ? (p.lastReason() == null ? "" : p.lastReason())
                            : p.e2eid());
            counts.merge(p.status(), 1, Integer::sum);
        }
        out.println(ps.size() + " instructions" + (counts.isEmpty() ? "" : ": " + counts.toString().toLowerCase()));
        out.flush();
        return 0;
    }

    static Map<String, Object> view(Payout p) {
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("instruction_id", p.id());
        m.put("status", p.status().label());
        m.put("account", p.instruction().account());
        m.put("pix_key", p.instruction().pixKey());
        m.put("amount", p.amount());
        m.put("origin", p.instruction().origin());
        m.put("origin_ref", p.instruction().originRef());
        m.put("attempt", p.attempt());
        m.put("e2eid", p.e2eid());
        m.put("fee", p.fee());
        m.put("last_reason", p.lastReason());
        m.put("return_id", p.returnId());
        return m;
    }
}

package io.mbp.cli.payout;

import io.mbp.cli.GlobalOptions;
import io.mbp.cli.Globals;
import io.mbp.cli.Render;
import io.mbp.payout.PayoutService;
import io.mbp.sql.Database;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "mttr", mixinStandardHelpOptions = true,
        description = {"Time from a payout's first failure to its confirmation, p50/p95 (nearest rank),",
            "over payouts confirmed from --from to --to inclusive (UTC dates). Seed target: p95 <= 4 h."})
public final class PayoutsMttrCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--from", required = true, paramLabel = "D")
    LocalDate from;

    @Option(names = "--to", required = true, paramLabel = "D")
    LocalDate to;

    @Override
    public Integer call() {
        GlobalOptions g = Globals.of(spec);
        PayoutService.Mttr m;
        try (Database db = Database.openMigrated(g.dbUrl())) {
            m = new PayoutService(db, Clock.systemUTC()).mttr(from.atStartOfDay(ZoneOffset.UTC).toInstant(),
                    to.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant());
        }
        PrintWriter out = spec.commandLine().getOut();
        if (g.json()) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("from", from.toString());
            r.put("to", to.toString());
            r.put("samples", m.samples());
            r.put("p50_ms", m.p50() == null ? null : m.p50().toMillis());
            r.put("p95_ms", m.p95() == null ? null : m.p95().toMillis());
            r.put("max_ms", m.max() == null ? null : m.max().toMillis());
            r.put("p95_within_4h", m.p95() == null || m.p95().compareTo(Duration.ofHours(4)) <= 0);
            Render.json(out, r);
        } else if (m.samples() == 0) {
            out.println("mttr " + from + ".." + to + ": no payout failed and then confirmed in the range");
        } else {
            out.printf("mttr %s..%s: %d recovered payouts, p50 %s, p95 %s, max %s (target p95 <= PT4H: %s)%n", from, to,
                    m.samples(), m.p50(), m.p95(), m.max(), m.p95().compareTo(Duration.ofHours(4)) <= 0 ? "met" : "MISSED");
        }
        out.flush();
        return 0;
    }
}

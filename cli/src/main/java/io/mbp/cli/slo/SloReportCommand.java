package io.mbp.cli.slo;

import io.mbp.cli.CommandContext;
import io.mbp.cli.InstantConverter;
import io.mbp.cli.TextResult;
import io.mbp.error.UsageException;
import io.mbp.events.EventLog;
import io.mbp.slo.SloSpec;
import io.mbp.slo.SloSpecs;
import io.mbp.sql.Database;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "report", mixinStandardHelpOptions = true,
        description = {"SLIs, burn rate and remaining error budget per objective over [--from, --to): from Prometheus's",
            "recorded metrics (--prometheus, 127.0.0.1 only) and from the log itself (payout success, oracle finalization",
            "delays). For the status page and the GA gate (burn <= 0.5x). Exit 5 when Prometheus is unreachable."})
public final class SloReportCommand implements Callable<Integer> {
    @Mixin CommandContext ctx;

    @Option(names = "--from", required = true, converter = InstantConverter.class, paramLabel = "TS") Instant from;

    @Option(names = "--to", required = true, converter = InstantConverter.class, paramLabel = "TS") Instant to;

    @Option(names = "--specs", defaultValue = "specs/slo", paramLabel = "DIR", description = "SLO specs (default ${DEFAULT-VALUE}).")
    Path specs;

    @Option(names = "--prometheus", paramLabel = "URL",
            description = "Prometheus on 127.0.0.1 holding the daemon's and the batch jobs' metrics; without it only the log's SLIs.")
    String prometheus;

    /** One objective over the period; null figures are "no data". */
    public record Objective(String slo, String service, String target, Double errorRatio, Double sli, Double burnRate,
                     Double budgetRemaining, String source) {
    }

    record Report(String from, String to, List<Objective> objectives, LogSlis.Payouts payouts,
                  LogSlis.Finalizations oracleFinalizations) implements TextResult {
        /**
         * The highest burn rate of the period, top-level so that `mbp chaos record --kind slo-report` keeps it in
         * the log, where the Go/No-Go gate reads it (burn <= 0.5x); null when no objective has data.
         */
        @com.fasterxml.jackson.annotation.JsonProperty("max_burn_rate")
        public Double maxBurnRate() {
            return objectives.stream().map(Objective::burnRate).filter(java.util.Objects::nonNull).max(Double::compare).orElse(null);
        }

        @Override
        public void printText(PrintWriter w) {
            w.println("SLO report " + from + " .. " + to);
            for (Objective o : objectives) {
                w.printf(Locale.ROOT, "  %-22s target %-7s sli %s  burn %s  budget left %s  (%s)%n", o.slo(), o.target(),
                        pct(o.sli()), o.burnRate() == null ? "no data" : String.format(Locale.ROOT, "%.2fx", o.burnRate()),
                        pct(o.budgetRemaining()), o.source());
            }
            w.printf(Locale.ROOT, "  payouts: %d confirmed, %d failed for good, %d retried failures%n", payouts.confirmed(),
                    payouts.failedForGood(), payouts.retriedFailures());
            LogSlis.Finalizations f = oracleFinalizations;
            w.println("  oracle: " + f.count() + " finalized" + (f.count() == 0 ? "" : ", delay after resolves_at p50 "
                    + f.p50Seconds() + " s, p95 " + f.p95Seconds() + " s, max " + f.maxSeconds() + " s"));
            w.flush();
        }

        private static String pct(Double d) {
            return d == null ? "no data" : String.format(Locale.ROOT, "%.4f%%", d * 100);
        }
    }

    @Override
    public Integer call() {
        if (!from.isBefore(to)) {
            throw new UsageException("--from must be before --to");
        }
        SloSpecs.Loaded l = SloSpecs.load(specs);
        PrometheusQuery prom = prometheus == null ? null : new PrometheusQuery(prometheus);
        Duration period = Duration.between(from, to);
        String window = period.toSeconds() + "s";
        LogSlis.Payouts payouts;
        LogSlis.Finalizations fin;
        try (Database db = ctx.database()) {
            EventLog log = new EventLog(db);
            payouts = LogSlis.payouts(log, from, to);
            fin = LogSlis.finalizations(log, from, to);
        }
        List<Objective> out = new ArrayList<>();
        for (SloSpec s : l.slos()) {
            Double ratio = prom == null ? null : prom.scalar(s.errorRatio(window), to);
            out.add(objective(s, ratio, period, prom == null ? "no --prometheus" : "prometheus"));
        }
        for (SloSpec s : l.slos()) {
            if (s.service().equals("payouts") && payouts.successRatio() != null) {
                out.add(objective(new SloSpec(s.id() + "-log", s.service(), "success", "payouts confirmed (log)", s.target(), s.window(),
                        s.bad(), s.total(), false, false), 1 - payouts.successRatio(), period, "log"));
            }
        }
        return ctx.render(new Report(from.toString(), to.toString(), out, payouts, fin));
    }

    /** Burn rate = error ratio / budget; the budget left assumes the period's traffic share of the SLO window. */
    public static Objective objective(SloSpec s, Double errorRatio, Duration period, String source) {
        if (errorRatio == null) {
            return new Objective(s.id(), s.service(), s.target().toPlainString(), null, null, null, null, source);
        }
        double budget = s.budget().doubleValue();
        double burn = errorRatio / budget;
        double share = (double) period.toSeconds() / s.window().toSeconds();
        return new Objective(s.id(), s.service(), s.target().toPlainString(), errorRatio, 1 - errorRatio, burn, 1 - burn * share, source);
    }
}

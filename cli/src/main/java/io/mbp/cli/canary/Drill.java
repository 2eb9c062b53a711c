package io.mbp.cli.canary;

import io.mbp.canary.ApiMetrics;
import io.mbp.canary.CanaryService;
import io.mbp.canary.CanaryState;
import io.mbp.canary.ReleaseParams;
import io.mbp.cli.TextResult;
import io.mbp.cli.daemon.Daemon;
import io.mbp.cli.daemon.OperatorKey;
import io.mbp.cli.daemon.SigningClient;
import io.mbp.error.BadInputException;
import io.mbp.events.Event;
import io.mbp.events.EventLog;
import io.mbp.events.NewEvent;
import io.mbp.market.HaltPolicy;
import io.mbp.market.MarketCommand;
import io.mbp.market.MarketEngine;
import io.mbp.market.MarketService;
import io.mbp.oracle.OracleEvents;
import io.mbp.oracle.OracleParams;
import io.mbp.oracle.ReportReceived;
import io.mbp.oracle.RoundAggregated;
import io.mbp.release.EngineParams;
import io.mbp.sql.Database;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The canary rehearsal (ADR 0024): a copy of the log in a scratch H2 database, drill markets with
 * their own oracle event and trader, each phase's traffic through a real daemon whose /metrics
 * scrape feeds the API watchers, a whale on every canary market at the fault phase, and the checks.
 * Everything it writes goes to the scratch copy; the source is only read.
 */
final class Drill {
    /** The rehearsal set: this build's parameters with fee 210 bps, written as release cut writes them. */
    static final ReleaseParams REHEARSAL = ReleaseParams.of("the rehearsal params.json",
            EngineParams.of(210, HaltPolicy.DEFAULT, OracleParams.DEFAULTS));
    /** Drill markets: enough that a 5% cohort of buckets holds some (checked in DrillTest). */
    static final int MARKETS = 60;
    static final String ORACLE_EVENT = "DRILL-EV";
    static final String TRADER = "drill-trader";
    static final long LIQUIDITY = 10_000_000;
    static final long FAULT_PERCENT = 20;
    static final int STEPS = 6;

    record Phase(long percent, String from, String to, long canaryMarkets, long baselineMarkets, List<String> checks, boolean passed,
                 boolean faultInjected, long ordersAccepted, long ordersRefused, String metricsFile) {
    }

    record Report(String release, long sourceEvents, boolean copyIdentical, int drillMarkets, List<Phase> phases, boolean rolledBack,
                  Long rolledBackAt, boolean stateConsistent, PromotionView.ConsistencyView consistency, boolean sourcePrefixUnchanged,
                  boolean asDesigned) implements TextResult {
        @Override
        public void printText(PrintWriter out) {
            out.println("canary drill of " + release + " on a copy of " + sourceEvents + " events (copy identical: " + copyIdentical + ")");
            for (Phase p : phases) {
                out.println("  " + p.percent() + "%: " + (p.passed() ? "passed" : "FAILED") + (p.faultInjected() ? " (fault injected)" : "")
                        + ", " + p.canaryMarkets() + " canary / " + p.baselineMarkets() + " baseline markets, orders " + p.ordersAccepted()
                        + " accepted, " + p.ordersRefused() + " refused");
                p.checks().forEach(c -> out.println("    " + c));
            }
            out.println("rolled back: " + rolledBack + (rolledBackAt == null ? "" : " at " + rolledBackAt + "%"));
            if (consistency != null) {
                consistency.printText(out);
            }
            out.println("source events unchanged in the copy: " + sourcePrefixUnchanged);
            out.println(asDesigned ? "drill PASSED: the fault failed the analysis and the rollback is consistent" : "drill FAILED");
        }
    }

    private final Database source;
    private final Path scratch;
    private final ReleaseParams params;
    private final Duration soak;
    private final List<Long> phases;

    Drill(Database source, Path scratch, ReleaseParams params, Duration soak, List<Long> phases) {
        this.source = source;
        this.scratch = scratch;
        this.params = params;
        this.soak = soak;
        this.phases = phases;
    }

    static List<String> markets() {
        List<String> l = new ArrayList<>();
        for (int i = 0; i < MARKETS; i++) {
            l.add(String.format("DRILL-%02d", i));
        }
        return l;
    }

    Report run() throws IOException {
        if (Files.exists(scratch.resolve("drill.mv.db"))) {
            throw new BadInputException(scratch + " already holds a drill database: give a fresh --out folder");
        }
        Files.createDirectories(scratch);
        String url = "jdbc:h2:file:" + scratch.resolve("drill").toAbsolutePath();
        long n = new EventLog(source).size();
        try (Database copy = Database.openMigrated(url)) {
            Instant last = copyLog(copy, n);
            boolean copyIdentical = samePrefix(copy, n);
            SteppedClock clock = new SteppedClock(last.truncatedTo(ChronoUnit.MINUTES).plus(Duration.ofMinutes(1)));
            seed(copy, clock);
            // the copy's daemons verify signatures like any other: one admin key (and vault key) made in the copy
            OperatorKey key = OperatorKey.provision(url, clock);
            CanaryService canary = new CanaryService(copy, clock);
            canary.start(params, phases, soak);
            List<Phase> done = new ArrayList<>();
            CanaryService.Promotion p = null;
            for (long percent : phases) {
                if (percent > FAULT_PERCENT) {
                    break;
                }
                CanaryState s = canary.state();
                Instant since = s.active().phaseSince;
                boolean fault = percent == FAULT_PERCENT;
                long[] orders = new long[2];
                String scrape = traffic(url, key, copy, clock, s, since, fault, orders);
                Path metrics = scratch.resolve("metrics-" + percent + ".prom");
                Files.writeString(metrics, scrape);
                clock.set(since.plus(soak));
                ApiMetrics api = ApiMetrics.parse(scrape);
                p = canary.promote(api, api);
                done.add(new Phase(percent, p.analysis().from(), p.analysis().to(), p.analysis().canaryMarkets(),
                        p.analysis().baselineMarkets(), p.analysis().checks(), p.analysis().passed(), fault, orders[0], orders[1],
                        metrics.getFileName().toString()));
                if (p.rolledBack()) {
                    break;
                }
            }
            boolean rolledBack = p != null && p.rolledBack();
            PromotionView.ConsistencyView c = rolledBack ? new PromotionView.ConsistencyView(p.consistency()) : null;
            boolean prefix = samePrefix(copy, n);
            boolean designed = copyIdentical && prefix && rolledBack && c.stateConsistent() && done.size() == 3
                    && done.get(0).passed() && done.get(1).passed() && !done.get(2).passed();
            return new Report(params.version(), n, copyIdentical, MARKETS, done, rolledBack, rolledBack ? done.get(done.size() - 1).percent() : null,
                    rolledBack && c.stateConsistent(), c, prefix, designed);
        }
    }

    /** Appends the source's events, unchanged, to the empty copy; returns the last event's time. */
    private Instant copyLog(Database copy, long n) {
        if (new EventLog(copy).size() != 0) {
            throw new BadInputException("the scratch database is not empty");
        }
        Instant last = Instant.parse("2026-01-01T00:00:00Z");
        EventLog to = new EventLog(copy);
        for (long from = 0; from < n; from += EventLog.PAGE) {
            long f = from;
            List<Event> page = source.read(dsl -> EventLog.page(dsl, f, Math.min(n, f + EventLog.PAGE)));
            to.append(page.stream().map(e -> new NewEvent(e.type(), e.stream(), e.ts(), e.payload())).toList());
            for (Event e : page) {
                Instant t = Instant.parse(e.ts());
                last = t.isAfter(last) ? t : last;
            }
        }
        return last;
    }

    /** Whether the copy's first {@code n} events carry the source's leaf hashes, one by one. */
    private boolean samePrefix(Database copy, long n) {
        for (long from = 0; from < n; from += EventLog.PAGE) {
            long f = from;
            long t = Math.min(n, f + EventLog.PAGE);
            List<Event> a = source.read(dsl -> EventLog.page(dsl, f, t));
            List<Event> b = copy.read(dsl -> EventLog.page(dsl, f, t));
            if (a.size() != b.size()) {
                return false;
            }
            for (int i = 0; i < a.size(); i++) {
                if (!Arrays.equals(a.get(i).leafHash(), b.get(i).leafHash()) || !Arrays.equals(b.get(i).leafHash(), b.get(i).computeLeafHash())) {
                    return false;
                }
            }
        }
        return true;
    }

    private static void seed(Database copy, SteppedClock clock) {
        MarketService svc = new MarketService(copy, new MarketEngine(), clock);
        svc.load();
        List<MarketCommand> cmds = new ArrayList<>();
        for (String m : markets()) {
            cmds.add(new MarketCommand.CreateMarket(m, ORACLE_EVENT, List.of("YES", "NO"), 200, null, null, null, "drill-lp", LIQUIDITY,
                    "E-" + m));
        }
        cmds.add(new MarketCommand.Deposit(TRADER, 10_000_000_000L, "E-DRILL-TRADER", null, null));
        for (MarketService.Outcome o : svc.commit(cmds, false).outcomes()) {
            if (!o.ok()) {
                throw new BadInputException("the copy cannot take the drill's markets: " + o.rejected().getMessage());
            }
        }
    }

    /** One phase's traffic through a daemon on the copy; returns the daemon's /metrics scrape. */
    private static String traffic(String url, OperatorKey key, Database copy, SteppedClock clock, CanaryState s, Instant since, boolean fault,
                                  long[] orders) throws IOException {
        Duration window = Duration.between(s.active().phaseSince, s.active().phaseSince.plusSeconds(s.active().started.soakSeconds()));
        String release = s.active().started.release();
        try (Daemon d = new Daemon(url, key.on(Daemon.Options.defaults(0)), clock)) {
            d.start();
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            SigningClient signer = key.client(d.port(), clock);
            for (int step = 0; step < STEPS; step++) {
                Instant at = since.plus(window.multipliedBy(step).dividedBy(STEPS));
                clock.set(at);
                new EventLog(copy).append(List.of(
                        NewEvent.of(OracleEvents.TYPES, ORACLE_EVENT, at, new ReportReceived("drill-source", ORACLE_EVENT, at.toString(), "1")),
                        NewEvent.of(OracleEvents.TYPES, ORACLE_EVENT, at, new RoundAggregated(ORACLE_EVENT, at.toString(), "consensus", "open",
                                "1", null, null, 1, 10_000, 10_000, 10_000, List.of("drill-source|agree|0|1")))));
                for (String m : markets()) {
                    count(orders, post(signer, m, step % 2 == 0 ? "YES" : "NO", 1_000, "drill-" + since.getEpochSecond() + "-" + step + "-" + m));
                }
                if (fault && step == STEPS - 1) {
                    for (String m : markets()) {
                        if (release.equals(s.markets().get(m).release)) {
                            count(orders, post(signer, m, "YES", LIQUIDITY * 2 / 5, "drill-" + since.getEpochSecond() + "-fault-" + m));
                        }
                    }
                }
            }
            return get(http, URI.create("http://127.0.0.1:" + d.port() + "/metrics"));
        }
    }

    private static void count(long[] orders, int status) {
        orders[status == 201 ? 0 : 1]++;
    }

    private static int post(SigningClient orders, String market, String outcome, long amount, String key) throws IOException {
        String body = "{\"market\":\"" + market + "\",\"account\":\"" + TRADER + "\",\"outcome\":\"" + outcome + "\",\"side\":\"buy\",\"amount\":"
                + amount + "}";
        try {
            return orders.post("/v2/orders", key, body).statusCode();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    private static String get(HttpClient http, URI uri) throws IOException {
        try {
            return http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(20)).GET().build(),
                    HttpResponse.BodyHandlers.ofString()).body();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}

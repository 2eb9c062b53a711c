package io.mbp.cli.slo;

import io.mbp.anchor.AnchorEvents;
import io.mbp.anchor.AnchorPublished;
import io.mbp.events.EventLog;
import io.mbp.oracle.Finalized;
import io.mbp.oracle.OracleEventRegistered;
import io.mbp.oracle.OracleEvents;
import io.mbp.oracle.ReportReceived;
import io.mbp.oracle.RoundAggregated;
import io.mbp.payout.PayoutEvents;
import io.mbp.payout.PayoutFailed;
import io.mbp.payout.PayoutService;
import io.mbp.sql.Database;
import io.mbp.recon.ReconCompleted;
import io.mbp.recon.ReconEvents;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The domain watchers the log holds, as gauges for a textfile (`mbp slo watch`): per oracle event the
 * last round's time, divergence (the counted weight outside the agreeing band, bps) and fresh sources;
 * the last reconciliation's match rate and open exceptions; the last anchor's time and confirmations;
 * payouts confirmed and failed so far. Per source of each oracle event not yet finalized: when it last
 * observed (the newest observed_at it reported) beside the event's staleness limit, and whether the last
 * round counted it as an outlier. Payout MTTR (first failure to confirmation, as `mbp payouts mttr`)
 * over the payouts confirmed in the last 30 days. Times are timestamps, so an age is
 * {@code time() - x} in PromQL and a file left unrefreshed does not freeze an age.
 */
final class LogWatch {
    private LogWatch() {
    }

    /** The window MTTR is taken over: the payouts confirmed in the last 30 days. */
    static final Duration MTTR_WINDOW = Duration.ofDays(30);

    static PrometheusMeterRegistry read(Database db, Clock clock) {
        EventLog log = new EventLog(db);
        Map<String, RoundAggregated> rounds = new TreeMap<>();
        Map<String, Long> stalenessLimit = new TreeMap<>();
        Map<String, Map<String, Long>> observed = new TreeMap<>();
        Set<String> finalized = new HashSet<>();
        ReconCompleted[] recon = new ReconCompleted[1];
        AnchorPublished[] anchor = new AnchorPublished[1];
        long[] payouts = new long[3];
        log.forEachOfTypes(List.of("RoundAggregated", "ReportReceived", "OracleEventRegistered", "Finalized", "ReconCompleted",
                "AnchorPublished", "PayoutConfirmed", "PayoutFailed", "PayoutParked"), e -> {
            switch (e.type()) {
                case "RoundAggregated" -> {
                    RoundAggregated r = (RoundAggregated) OracleEvents.TYPES.decode(e.type(), e.payload());
                    rounds.put(r.event(), r);
                }
                case "ReportReceived" -> {
                    ReportReceived r = (ReportReceived) OracleEvents.TYPES.decode(e.type(), e.payload());
                    observed.computeIfAbsent(r.event(), k -> new TreeMap<>())
                            .merge(r.source(), Instant.parse(r.observedAt()).getEpochSecond(), Math::max);
                }
                case "OracleEventRegistered" -> {
                    OracleEventRegistered r = (OracleEventRegistered) OracleEvents.TYPES.decode(e.type(), e.payload());
                    stalenessLimit.put(r.event(), r.stalenessSeconds());
                }
                case "Finalized" -> finalized.add(((Finalized) OracleEvents.TYPES.decode(e.type(), e.payload())).event());
                case "PayoutParked" -> payouts[2]++;
                case "ReconCompleted" -> recon[0] = (ReconCompleted) ReconEvents.TYPES.decode(e.type(), e.payload());
                case "AnchorPublished" -> anchor[0] = (AnchorPublished) AnchorEvents.TYPES.decode(e.type(), e.payload());
                case "PayoutConfirmed" -> payouts[0]++;
                default -> { // PayoutFailed: every attempt counts; a final refusal also fails the payout for good
                    payouts[1]++;
                    if (!((PayoutFailed) PayoutEvents.TYPES.decode(e.type(), e.payload())).retryable()) {
                        payouts[2]++;
                    }
                }
            }
        });
        PrometheusMeterRegistry r = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        for (RoundAggregated a : rounds.values()) {
            gauge(r, "mbp.oracle.last.round.timestamp.seconds", "When the event's last aggregation round was", "event", a.event(),
                    Instant.parse(a.at()).getEpochSecond());
            gauge(r, "mbp.oracle.divergence.bps", "Counted report weight outside the agreeing band in the last round, bps",
                    "event", a.event(), a.countedWeightBps() == 0 ? 0 : 10_000 - a.agreeWeightBps() * 10_000 / a.countedWeightBps());
            gauge(r, "mbp.oracle.fresh.sources", "Fresh sources in the event's last round", "event", a.event(), a.freshSources());
        }
        sources(r, rounds, stalenessLimit, observed, finalized);
        if (recon[0] != null) {
            ReconCompleted c = recon[0];
            gauge(r, "mbp.recon.match.rate.bps", "Statement lines matched in the last reconciliation, bps", "date", c.date(),
                    c.lines() == 0 ? 10_000 : c.matchedLines() * 10_000 / c.lines());
            gauge(r, "mbp.recon.exceptions.open", "Exceptions the last reconciliation left open", "date", c.date(), c.exceptionsOpen());
        }
        if (anchor[0] != null) {
            AnchorPublished a = anchor[0];
            gauge(r, "mbp.anchor.last.published.timestamp.seconds", "When the last anchor was published", "chain",
                    Long.toString(a.chainId()), Instant.parse(a.publishedAt()).getEpochSecond());
            gauge(r, "mbp.anchor.confirmations", "Confirmations the last anchor had when recorded", "chain", Long.toString(a.chainId()),
                    a.confirmations());
        }
        gauge(r, "mbp.payouts.confirmed", "Payouts confirmed by the PSP, all time", null, null, payouts[0]);
        gauge(r, "mbp.payouts.failed.attempts", "Payout attempts the PSP failed (retryable or not), all time", null, null, payouts[1]);
        gauge(r, "mbp.payouts.failed", "Payouts failed for good (a final PSP refusal or parked for an operator), all time", null, null,
                payouts[2]);
        Instant now = clock.instant();
        PayoutService.Mttr m = new PayoutService(db, clock).mttr(now.minus(MTTR_WINDOW), now);
        gauge(r, "mbp.payouts.mttr.samples", "Payouts confirmed in the last 30 days after a failure", null, null, m.samples());
        if (m.samples() > 0) {
            gauge(r, "mbp.payouts.mttr.p50.seconds", "Payout MTTR (first failure to confirmation), p50 over the last 30 days", null, null,
                    m.p50().toMillis() / 1000.0);
            gauge(r, "mbp.payouts.mttr.p95.seconds", "Payout MTTR (first failure to confirmation), p95 over the last 30 days", null, null,
                    m.p95().toMillis() / 1000.0);
        }
        return r;
    }

    /** Per source of each open (not finalized) oracle event: last observation, and outlier in the last round. */
    private static void sources(PrometheusMeterRegistry r, Map<String, RoundAggregated> rounds, Map<String, Long> stalenessLimit,
                                Map<String, Map<String, Long>> observed, Set<String> finalized) {
        for (Map.Entry<String, Long> l : stalenessLimit.entrySet()) {
            if (!finalized.contains(l.getKey())) {
                gauge(r, "mbp.oracle.staleness.limit.seconds", "The event's staleness_seconds: older reports do not count", "event",
                        l.getKey(), l.getValue());
            }
        }
        for (Map.Entry<String, Map<String, Long>> ev : observed.entrySet()) {
            if (finalized.contains(ev.getKey())) {
                continue;
            }
            for (Map.Entry<String, Long> src : ev.getValue().entrySet()) {
                Gauge.builder("mbp.oracle.source.last.observed.timestamp.seconds", src::getValue)
                        .description("The newest observed_at the source reported for the event").tags("event", ev.getKey(), "source", src.getKey())
                        .register(r);
            }
        }
        for (RoundAggregated a : rounds.values()) {
            if (finalized.contains(a.event())) {
                continue;
            }
            Map<String, Long> outlier = new HashMap<>();
            for (String s : a.sources()) {
                String[] f = s.split("\\|", -1);
                outlier.put(f[0], "outlier".equals(f[1]) ? 1L : 0L);
            }
            for (Map.Entry<String, Long> o : new TreeMap<>(outlier).entrySet()) {
                Gauge.builder("mbp.oracle.source.outlier", o::getValue)
                        .description("1 when the event's last round counted the source's report outside the agreeing band")
                        .tags("event", a.event(), "source", o.getKey()).register(r);
            }
        }
    }

    private static void gauge(PrometheusMeterRegistry r, String name, String help, String tag, String value, double v) {
        Gauge.Builder<?> b = Gauge.builder(name, () -> v).description(help);
        if (tag != null) {
            b.tag(tag, value);
        }
        b.register(r);
    }
}

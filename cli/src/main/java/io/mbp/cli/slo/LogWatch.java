package io.mbp.cli.slo;

import io.mbp.anchor.AnchorEvents;
import io.mbp.anchor.AnchorPublished;
import io.mbp.events.EventLog;
import io.mbp.oracle.OracleEvents;
import io.mbp.oracle.RoundAggregated;
import io.mbp.recon.ReconCompleted;
import io.mbp.recon.ReconEvents;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The domain watchers the log holds, as gauges for a textfile (`mbp slo watch`): per oracle event the
 * last round's time, divergence (the counted weight outside the agreeing band, bps) and fresh sources;
 * the last reconciliation's match rate and open exceptions; the last anchor's time and confirmations;
 * payouts confirmed and failed so far. Times are timestamps, so an age is {@code time() - x} in PromQL
 * and a file left unrefreshed does not freeze an age.
 */
final class LogWatch {
    private LogWatch() {
    }

    static PrometheusMeterRegistry read(EventLog log) {
        Map<String, RoundAggregated> rounds = new TreeMap<>();
        ReconCompleted[] recon = new ReconCompleted[1];
        AnchorPublished[] anchor = new AnchorPublished[1];
        long[] payouts = new long[2];
        log.forEachOfTypes(List.of("RoundAggregated", "ReconCompleted", "AnchorPublished", "PayoutConfirmed", "PayoutFailed"), e -> {
            switch (e.type()) {
                case "RoundAggregated" -> {
                    RoundAggregated r = (RoundAggregated) OracleEvents.TYPES.decode(e.type(), e.payload());
                    rounds.put(r.event(), r);
                }
                case "ReconCompleted" -> recon[0] = (ReconCompleted) ReconEvents.TYPES.decode(e.type(), e.payload());
                case "AnchorPublished" -> anchor[0] = (AnchorPublished) AnchorEvents.TYPES.decode(e.type(), e.payload());
                case "PayoutConfirmed" -> payouts[0]++;
                default -> payouts[1]++; // PayoutFailed
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
        return r;
    }

    private static void gauge(PrometheusMeterRegistry r, String name, String help, String tag, String value, double v) {
        Gauge.Builder<?> b = Gauge.builder(name, () -> v).description(help);
        if (tag != null) {
            b.tag(tag, value);
        }
        b.register(r);
    }
}

package io.mbp.cli.slo;

import io.mbp.events.Event;
import io.mbp.events.EventLog;
import io.mbp.oracle.Finalized;
import io.mbp.oracle.OracleEventRegistered;
import io.mbp.oracle.OracleEvents;
import io.mbp.payout.PayoutConfirmed;
import io.mbp.payout.PayoutEvents;
import io.mbp.payout.PayoutFailed;
import io.mbp.payout.PayoutParked;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The SLIs the log itself holds over {@code [from, to)}: payouts confirmed against payouts that failed
 * for good (a final PSP refusal or parked for an operator), and how long after its resolves_at each
 * oracle event finalized. Reads the events by type, a page at a time.
 */
final class LogSlis {
    record Payouts(long confirmed, long failedForGood, long retriedFailures) {
        Double successRatio() {
            long n = confirmed + failedForGood;
            return n == 0 ? null : (double) confirmed / n;
        }
    }

    record Finalizations(long count, Long p50Seconds, Long p95Seconds, Long maxSeconds) {
    }

    private LogSlis() {
    }

    static Payouts payouts(EventLog log, Instant from, Instant to) {
        long[] n = new long[3];
        log.forEachOfTypes(List.of("PayoutConfirmed", "PayoutFailed", "PayoutParked"), e -> {
            if (!within(e, from, to)) {
                return;
            }
            Object p = PayoutEvents.TYPES.decode(e.type(), e.payload());
            if (p instanceof PayoutConfirmed) {
                n[0]++;
            } else if (p instanceof PayoutParked || p instanceof PayoutFailed f && !f.retryable()) {
                n[1]++;
            } else {
                n[2]++;
            }
        });
        return new Payouts(n[0], n[1], n[2]);
    }

    static Finalizations finalizations(EventLog log, Instant from, Instant to) {
        Map<String, Instant> resolvesAt = new HashMap<>();
        List<Long> delays = new ArrayList<>();
        log.forEachOfTypes(List.of("OracleEventRegistered", "Finalized"), e -> {
            Object p = OracleEvents.TYPES.decode(e.type(), e.payload());
            if (p instanceof OracleEventRegistered r) {
                resolvesAt.put(r.event(), Instant.parse(r.resolvesAt()));
            } else if (p instanceof Finalized f && within(e, from, to) && resolvesAt.containsKey(f.event())) {
                delays.add(Math.max(0, Duration.between(resolvesAt.get(f.event()), Instant.parse(f.finalizedAt())).toSeconds()));
            }
        });
        delays.sort(null);
        if (delays.isEmpty()) {
            return new Finalizations(0, null, null, null);
        }
        return new Finalizations(delays.size(), rank(delays, 50), rank(delays, 95), delays.get(delays.size() - 1));
    }

    /** Nearest-rank percentile. */
    private static long rank(List<Long> sorted, int pct) {
        int i = (int) Math.max(0, Math.min(sorted.size() - 1, (sorted.size() * (long) pct + 99) / 100 - 1));
        return sorted.get(i);
    }

    private static boolean within(Event e, Instant from, Instant to) {
        Instant ts = Instant.parse(e.ts());
        return !ts.isBefore(from) && ts.isBefore(to);
    }
}

package io.mbp.cli.bench;

import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One route's answers as the daemon itself timed them (request read to answer written), from the
 * cumulative buckets of {@code mbp_http_server_requests_seconds} in its /metrics (docs/slo.md): a
 * check on the load generator's own latency figures, which include the client's side and its clock
 * (and, for wrk, its correction for coordinated omission).
 *
 * @param buckets cumulative count of answers within each bucket's bound, in seconds ({@code +Inf} last)
 */
record ServerLatency(NavigableMap<Double, Double> buckets) {
    private static final Pattern BUCKET = Pattern.compile("^mbp_http_server_requests_seconds_bucket\\{(.*)} (\\S+)$", Pattern.MULTILINE);
    private static final Pattern LE = Pattern.compile("le=\"([^\"]+)\"");

    /** The route's counts in {@code metrics}, a /metrics scrape; none when there is none (null). */
    static ServerLatency parse(String metrics, String method, String route, int status) {
        NavigableMap<Double, Double> b = new TreeMap<>();
        Matcher m = BUCKET.matcher(metrics == null ? "" : metrics);
        while (m.find()) {
            String labels = m.group(1);
            Matcher le = LE.matcher(labels);
            if (!labels.contains("method=\"" + method + "\"") || !labels.contains("route=\"" + route + "\"")
                    || !labels.contains("status=\"" + status + "\"") || !le.find()) {
                continue;
            }
            b.put("+Inf".equals(le.group(1)) ? Double.POSITIVE_INFINITY : Double.parseDouble(le.group(1)), Double.parseDouble(m.group(2)));
        }
        return new ServerLatency(b);
    }

    /** The answers between two scrapes: {@code this} at the end, {@code o} at the start. */
    ServerLatency minus(ServerLatency o) {
        NavigableMap<Double, Double> b = new TreeMap<>();
        for (Map.Entry<Double, Double> e : buckets.entrySet()) {
            b.put(e.getKey(), e.getValue() - o.buckets.getOrDefault(e.getKey(), 0.0));
        }
        return new ServerLatency(b);
    }

    double all() {
        return buckets.getOrDefault(Double.POSITIVE_INFINITY, 0.0);
    }

    /** Answers within {@code seconds} (a bucket's bound; 0 when the daemon has no such bucket). */
    double within(double seconds) {
        return buckets.getOrDefault(seconds, 0.0);
    }

    /** The smallest bucket bound that 99 % of the answers are within, in seconds: the daemon-side p99 is at most this. */
    double p99Bound() {
        for (Map.Entry<Double, Double> e : buckets.entrySet()) {
            if (e.getValue() >= 0.99 * all()) {
                return e.getKey();
            }
        }
        return Double.POSITIVE_INFINITY;
    }

    @Override
    public String toString() {
        double all = all();
        if (all <= 0) {
            return "daemon-side latency n/a";
        }
        double p99 = p99Bound();
        return String.format("daemon-side (request read to answer): %.1f%% within 10 ms, %.2f%% over 250 ms, p99 %s", 100 * within(0.01) / all,
                100 * (all - within(0.25)) / all, Double.isInfinite(p99) ? "over the largest bucket" : String.format("<= %.0f ms", p99 * 1e3));
    }
}

package io.mbp.cli.bench;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One route's answers as the daemon itself timed them (request read to answer written), from the
 * cumulative buckets of {@code mbp_http_server_requests_seconds} in its /metrics (docs/slo.md): a
 * check on the load generator's own latency figures, which include the client's side and its clock.
 */
record ServerLatency(double within10ms, double over250ms, double all) {
    private static final Pattern BUCKET = Pattern.compile("^mbp_http_server_requests_seconds_bucket\\{(.*)} (\\S+)$", Pattern.MULTILINE);

    /** The route's counts in {@code metrics}, a /metrics scrape; zeros when there is none (null). */
    static ServerLatency parse(String metrics, String method, String route, int status) {
        double within = 0;
        double upTo250 = 0;
        double all = 0;
        Matcher m = BUCKET.matcher(metrics == null ? "" : metrics);
        while (m.find()) {
            String labels = m.group(1);
            if (!labels.contains("method=\"" + method + "\"") || !labels.contains("route=\"" + route + "\"")
                    || !labels.contains("status=\"" + status + "\"")) {
                continue;
            }
            double v = Double.parseDouble(m.group(2));
            if (labels.contains("le=\"0.01\"")) {
                within = v;
            } else if (labels.contains("le=\"0.25\"")) {
                upTo250 = v;
            } else if (labels.contains("le=\"+Inf\"")) {
                all = v;
            }
        }
        return new ServerLatency(within, all - upTo250, all);
    }

    ServerLatency minus(ServerLatency o) {
        return new ServerLatency(within10ms - o.within10ms, over250ms - o.over250ms, all - o.all);
    }

    @Override
    public String toString() {
        return all <= 0 ? "daemon-side latency n/a"
                : String.format("daemon-side (request read to answer): %.1f%% within 10 ms, %.2f%% over 250 ms", 100 * within10ms / all,
                        100 * over250ms / all);
    }
}

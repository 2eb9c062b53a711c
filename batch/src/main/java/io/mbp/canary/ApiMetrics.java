package io.mbp.canary;

import io.mbp.error.BadInputException;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A daemon's request figures from its Prometheus text exposition (a scrape of {@code /metrics}
 * saved to a file, docs/slo.md): requests, those answered 5xx, and the p95 latency as the upper
 * bound of the histogram bucket holding the 95th percentile, all routes together. Availability
 * and burn rate follow from them; the burn rate is against the API availability objective.
 */
public record ApiMetrics(long requests, long errors, Long p95Millis) {
    /** The API availability objective the burn rate is taken against, in bps (99.9%). */
    public static final long OBJECTIVE_BPS = 9_990;
    private static final Pattern LINE = Pattern.compile("^mbp_http_server_requests_seconds_(count|bucket)\\{([^}]*)}\\s+(\\S+)");
    private static final Pattern LABEL = Pattern.compile("(\\w+)=\"([^\"]*)\"");

    public static ApiMetrics read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new BadInputException(file + ": cannot read the daemon's metrics: " + e.getMessage());
        }
        return parse(text);
    }

    public static ApiMetrics parse(String text) {
        long requests = 0;
        long errors = 0;
        TreeMap<BigDecimal, Long> buckets = new TreeMap<>();
        for (String line : text.split("\n")) {
            Matcher m = LINE.matcher(line);
            if (!m.find()) {
                continue;
            }
            Map<String, String> labels = new TreeMap<>();
            Matcher l = LABEL.matcher(m.group(2));
            while (l.find()) {
                labels.put(l.group(1), l.group(2));
            }
            long v = new BigDecimal(m.group(3)).longValue();
            if ("count".equals(m.group(1))) {
                requests += v;
                if (labels.getOrDefault("status", "").startsWith("5")) {
                    errors += v;
                }
            } else if (labels.containsKey("le") && !"+Inf".equals(labels.get("le"))) {
                buckets.merge(new BigDecimal(labels.get("le")), v, Long::sum);
            }
        }
        Long p95 = null;
        if (requests > 0) {
            long need = (requests * 95 + 99) / 100;
            for (Map.Entry<BigDecimal, Long> b : buckets.entrySet()) {
                if (b.getValue() >= need) {
                    p95 = b.getKey().movePointRight(3).setScale(0, java.math.RoundingMode.CEILING).longValueExact();
                    break;
                }
            }
            if (p95 == null) {
                p95 = Long.MAX_VALUE / 4; // beyond the largest bucket: as slow as can be told
            }
        }
        return new ApiMetrics(requests, errors, p95);
    }

    public Long availabilityBps() {
        return requests == 0 ? null : (requests - errors) * 10_000 / requests;
    }

    /** Errors over the error budget, times 100 (100 = burning exactly the budget). */
    public Long burnRateX100() {
        return requests == 0 ? null : errors * 10_000 * 100 / (requests * (10_000 - OBJECTIVE_BPS));
    }
}

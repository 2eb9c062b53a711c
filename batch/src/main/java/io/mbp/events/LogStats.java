package io.mbp.events;

import java.util.Map;

/** Summary of the log: size, the ts of its first and last event (log order), counts per type. */
public record LogStats(long count, String firstTs, String lastTs, Map<String, Long> perType) {
    public LogStats {
        perType = Map.copyOf(perType);
    }
}

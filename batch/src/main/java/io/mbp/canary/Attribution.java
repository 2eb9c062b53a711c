package io.mbp.canary;

import io.mbp.events.Event;
import io.mbp.events.EventLog;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BiConsumer;

/**
 * The release that produced each event, derived rather than stored (docs/adr/0322, 0318): an event
 * whose stream is a market ran under that market's release at its seq (a {@code MarketParamsApplied}
 * under the release it applies); a canary event ({@code canary-<release>}) under the release it
 * names; every other event (accounts, oracle, payouts, the tool's own) under the stable release of
 * the moment. One fold of the log, no field on the envelope, so old logs keep their bytes.
 */
public final class Attribution {
    private static final String CANARY_STREAM = "canary-";
    private static final Set<String> FOLDED = Set.copyOf(CanaryState.TYPES);

    private Attribution() {
    }

    /** Calls {@code sink} with each event of {@code [0, treeSize)} and the release that produced it, in seq order. */
    public static void forEach(EventLog log, long treeSize, BiConsumer<Event, String> sink) {
        if (treeSize <= 0) {
            return;
        }
        CanaryState s = new CanaryState();
        log.forEach(0, treeSize - 1, e -> {
            if (FOLDED.contains(e.type())) {
                s.apply(e);
            }
            String stream = e.stream();
            String release;
            if (stream != null && e.type().startsWith("Canary") && stream.startsWith(CANARY_STREAM)) {
                release = stream.substring(CANARY_STREAM.length());
            } else if (stream != null && s.markets.containsKey(stream)) {
                release = s.releaseOf(stream);
            } else {
                release = s.stable();
            }
            sink.accept(e, release);
        });
    }

    /** How many events of {@code [0, treeSize)} each release produced, by release name. */
    public static Map<String, Long> counts(EventLog log, long treeSize) {
        Map<String, Long> out = new TreeMap<>();
        forEach(log, treeSize, (e, r) -> out.merge(r, 1L, Long::sum));
        return out;
    }
}

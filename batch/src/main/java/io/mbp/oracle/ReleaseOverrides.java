package io.mbp.oracle;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.mbp.events.CanonicalJson;
import io.mbp.events.Event;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The oracle parameters a release applied to markets, per oracle event (docs/adr/0322): the markets
 * of an event ({@code MarketCreated.oracle_event}) and the {@code oracle_staleness_seconds} and
 * {@code oracle_band_bps} of each one's last {@code MarketParamsApplied}. A round serves every
 * market of its event, so an event runs a release's values only when all its markets run the same
 * ones; markets that disagree (a cohort boundary through one event) keep it on the stable defaults,
 * the side a canary must never make worse. The oracle does not depend on the market package, so the
 * two payload fields are read from the JSON.
 */
public final class ReleaseOverrides {
    /** The market event types the fold reads. */
    public static final List<String> TYPES = List.of("MarketCreated", "MarketParamsApplied");

    /** An event's applied values; a null component is the stable default. */
    public record Values(Long stalenessSeconds, Long bandBps) {
        static final Values NONE = new Values(null, null);
    }

    private final Map<String, String> eventOf = new TreeMap<>();
    private final Map<String, Values> applied = new TreeMap<>();

    public void apply(Event e) {
        JsonNode n;
        try {
            n = CanonicalJson.MAPPER.readTree(e.payload());
        } catch (JsonProcessingException x) {
            return; // the market engine's own replay reports an unreadable market event
        }
        String market = n.path("market").asText(null);
        if ("MarketCreated".equals(e.type()) && market != null && !eventOf.containsKey(market)) {
            eventOf.put(market, n.path("oracle_event").asText(null));
        } else if ("MarketParamsApplied".equals(e.type()) && eventOf.containsKey(market)) {
            applied.put(market, new Values(longOrNull(n, "oracle_staleness_seconds"), longOrNull(n, "oracle_band_bps")));
        }
    }

    /** Each oracle event's values: those all its markets run, else the defaults. */
    public Map<String, Values> perEvent() {
        Map<String, Values> out = new TreeMap<>();
        Map<String, Boolean> split = new TreeMap<>();
        eventOf.forEach((market, event) -> {
            if (event == null) {
                return;
            }
            Values v = applied.getOrDefault(market, Values.NONE);
            Values seen = out.putIfAbsent(event, v);
            if (seen != null && !Objects.equals(seen, v)) {
                split.put(event, true);
            }
        });
        split.keySet().forEach(out::remove);
        out.values().removeIf(Values.NONE::equals);
        return out;
    }

    private static Long longOrNull(JsonNode n, String field) {
        return n.hasNonNull(field) ? n.get(field).asLong() : null;
    }
}

package io.mbp.screening;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The answer to a {@link Query}: the threshold used, the list versions screened against, the hits by score (highest first). */
public record ScreeningResult(BigDecimal threshold, Map<String, Integer> listVersions, List<Hit> hits) {
    public ScreeningResult {
        listVersions = java.util.Collections.unmodifiableMap(new TreeMap<>(listVersions));
        hits = List.copyOf(hits);
    }

    public boolean hit() {
        return !hits.isEmpty();
    }
}

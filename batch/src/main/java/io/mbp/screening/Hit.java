package io.mbp.screening;

import java.math.BigDecimal;
import java.util.List;

/**
 * One list entity a query matched at or above the threshold: which list and entity, its primary
 * name, the alias that matched (null when the primary name did), the score (0..1, four decimals,
 * a decimal so that it is exact in events) and why, in words.
 */
public record Hit(String list, String entityId, String name, String matchedAlias, BigDecimal score, List<String> reasons) {
    public Hit {
        reasons = List.copyOf(reasons);
    }
}

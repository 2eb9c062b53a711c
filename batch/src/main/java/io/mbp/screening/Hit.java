package io.mbp.screening;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.math.BigDecimal;
import java.util.List;

/**
 * One list entity a query matched at or above the threshold: which list and entity, its primary
 * name, the alias that matched (null when the primary name did), the score (0..1, four decimals,
 * a decimal so that it is exact in events) and why, in words.
 */
@JsonPropertyOrder({"list", "entity_id", "name", "matched_alias", "score", "reasons"})
public record Hit(String list, String entityId, String name, String matchedAlias, BigDecimal score, List<String> reasons) {
    public Hit {
        reasons = List.copyOf(reasons);
    }
}

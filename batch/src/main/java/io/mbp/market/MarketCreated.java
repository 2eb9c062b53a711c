package io.mbp.market;

import static io.mbp.events.FieldException.requireText;

import io.mbp.events.EventType;
import io.mbp.events.FieldException;
import io.mbp.events.Identifier;
import io.mbp.events.OptionalField;
import io.mbp.events.Timestamps;
import java.math.BigDecimal;
import java.util.List;

/**
 * A market opened on an oracle event with 2..N outcomes and a fee in basis points. Trading is
 * allowed in {@code [opens_at, closes_at)}. A categorical market's outcomes are the oracle's
 * outcome names. A numeric market carries {@code threshold} (a decimal string) and exactly the
 * outcomes {@code YES,NO}: YES wins when the finalized value is {@code >= threshold}.
 */
@EventType("MarketCreated")
public record MarketCreated(String market, String oracleEvent, List<String> outcomes, long feeBps,
                            @OptionalField String opensAt, @OptionalField String closesAt,
                            @OptionalField String threshold) implements MarketEvent {
    /** Most outcomes a market may have: keeps the N-outcome products of the pool small. */
    public static final int MAX_OUTCOMES = 16;
    public MarketCreated {
        requireText("market", market);
        Identifier.require("market", market);
        requireText("oracle_event", oracleEvent);
        if (outcomes == null || outcomes.size() < 2) {
            throw new FieldException("outcomes", "needs at least 2 outcomes");
        }
        if (outcomes.size() > MAX_OUTCOMES) {
            throw new FieldException("outcomes", "at most " + MAX_OUTCOMES + " outcomes, got " + outcomes.size());
        }
        for (int i = 0; i < outcomes.size(); i++) {
            requireText("outcomes[" + i + "]", outcomes.get(i));
        }
        if (outcomes.stream().distinct().count() != outcomes.size()) {
            throw new FieldException("outcomes", "must be distinct");
        }
        outcomes = List.copyOf(outcomes);
        if (feeBps < 0 || feeBps >= 10_000) {
            throw new FieldException("fee_bps", "must be within 0..9999 basis points, got " + feeBps);
        }
        opensAt = opensAt == null ? null : Timestamps.normalize("opens_at", opensAt);
        closesAt = closesAt == null ? null : Timestamps.normalize("closes_at", closesAt);
        if (opensAt != null && closesAt != null
                && !Timestamps.parse("closes_at", closesAt).isAfter(Timestamps.parse("opens_at", opensAt))) {
            throw new FieldException("closes_at", "must be after opens_at");
        }
        if (threshold != null) {
            try {
                new BigDecimal(threshold);
            } catch (NumberFormatException e) {
                throw new FieldException("threshold", "must be a decimal number such as \"5.4321\", got \"" + threshold + "\"");
            }
            if (!outcomes.equals(List.of("YES", "NO"))) {
                throw new FieldException("outcomes", "a numeric market (with threshold) has exactly the outcomes YES,NO");
            }
        }
    }

    /** The shape the foundation knew: always open, categorical. */
    public MarketCreated(String market, String oracleEvent, List<String> outcomes, long feeBps) {
        this(market, oracleEvent, outcomes, feeBps, null, null, null);
    }

    @Override
    public String streamId() {
        return market;
    }
}

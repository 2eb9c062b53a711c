package io.mbp.market;

import static io.mbp.events.FieldException.requireText;

import io.mbp.events.EventType;
import io.mbp.events.FieldException;
import java.util.List;

/** A market opened on an oracle event with 2..N outcomes and a fee in basis points. */
@EventType("MarketCreated")
public record MarketCreated(String market, String oracleEvent, List<String> outcomes, long feeBps)
        implements MarketEvent {
    public MarketCreated {
        requireText("market", market);
        requireText("oracle_event", oracleEvent);
        if (outcomes == null || outcomes.size() < 2) {
            throw new FieldException("outcomes", "needs at least 2 outcomes");
        }
        if (outcomes.stream().distinct().count() != outcomes.size()) {
            throw new FieldException("outcomes", "must be distinct");
        }
        outcomes = List.copyOf(outcomes);
        if (feeBps < 0 || feeBps > 10_000) {
            throw new FieldException("fee_bps", "must be within 0..10000 basis points, got " + feeBps);
        }
    }

    @Override
    public String streamId() {
        return market;
    }
}

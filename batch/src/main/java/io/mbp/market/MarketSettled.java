package io.mbp.market;

import static io.mbp.events.FieldException.requirePositive;
import static io.mbp.events.FieldException.requireText;

import io.mbp.events.EventType;
import io.mbp.events.FieldException;
import java.util.List;

/**
 * The write-once payout vector of a market, derived from its oracle event's {@code Finalized}
 * event at log position {@code finalized_seq}: outcome i pays {@code numerators[i] / denominator}
 * centavos per share. A winner is {@code [1,0..]/1}; the invalid result is {@code [1,1..]/N}.
 * {@code result} says in words which rule applied.
 */
@EventType("MarketSettled")
public record MarketSettled(String market, String oracleEvent, long finalizedSeq, List<Long> numerators,
                            long denominator, String result) implements MarketEvent {
    public MarketSettled {
        requireText("market", market);
        requireText("oracle_event", oracleEvent);
        if (finalizedSeq < 0) {
            throw new FieldException("finalized_seq", "must not be negative");
        }
        if (numerators == null || numerators.size() < 2) {
            throw new FieldException("numerators", "needs one numerator per outcome");
        }
        numerators = List.copyOf(numerators);
        requirePositive("denominator", denominator);
        long sum = 0;
        for (long n : numerators) {
            if (n < 0) {
                throw new FieldException("numerators", "must not be negative");
            }
            sum += n;
        }
        if (sum != denominator) {
            throw new FieldException("denominator", "must equal the sum of the numerators (" + sum + ")");
        }
        requireText("result", result);
    }

    @Override
    public String streamId() {
        return market;
    }
}

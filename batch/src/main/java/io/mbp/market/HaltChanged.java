package io.mbp.market;

import static io.mbp.events.FieldException.requireNonNegative;
import static io.mbp.events.FieldException.requireText;

import io.mbp.events.EventType;
import io.mbp.events.FieldException;

/**
 * One halt component of a market changed level. A market's effective level is the highest of its
 * components: {@code price} (band breaches, cleared by cooldown + hysteresis), {@code oracle}
 * (the oracle event in fallback mode) and {@code manual} (operator). {@code trigger} says why,
 * {@code metric_bps} is the price-move metric at the time, {@code from}/{@code to} the effective
 * levels before and after, {@code reopenings} the automatic re-openings counted so far that UTC day.
 */
@EventType("HaltChanged")
public record HaltChanged(String market, String component, String level, String from, String to,
                          String trigger, long metricBps, long reopenings) implements MarketEvent {
    public HaltChanged {
        requireText("market", market);
        if (!"price".equals(component) && !"oracle".equals(component) && !"manual".equals(component)) {
            throw new FieldException("component", "must be price, oracle or manual, got \"" + component + "\"");
        }
        HaltLevel.parse("level", level);
        HaltLevel.parse("from", from);
        HaltLevel.parse("to", to);
        requireText("trigger", trigger);
        requireNonNegative("metric_bps", metricBps);
        requireNonNegative("reopenings", reopenings);
    }

    @Override
    public String streamId() {
        return market;
    }
}

package io.mbp.cli.market;

import com.fasterxml.jackson.annotation.JsonValue;
import io.mbp.cli.TextResult;
import io.mbp.market.HaltChanged;
import io.mbp.market.MarketEvent;
import java.io.PrintWriter;
import java.util.List;

/** What {@code market halt} and {@code market resume} decided: every event as JSON, the halt changes as text. */
record HaltChanges(@JsonValue List<MarketEvent> events) implements TextResult {
    @Override
    public void printText(PrintWriter out) {
        for (MarketEvent e : events) {
            if (e instanceof HaltChanged h) {
                out.println(h.market() + ": " + h.component() + " -> " + h.level() + " (market " + h.from() + " -> " + h.to() + "), "
                        + h.trigger());
            }
        }
    }
}

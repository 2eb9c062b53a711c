package io.mbp.cli.market;

import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.JsonNode;
import io.mbp.cli.JavaNamed;
import io.mbp.cli.TextResult;
import io.mbp.market.HaltChanged;
import io.mbp.market.MarketEvent;
import java.io.PrintWriter;
import java.util.List;

/** What {@code market halt} and {@code market resume} decided: every event as JSON, the halt changes as text. */
record HaltChanges(List<MarketEvent> events) implements TextResult {
    /** The events as {@code market halt --json} always printed them: Java member names. */
    @JsonValue
    JsonNode json() {
        return JavaNamed.tree(events);
    }

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

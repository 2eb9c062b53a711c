package io.mbp.cli.events;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.mbp.cli.CommandContext;
import io.mbp.cli.TextResult;
import io.mbp.events.CanonicalJson;
import io.mbp.events.Event;
import io.mbp.events.EventLog;
import io.mbp.sql.Database;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "tail", mixinStandardHelpOptions = true, description = "Show the last events of the log.")
public final class TailCommand implements Callable<Integer> {
    @Mixin CommandContext ctx;

    @Option(names = {"-n", "--lines"}, paramLabel = "N", defaultValue = "10", description = "How many (default ${DEFAULT-VALUE}).") int n;

    /** One event: JSON carries the payload as an object, text its canonical form as stored. */
    @JsonPropertyOrder(alphabetic = true)
    record Row(long seq, String type, String stream, String ts, JsonNode payload, String leafHash,
               @JsonIgnore String payloadText) {
        static Row of(Event e) throws JsonProcessingException {
            return new Row(e.seq(), e.type(), e.stream(), e.ts(), CanonicalJson.MAPPER.readTree(e.payload()), e.leafHashHex(),
                    e.payload());
        }
    }

    record Tail(@JsonValue List<Row> events) implements TextResult {
        @Override
        public void printText(PrintWriter out) {
            for (Row e : events) {
                out.printf("%8d  %-24s  %-20s  %-16s  %s%n", e.seq(), e.ts(), e.type(), e.stream(), e.payloadText());
            }
        }
    }

    @Override
    public Integer call() throws Exception {
        List<Event> events;
        try (Database db = ctx.database()) {
            events = new EventLog(db).tail(Math.max(0, n));
        }
        List<Row> rows = new ArrayList<>();
        for (Event e : events) {
            rows.add(Row.of(e));
        }
        return ctx.render(new Tail(rows));
    }
}

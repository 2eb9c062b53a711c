package io.mbp.oracle;

import static io.mbp.events.FieldException.requireText;

import io.mbp.events.EventType;
import io.mbp.events.FieldException;

/** A reporting source joined, with its starting reputation weight in basis points (1..10000). */
@EventType("SourceRegistered")
public record SourceRegistered(String source, String name, long weightBps) implements OracleEvent {
    public SourceRegistered {
        requireText("id", source);
        if (!Ids.isId(source)) {
            throw new FieldException("id", "must be letters, digits, '.', '_' or '-', got \"" + source + "\"");
        }
        requireText("name", name);
        if (weightBps < 1 || weightBps > 10_000) {
            throw new FieldException("weight", "must be within 1..10000 basis points, got " + weightBps);
        }
    }
}

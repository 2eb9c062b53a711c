package io.mbp.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Set;

/**
 * Reads one NDJSON input line, {@code {"type","stream","ts","payload"}}, into a {@link NewEvent},
 * or refuses it with a {@link FieldException} naming the field. seq is never accepted from input:
 * the log assigns it.
 */
public final class EventLineParser {
    private static final Set<String> MEMBERS = Set.of("type", "stream", "ts", "payload");

    private final EventTypes types;

    public EventLineParser(EventTypes types) {
        this.types = types;
    }

    public NewEvent parse(String line) {
        JsonNode node;
        try {
            node = CanonicalJson.readTree(line);
        } catch (StreamConstraintsException e) {
            throw new FieldException("", "refused: " + JsonLimits.describe(e) + " (JSON input limits: docs/event-log.md)");
        } catch (JsonProcessingException e) {
            throw new FieldException("", "not valid JSON: " + e.getOriginalMessage());
        }
        if (node == null || !node.isObject()) {
            throw new FieldException("", "must be a JSON object {\"type\",\"stream\",\"ts\",\"payload\"}");
        }
        CanonicalJson.requireCanonicalizable(node, "");
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String n = names.next();
            if (n.equals("seq")) {
                throw new FieldException("seq", "is assigned by the log; remove it from the input");
            }
            if (!MEMBERS.contains(n)) {
                throw new FieldException(n, "unknown member (an input line has type, stream, ts and payload)");
            }
        }
        String type = text(node, "type");
        String stream = text(node, "stream");
        String ts = Timestamps.normalize("ts", text(node, "ts"));
        JsonNode payload = node.get("payload");
        if (payload == null || payload.isNull()) {
            throw new FieldException("payload", "missing");
        }
        if (!types.isKnown(type)) {
            throw new FieldException("type", "unknown event type '" + type + "' (known: " + String.join(", ", types.names()) + ")");
        }
        EventPayload record;
        try {
            record = types.decode(type, payload);
        } catch (FieldException e) {
            String field = e.field().isEmpty() ? "payload" : "payload." + e.field();
            throw new FieldException(field, e.getMessage());
        }
        return new NewEvent(type, stream, ts, types.encode(record));
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            throw new FieldException(field, "missing");
        }
        if (!v.isTextual() || v.textValue().isBlank()) {
            throw new FieldException(field, "must be a non-empty string");
        }
        return v.textValue();
    }
}

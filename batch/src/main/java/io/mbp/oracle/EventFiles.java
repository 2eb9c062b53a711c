package io.mbp.oracle;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mbp.error.BadInputException;
import io.mbp.events.FieldException;
import io.mbp.events.JsonLimits;
import io.mbp.input.InputLimits;
import io.mbp.input.StrictText;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Reads oracle event definitions: one JSON object or an array of them, with {@code id},
 * {@code kind}, {@code min}/{@code max} or {@code outcomes}, {@code resolves_at} and optional
 * {@code title}, {@code staleness_seconds}, {@code dispute_window_seconds}, {@code sources}.
 * Any problem names the file, the entry and the field, and refuses the whole file.
 */
public final class EventFiles {
    private static final ObjectMapper JSON = JsonLimits.mapper().build();
    private static final Set<String> FIELDS = Set.of("id", "kind", "title", "min", "max", "outcomes", "resolves_at",
            "staleness_seconds", "dispute_window_seconds", "sources");

    private EventFiles() {
    }

    public record Entry(OracleEventRegistered registration, String input) {
    }

    /** Reads a definitions file as strict UTF-8 within {@link InputLimits#DEFAULT}, streaming. */
    public static List<Entry> read(Path file) {
        // One JSON document: its own limit (JSON input limits) comes before the oracle files' general one.
        JsonLimits.requireSize(file, JsonLimits.MAX_DOCUMENT_BYTES, file.toString());
        try (Reader reader = StrictText.open(file, file.toString(), InputLimits.DEFAULT)) {
            return parse(reader, file.toString());
        } catch (IOException e) {
            throw new BadInputException("cannot read " + file + ": " + e.getMessage());
        }
    }

    public static List<Entry> parse(String text, String name) {
        return parse(new StringReader(text), name);
    }

    /** A pure entry point (Reader in, entries out) for tests and fuzzing. */
    public static List<Entry> parse(Reader reader, String name) {
        JsonNode root;
        try {
            root = JSON.readTree(reader);
        } catch (StreamConstraintsException e) {
            throw JsonLimits.refused(name, e);
        } catch (JsonProcessingException e) {
            throw new BadInputException(name + ": line " + (e.getLocation() == null ? "?" : e.getLocation().getLineNr())
                    + ": not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new BadInputException("cannot read " + name + ": " + e.getMessage());
        }
        List<Entry> out = new ArrayList<>();
        if (root != null && root.isArray()) {
            for (int i = 0; i < root.size(); i++) {
                out.add(entry(root.get(i), name + " [" + i + "]"));
            }
        } else {
            out.add(entry(root, name));
        }
        if (out.isEmpty()) {
            throw new BadInputException(name + ": no oracle events in the file");
        }
        return out;
    }

    private static Entry entry(JsonNode n, String where) {
        if (n == null || !n.isObject()) {
            throw new BadInputException(where + ": must be a JSON object (or an array of them)");
        }
        for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!FIELDS.contains(f)) {
                throw new BadInputException(where + ": field " + f + ": unknown (expected " + String.join(", ", FIELDS.stream().sorted().toList()) + ")");
            }
        }
        try {
            OracleEventRegistered r = new OracleEventRegistered(text(n, "id", where), text(n, "kind", where),
                    text(n, "title", where), text(n, "min", where), text(n, "max", where), list(n, "outcomes", where),
                    text(n, "resolves_at", where), integer(n, "staleness_seconds", where, OracleParams.DEFAULT_STALENESS_SECONDS),
                    integer(n, "dispute_window_seconds", where, OracleParams.DEFAULT_DISPUTE_WINDOW_SECONDS),
                    list(n, "sources", where));
            return new Entry(r, where);
        } catch (FieldException e) {
            String field = "event".equals(e.field()) ? "id" : e.field();
            throw new BadInputException(where + ": field " + field + ": " + e.getMessage());
        }
    }

    private static String text(JsonNode n, String field, String where) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw new BadInputException(where + ": field " + field + ": must be a string"
                    + (v.isNumber() ? " (decimals are written as strings, e.g. \"5.4321\")" : "") + ", got " + v);
        }
        return v.asText();
    }

    private static long integer(JsonNode n, String field, String where, long dflt) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            return dflt;
        }
        if (!v.isIntegralNumber() || !v.canConvertToLong()) {
            throw new BadInputException(where + ": field " + field + ": must be a whole number of seconds, got " + v);
        }
        return v.asLong();
    }

    private static List<String> list(JsonNode n, String field, String where) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isArray()) {
            throw new BadInputException(where + ": field " + field + ": must be an array of strings");
        }
        List<String> out = new ArrayList<>();
        for (JsonNode e : v) {
            if (!e.isTextual()) {
                throw new BadInputException(where + ": field " + field + ": must be an array of strings, got " + e);
            }
            out.add(e.asText());
        }
        return out;
    }
}

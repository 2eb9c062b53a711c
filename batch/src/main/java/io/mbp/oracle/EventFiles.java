package io.mbp.oracle;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.mbp.error.BadInputException;
import io.mbp.events.FieldException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
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
    private static final ObjectMapper JSON = JsonMapper.builder().build();
    private static final Set<String> FIELDS = Set.of("id", "kind", "title", "min", "max", "outcomes", "resolves_at",
            "staleness_seconds", "dispute_window_seconds", "sources");

    private EventFiles() {
    }

    public record Entry(OracleEventRegistered registration, String input) {
    }

    public static List<Entry> read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new BadInputException(file + ": no such file");
        } catch (IOException e) {
            throw new BadInputException("cannot read " + file + ": " + e.getMessage());
        }
        return parse(text, file.toString());
    }

    public static List<Entry> parse(String text, String name) {
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            // A broken limit (nesting depth, number or string length) carries no location.
            String line = e.getLocation() == null ? "" : ": line " + e.getLocation().getLineNr();
            throw new BadInputException(name + line + ": not valid JSON: " + e.getOriginalMessage());
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

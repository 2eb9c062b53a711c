package io.mbp.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.PrintWriter;

/**
 * JSON rendering of command results: one document, newline-terminated. Maps keep their own keys;
 * records and beans are written with snake_case member names, so a result record
 * {@code record Stats(long logSize)} prints {@code {"log_size":...}} without hand-built maps. Members are
 * written in alphabetical order, as map keys are, so a map turned into a record prints the same document.
 * Timestamps in results are ISO-8601 strings (the log's own form).
 */
public final class Render {
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .build();

    private Render() {
    }

    public static void json(PrintWriter out, Object value) {
        try {
            out.println(JSON.writeValueAsString(value));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot render result as JSON", e);
        }
        out.flush();
    }
}

package io.mbp.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * Domain records that a few commands print whole (jobs list/show, formal check, benchmark results)
 * keep the member names their {@code --json} has always had, the Java ones ({@code exitCode}),
 * while result records made for the CLI are written in snake_case by {@link Render}.
 */
public final class JavaNamed {
    private static final ObjectMapper PLAIN = JsonMapper.builder().build();

    private JavaNamed() {
    }

    /** {@code value} as a JSON tree with its Java member names, in declaration order. */
    public static JsonNode tree(Object value) {
        return PLAIN.valueToTree(value);
    }
}

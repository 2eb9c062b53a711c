package io.mbp.gate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Reading evidence files: a file that cannot be read is red evidence of a broken artefact, never a crash. */
final class Files2 {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    /** Evidence files are reports, not datasets; anything bigger is not one of ours. */
    private static final long MAX_BYTES = 16L << 20;

    private Files2() {
    }

    static Optional<JsonNode> json(Path p) {
        return parse(JSON, p);
    }

    static Optional<JsonNode> yaml(Path p) {
        return parse(YAML, p);
    }

    static Optional<String> text(Path p) {
        try {
            if (Files.size(p) > MAX_BYTES) {
                return Optional.empty();
            }
            return Optional.of(Files.readString(p, StandardCharsets.UTF_8));
        } catch (IOException | java.io.UncheckedIOException e) {
            return Optional.empty();
        }
    }

    private static Optional<JsonNode> parse(ObjectMapper m, Path p) {
        return text(p).flatMap(t -> {
            try {
                JsonNode n = m.readTree(t);
                return n == null || n.isMissingNode() ? Optional.empty() : Optional.of(n);
            } catch (IOException e) {
                return Optional.empty();
            }
        });
    }
}

package io.mbp.chaos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** specs/orr.yaml: every item has a question and evidence, and every piece of evidence exists. */
class OrrSpecTest {
    static final Path ROOT = Path.of("..");
    /** What reports/sre-dr.txt lists: the filed kinds, game days and incidents. */
    static final Set<String> S21 = new HashSet<>(Arrays.stream(EvidenceKind.values()).map(EvidenceKind::wire).toList());

    static {
        S21.add("game-day");
        S21.add("incident");
    }

    @Test
    void everyItemPointsAtEvidenceThatExists() throws Exception {
        JsonNode orr = new YAMLMapper().readTree(ROOT.resolve("specs/orr.yaml").toFile());
        String cli = Files.readString(ROOT.resolve("docs/cli.md"));
        Set<String> ids = new HashSet<>();
        List<String> problems = new ArrayList<>();
        assertTrue(orr.get("items").size() >= 10, "an ORR of a handful of items is not one");
        for (JsonNode item : orr.get("items")) {
            String id = item.path("id").asText("");
            assertFalse(id.isBlank(), "an item without id: " + item);
            assertTrue(ids.add(id), "duplicate id " + id);
            assertTrue(item.path("question").asText("").endsWith("?"), id + ": the question is a question");
            assertTrue(item.path("evidence").size() > 0, id + ": no evidence");
            for (JsonNode e : item.get("evidence")) {
                assertEquals(1, e.size(), id + ": one key per evidence entry: " + e);
                String kind = e.fieldNames().next();
                String value = e.get(kind).asText();
                switch (kind) {
                    case "doc" -> {
                        if (!Files.exists(ROOT.resolve(value))) {
                            problems.add(id + ": " + value + " does not exist");
                        }
                    }
                    case "command" -> {
                        if (!value.startsWith("mbp ") || !cli.contains("`" + value)) {
                            problems.add(id + ": command " + value + " is not in docs/cli.md");
                        }
                    }
                    case "s21" -> {
                        if (!S21.contains(value)) {
                            problems.add(id + ": s21 kind " + value + " is not one of " + S21);
                        }
                    }
                    default -> problems.add(id + ": unknown evidence kind " + kind);
                }
            }
        }
        assertEquals(List.of(), problems);
    }
}

package io.mbp.cli.daemon;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mbp.market.Reject;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The error catalogue and the OpenAPI document list every code the API can answer with. */
class ApiDocsTest {
    @Test
    void everyRejectCodeIsCataloguedWithItsStatus() throws Exception {
        String catalogue = Files.readString(Path.of("..", "docs", "api-errors.md"));
        String openapi = Files.readString(Path.of("..", "docs", "openapi.yaml"));
        for (Reject r : Reject.values()) {
            assertTrue(catalogue.contains("| `" + r.name() + "` | " + r.status() + " |"), r + " missing from docs/api-errors.md");
            assertTrue(openapi.contains(r.name()), r + " missing from docs/openapi.yaml");
        }
    }
}

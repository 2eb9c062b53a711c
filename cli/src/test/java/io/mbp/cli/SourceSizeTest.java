package io.mbp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** No main source file over 400 lines (docs/architecture.md): a file that long holds more than one idea. */
class SourceSizeTest {
    static final int MAX_LINES = 400;

    @Test
    void noMainSourceFileExceedsTheLimit() throws IOException {
        Path root = Path.of("..").toAbsolutePath().normalize();
        List<String> over = new ArrayList<>();
        Set<String> seen = new TreeSet<>();
        for (String module : List.of("sql", "batch", "tools", "cli", "specs")) {
            Path src = root.resolve(module).resolve("src/main/java");
            if (!Files.isDirectory(src)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(src)) {
                for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                    String rel = root.relativize(f).toString().replace('\\', '/');
                    seen.add(rel);
                    long lines;
                    try (Stream<String> s = Files.lines(f, StandardCharsets.UTF_8)) {
                        lines = s.count();
                    }
                    if (lines > MAX_LINES) {
                        over.add(rel + " (" + lines + " lines)");
                    }
                }
            }
        }
        assertTrue(seen.size() > 100, "found the source tree under " + root);
        assertEquals(List.of(), over, "main source files over " + MAX_LINES + " lines: split them");
    }
}

package io.mbp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** A clone alone explains itself: every relative link in README and docs resolves inside the repo. */
class DocsTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    /** The founding sketch's folder beside the repo: a clone does not have it, so nothing may point there. */
    private static final String OUTSIDE_FOLDER = String.join("/", "..", "shared");
    /** Markdown inline links and images: [text](target) or ![alt](target). */
    private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)(?:\\s+\"[^\"]*\")?\\)");

    private static List<Path> markdown() throws IOException {
        List<Path> files = new ArrayList<>();
        files.add(ROOT.resolve("README.md"));
        for (String dir : List.of("docs", "samples", "out", "scripts")) {
            Path d = ROOT.resolve(dir);
            if (Files.isDirectory(d)) {
                try (Stream<Path> s = Files.walk(d)) {
                    // npm packages installed by scripts (scripts/a11y/node_modules) are not our docs
                    s.filter(p -> p.toString().endsWith(".md") && !p.toString().contains("node_modules")).forEach(files::add);
                }
            }
        }
        return files;
    }

    @Test
    void everyRelativeLinkResolvesInTheRepo() throws IOException {
        List<String> broken = new ArrayList<>();
        for (Path md : markdown()) {
            String text = Files.readString(md, StandardCharsets.UTF_8);
            Matcher m = LINK.matcher(text);
            while (m.find()) {
                String target = m.group(1);
                if (target.matches("^[a-z][a-z0-9+.-]*:.*") || target.startsWith("#")) {
                    continue; // an absolute URL or an anchor on the same page
                }
                String file = target.replaceAll("#.*$", "");
                Path resolved = md.getParent().resolve(file).normalize();
                if (!resolved.startsWith(ROOT) || !Files.exists(resolved)) {
                    broken.add(ROOT.relativize(md) + " -> " + target);
                }
            }
        }
        assertEquals(List.of(), broken, "links that do not resolve inside the repo");
    }

    @Test
    void nothingPointsOutsideTheClone() throws IOException {
        List<String> outside = new ArrayList<>();
        for (Path md : markdown()) {
            if (Files.readString(md, StandardCharsets.UTF_8).contains(OUTSIDE_FOLDER)) {
                outside.add(ROOT.relativize(md).toString());
            }
        }
        assertEquals(List.of(), outside, "files that point at " + OUTSIDE_FOLDER + ", which a clone does not have");
    }

    @Test
    void everyAdrIsIndexedAndHasAStatus() throws IOException {
        Path adr = ROOT.resolve("docs/adr");
        String index = Files.readString(adr.resolve("README.md"), StandardCharsets.UTF_8);
        List<String> problems = new ArrayList<>();
        java.util.Map<String, String> byNumber = new java.util.HashMap<>();
        try (Stream<Path> s = Files.list(adr)) {
            for (Path p : s.filter(f -> f.getFileName().toString().matches("\\d{4}-.*\\.md")).sorted().toList()) {
                String name = p.getFileName().toString();
                String taken = byNumber.put(name.substring(0, 4), name);
                if (taken != null) {
                    problems.add(name + " has the number of " + taken + ": ADR numbers are unique");
                }
                if (!index.contains("(" + name + ")")) {
                    problems.add(name + " is not in docs/adr/README.md (run scripts/adr-index)");
                }
                String text = Files.readString(p, StandardCharsets.UTF_8);
                if (!text.contains("\n## Status\n") && !text.contains("\nStatus:")) {
                    problems.add(name + " has no status");
                }
            }
        }
        assertEquals(List.of(), problems);
        assertTrue(Files.exists(ROOT.resolve("docs/architecture.md")), "docs/architecture.md");
    }

    @Test
    void tablesInTheCliReferenceAreNotBrokenByBlankLines() throws IOException {
        List<String> lines = Files.readAllLines(ROOT.resolve("docs/cli.md"), StandardCharsets.UTF_8);
        List<Integer> breaks = new ArrayList<>();
        for (int i = 2; i < lines.size(); i++) {
            if (lines.get(i).startsWith("| ") && lines.get(i - 1).isBlank() && lines.get(i - 2).startsWith("|")) {
                breaks.add(i + 1);
            }
        }
        assertEquals(List.of(), breaks, "docs/cli.md lines where a table resumes after a blank line");
    }
}

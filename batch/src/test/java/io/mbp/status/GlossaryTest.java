package io.mbp.status;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** One key set: every glossary key in PT-BR, ES and EN, and every term a template uses is in the glossary. */
class GlossaryTest {
    static final List<String> TEMPLATES = List.of("layout.html", "home.html", "service.html", "objective.html", "incident.html",
            "history.html", "history-row.html", "root.html", "language.html", "nav.html", "para.html", "list.html", "export.html",
            "anchors.html", "anchor-row.html", "incidents.html", "changelog.html", "changelog-heading.html", "changelog-item.html",
            "chart.svg", "style.css");

    @Test
    void everyKeyHasEveryLanguage() {
        Glossary g = Glossary.standard();
        assertTrue(g.keys().size() > 40, g.keys().toString());
        assertEquals(List.of(), g.gaps());
    }

    @Test
    void everyTermATemplateUsesIsInTheGlossary() throws IOException {
        Glossary g = Glossary.standard();
        Pattern term = Pattern.compile("\\$\\{t\\.([a-z0-9_-]+)}");
        List<String> missing = new ArrayList<>();
        TreeSet<String> used = new TreeSet<>();
        for (String t : TEMPLATES) {
            try (InputStream in = Glossary.class.getResourceAsStream("templates/" + t)) {
                assertTrue(in != null, "template " + t + " is in the jar");
                Matcher m = term.matcher(new String(in.readAllBytes(), StandardCharsets.UTF_8));
                while (m.find()) {
                    used.add(m.group(1));
                    if (!g.keys().contains(m.group(1))) {
                        missing.add(t + ": " + m.group(1));
                    }
                }
            }
        }
        assertEquals(List.of(), missing);
        assertTrue(used.size() > 30, "the templates do use the glossary: " + used);
    }
}

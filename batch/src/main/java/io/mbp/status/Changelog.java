package io.mbp.status;

import io.mbp.status.Templates.Html;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * docs/changelog.md on the status site. The file keeps to three kinds of line: a {@code ## } heading per
 * release or date, {@code - } entries under it, and prose; anything else (other markdown) shows as its text.
 * Every line goes through the templates, so the file cannot put markup on the page.
 */
final class Changelog {
    private static final String T = "templates/";

    private Changelog() {
    }

    static Html render(String markdown) {
        List<Html> out = new ArrayList<>();
        List<Html> items = new ArrayList<>();
        for (String raw : markdown.lines().toList()) {
            String line = raw.strip();
            if (line.startsWith("- ")) {
                items.add(Templates.render(T + "changelog-item.html", Map.of("text", line.substring(2).strip())));
                continue;
            }
            flush(items, out);
            if (line.isEmpty() || line.startsWith("# ")) {
                continue; // the page has its own title
            }
            if (line.startsWith("## ")) {
                out.add(Templates.render(T + "changelog-heading.html", Map.of("text", line.substring(3).strip())));
            } else {
                out.add(Templates.render(T + "para.html", Map.of("text", line)));
            }
        }
        flush(items, out);
        return Html.join(out);
    }

    private static void flush(List<Html> items, List<Html> out) {
        if (!items.isEmpty()) {
            out.add(Templates.render(T + "list.html", Map.of("items", Html.join(items))));
            items.clear();
        }
    }
}

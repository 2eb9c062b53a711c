package io.mbp.status;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.commons.text.StringEscapeUtils;
import org.apache.commons.text.StringSubstitutor;
import org.apache.commons.text.lookup.StringLookup;

/**
 * The status site's HTML templates (resources beside this class, {@code ${name}} placeholders, Commons
 * Text's substitutor). Every value is HTML-escaped on the way in unless it is {@link Html}, markup that was
 * itself built from escaped values; an unknown placeholder is an error, never an empty hole.
 */
final class Templates {
    /** Markup that is already safe: built by these templates or from escaped values. */
    record Html(String markup) {
        static Html join(Iterable<Html> parts) {
            StringBuilder b = new StringBuilder();
            parts.forEach(p -> b.append(p.markup()));
            return new Html(b.toString());
        }
    }

    private Templates() {
    }

    static Html render(String template, Map<String, ?> values) {
        StringLookup lookup = key -> {
            if (!values.containsKey(key)) {
                return null;
            }
            Object v = values.get(key);
            return v instanceof Html h ? h.markup() : StringEscapeUtils.escapeHtml4(v == null ? "" : v.toString());
        };
        StringSubstitutor s = new StringSubstitutor(lookup);
        s.setEnableUndefinedVariableException(true);
        s.setDisableSubstitutionInValues(true);
        return new Html(s.replace(source(template)));
    }

    static String source(String template) {
        try (InputStream in = Templates.class.getResourceAsStream(template)) {
            if (in == null) {
                throw new IllegalStateException("no template " + template + " in the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Text escaped for XML (SVG) content and attributes. */
    static String xml(String text) {
        return StringEscapeUtils.escapeXml10(text);
    }
}

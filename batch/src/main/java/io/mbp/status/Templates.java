package io.mbp.status;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.commons.text.StringEscapeUtils;
import org.apache.commons.text.StringSubstitutor;
import org.apache.commons.text.lookup.StringLookup;
import org.apache.commons.text.translate.AggregateTranslator;
import org.apache.commons.text.translate.CharSequenceTranslator;
import org.apache.commons.text.translate.EntityArrays;
import org.apache.commons.text.translate.LookupTranslator;

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

    /**
     * HTML escaping of {@code & < > " '}: what text and quoted attributes need. Other characters stay as
     * they are (the pages are UTF-8), so "Orçamento" is not "Or&ccedil;amento" as escapeHtml4 would write it.
     */
    static final CharSequenceTranslator ESCAPE_HTML = new AggregateTranslator(new LookupTranslator(EntityArrays.BASIC_ESCAPE),
            new LookupTranslator(java.util.Map.of("'", "&#39;")));

    private Templates() {
    }

    static Html render(String template, Map<String, ?> values) {
        StringLookup lookup = key -> {
            if (!values.containsKey(key)) {
                return null;
            }
            Object v = values.get(key);
            return v instanceof Html h ? h.markup() : ESCAPE_HTML.translate(v == null ? "" : v.toString());
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

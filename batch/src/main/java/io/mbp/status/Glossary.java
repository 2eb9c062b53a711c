package io.mbp.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The status site's words in PT-BR, ES and EN: one resource ({@code glossary.json}), one key set, each key
 * with every language, so a page cannot exist in one language with a term missing in another.
 */
public final class Glossary {
    /** The site's languages, English first (the root page's order). */
    public static final List<String> LANGUAGES = List.of("en", "pt-BR", "es");
    static final String RESOURCE = "glossary.json";
    private final Map<String, Map<String, String>> terms;

    private Glossary(Map<String, Map<String, String>> terms) {
        this.terms = terms;
    }

    public static Glossary standard() {
        try (InputStream in = Glossary.class.getResourceAsStream(RESOURCE)) {
            JsonNode n = new ObjectMapper().readTree(in);
            Map<String, Map<String, String>> t = new TreeMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = n.path("terms").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                Map<String, String> byLang = new TreeMap<>();
                e.getValue().fields().forEachRemaining(l -> byLang.put(l.getKey(), l.getValue().asText()));
                t.put(e.getKey(), byLang);
            }
            return new Glossary(t);
        } catch (IOException e) {
            throw new UncheckedIOException("the glossary resource is unreadable", e);
        }
    }

    public java.util.Set<String> keys() {
        return terms.keySet();
    }

    /** "key: lang" for every term a language lacks (blank counts as missing) or that names a language not on the site. */
    public List<String> gaps() {
        List<String> out = new ArrayList<>();
        terms.forEach((k, byLang) -> {
            for (String l : LANGUAGES) {
                if (byLang.getOrDefault(l, "").isBlank()) {
                    out.add(k + ": " + l);
                }
            }
            byLang.keySet().stream().filter(l -> !LANGUAGES.contains(l)).forEach(l -> out.add(k + ": " + l + " (not a site language)"));
        });
        return out;
    }

    public String term(String lang, String key) {
        Map<String, String> t = terms.get(key);
        if (t == null || !t.containsKey(lang)) {
            throw new IllegalArgumentException("glossary: no term " + key + " in " + lang);
        }
        return t.get(lang);
    }

    /** Every term of {@code lang}, as {@code t.<key>} template values. */
    Map<String, Object> values(String lang) {
        Map<String, Object> out = new TreeMap<>();
        terms.keySet().forEach(k -> out.put("t." + k, term(lang, k)));
        return out;
    }
}

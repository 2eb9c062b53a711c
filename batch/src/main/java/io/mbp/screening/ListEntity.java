package io.mbp.screening;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * One entry of a sanctions or PEP list, as every format is reduced to: the list's own id, type,
 * primary name, aliases, birth dates ("YYYY-MM-DD", "YYYY-MM" or "YYYY"), countries (ISO 3166
 * alpha-2, lower case), document numbers (as printed), and topics ("sanction", "role.pep"...).
 */
public record ListEntity(String entityId, EntityType type, String name, List<String> aliases, List<String> birthDates,
                         List<String> countries, List<String> documents, List<String> topics) {
    public ListEntity {
        if (entityId == null || entityId.isBlank() || name == null || name.isBlank()) {
            throw new IllegalArgumentException("a list entity needs an id and a name");
        }
        aliases = distinct(aliases);
        birthDates = distinct(birthDates);
        countries = distinct(countries);
        documents = distinct(documents);
        topics = distinct(topics);
    }

    /** SHA-256 (hex) over every field: two versions of an entity differ exactly when their digests do. */
    public String digest() {
        StringBuilder b = new StringBuilder().append(entityId).append('\u0000').append(type.code()).append('\u0000')
                .append(name);
        for (List<String> l : List.of(aliases, birthDates, countries, documents, topics)) {
            b.append('\u0001');
            for (String s : l) {
                b.append(s).append('\u0000');
            }
        }
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from the JDK", e);
        }
    }

    private static List<String> distinct(List<String> l) {
        return l == null ? List.of() : l.stream().filter(s -> s != null && !s.isBlank()).map(String::strip).distinct().toList();
    }
}

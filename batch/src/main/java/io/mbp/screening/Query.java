package io.mbp.screening;

import io.mbp.error.BadInputException;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;

/**
 * What to screen: a name (personal data: never logged in clear, see ADR 0711), and optional
 * qualifiers that move the score: birth date, country (ISO alpha-2), document numbers, and the
 * kind of entity asked about (a customer is a person). {@code actor} is who asked, for the audit event.
 */
public record Query(String name, LocalDate birthDate, String country, List<String> documents, EntityType type, String actor) {
    public Query {
        if (name == null || name.isBlank()) {
            throw new BadInputException("the name to screen is empty");
        }
        if (name.length() > 1024) {
            throw new BadInputException("the name to screen is over 1,024 characters");
        }
        if (country != null) {
            country = country.strip().toLowerCase(Locale.ROOT);
            if (!country.matches("[a-z]{2}")) {
                throw new BadInputException("country must be an ISO 3166 alpha-2 code such as BR");
            }
        }
        documents = documents == null ? List.of() : List.copyOf(documents);
        if (actor == null || actor.isBlank()) {
            throw new BadInputException("a screening query needs to say who asked");
        }
    }

    /** A person by name only. */
    public static Query person(String name, String actor) {
        return new Query(name, null, null, List.of(), EntityType.PERSON, actor);
    }
}

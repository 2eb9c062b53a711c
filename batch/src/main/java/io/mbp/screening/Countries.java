package io.mbp.screening;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Country names as lists print them ("Iran (Islamic Republic of)", "Russian Federation", "Brazil")
 * to ISO 3166 alpha-2 codes in lower case, from the JDK's English country names plus the UN's long
 * forms. A two-letter code is taken as is.
 */
final class Countries {
    private static final Map<String, String> BY_NAME = build();

    private Countries() {
    }

    /** The code of {@code text}, if it names a country. */
    static Optional<String> code(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        String t = text.strip();
        if (t.length() == 2 && t.chars().allMatch(Character::isLetter)) {
            return Optional.of(t.toLowerCase(Locale.ROOT));
        }
        return Optional.ofNullable(BY_NAME.get(NameNormalizer.key(t)));
    }

    private static Map<String, String> build() {
        Map<String, String> m = new HashMap<>();
        for (String iso : Locale.getISOCountries()) {
            m.put(NameNormalizer.key(Locale.of("", iso).getDisplayCountry(Locale.ENGLISH)), iso.toLowerCase(Locale.ROOT));
        }
        for (String row : List.of("ir:Iran (Islamic Republic of)", "ru:Russian Federation", "sy:Syrian Arab Republic",
                "kp:Democratic People's Republic of Korea", "kr:Republic of Korea", "us:United States of America",
                "us:United States", "gb:United Kingdom of Great Britain and Northern Ireland", "gb:United Kingdom",
                "ve:Venezuela (Bolivarian Republic of)", "bo:Bolivia (Plurinational State of)", "tz:United Republic of Tanzania",
                "la:Lao People's Democratic Republic", "md:Republic of Moldova", "cd:Democratic Republic of the Congo",
                "ps:State of Palestine", "vn:Viet Nam", "tr:Turkiye", "cz:Czechia", "br:Brasil")) {
            m.put(NameNormalizer.key(row.substring(3)), row.substring(0, 2));
        }
        return Map.copyOf(m);
    }
}

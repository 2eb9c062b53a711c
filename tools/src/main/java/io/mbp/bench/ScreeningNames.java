package io.mbp.bench;

import io.mbp.screening.EntityType;
import io.mbp.screening.ListEntity;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Deterministic fictional names for `mbp bench screening` (ADR 0710): token pools made of syllables
 * (tens of thousands of surnames, so a million-entity list has the token spread of a real one), some
 * tokens accented, and a share of first names from the romanisation table spelled one of their
 * variant ways. Same seed, same list, on every machine.
 */
final class ScreeningNames {
    private static final String[] ONSETS = {"b", "c", "d", "f", "g", "j", "k", "l", "m", "n", "p", "r", "s", "t", "v", "z",
        "br", "ch", "cl", "dr", "gr", "kh", "pr", "sh", "st", "tr", "vl", "zh"};
    private static final String[] VOWELS = {"a", "e", "i", "o", "u", "a", "e", "o", "ia", "ou"};
    private static final String[] ENDINGS = {"", "", "", "n", "r", "s", "ov", "ez", "ski", "eira", "elli", "son", "ano", "ova", "ic"};
    /** Variant spellings of one name each (the folded forms are in NameNormalizer's table). */
    static final String[][] ROMANISED = {
        {"Muhammad", "Mohammed", "Mohamed", "Muhammed"}, {"Husayn", "Hussein", "Hussain"}, {"Yusuf", "Youssef", "Yousef"},
        {"Aleksandr", "Alexander", "Oleksandr"}, {"Sergei", "Sergey", "Serhiy"}, {"Dmitri", "Dmitry", "Dmytro"},
        {"Yuri", "Yury", "Yuriy"}, {"Evgeni", "Yevgeny", "Evgeny"}, {"Usama", "Osama"}, {"Umar", "Omar"},
        {"Ahmad", "Ahmed"}, {"Andrei", "Andrey", "Andriy"}};

    final String[] first;
    final String[] last;

    ScreeningNames(long seed, int firstNames, int lastNames) {
        SplittableRandom r = new SplittableRandom(seed);
        first = pool(r, firstNames, 2, 3);
        last = pool(r, lastNames, 2, 4);
    }

    private static String[] pool(SplittableRandom r, int n, int minSyl, int maxSyl) {
        java.util.LinkedHashSet<String> out = new java.util.LinkedHashSet<>();
        while (out.size() < n) {
            StringBuilder b = new StringBuilder();
            int syl = minSyl + r.nextInt(maxSyl - minSyl + 1);
            for (int i = 0; i < syl; i++) {
                b.append(ONSETS[r.nextInt(ONSETS.length)]).append(VOWELS[r.nextInt(VOWELS.length)]);
            }
            b.append(ENDINGS[r.nextInt(ENDINGS.length)]);
            String t = b.toString();
            if (r.nextInt(8) == 0) {
                t = accent(t, r);
            }
            out.add(Character.toUpperCase(t.charAt(0)) + t.substring(1));
        }
        return out.toArray(String[]::new);
    }

    /** One plain vowel or c of {@code t} given an accent (which screening must ignore). */
    static String accent(String t, SplittableRandom r) {
        for (int tries = 0; tries < 6; tries++) {
            int i = 1 + r.nextInt(Math.max(1, t.length() - 1));
            char c = t.charAt(Math.min(i, t.length() - 1));
            String repl = switch (c) {
                case 'a' -> "áãâ";
                case 'e' -> "éê";
                case 'i' -> "í";
                case 'o' -> "óõô";
                case 'u' -> "ú";
                case 'c' -> "ç";
                default -> "";
            };
            if (!repl.isEmpty()) {
                int at = Math.min(i, t.length() - 1);
                return t.substring(0, at) + repl.charAt(r.nextInt(repl.length())) + t.substring(at + 1);
            }
        }
        return t;
    }

    /** A person: one or two first names (5% romanised), one or two surnames. */
    List<String> person(SplittableRandom r) {
        List<String> t = new ArrayList<>();
        if (r.nextInt(20) == 0) {
            String[] v = ROMANISED[r.nextInt(ROMANISED.length)];
            t.add(v[r.nextInt(v.length)]);
        } else {
            t.add(first[r.nextInt(first.length)]);
        }
        if (r.nextInt(3) == 0) {
            t.add(first[r.nextInt(first.length)]);
        }
        t.add(last[r.nextInt(last.length)]);
        if (r.nextInt(2) == 0) {
            t.add(last[r.nextInt(last.length)]);
        }
        return t;
    }

    /** {@code n} entities: 90% persons with a birth date and a country, 10% organisations; 30% with one alias. */
    List<ListEntity> list(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        List<ListEntity> out = new ArrayList<>(n);
        String[] countries = {"br", "ru", "ir", "iq", "lb", "ve", "kp", "sy", "ng", "cn"};
        for (int i = 0; i < n; i++) {
            String id = "E" + i;
            if (r.nextInt(10) == 0) {
                String name = last[r.nextInt(last.length)] + " " + last[r.nextInt(last.length)] + " Trading Ltd";
                out.add(new ListEntity(id, EntityType.ORGANIZATION, name, List.of(), List.of(),
                        List.of(countries[r.nextInt(countries.length)]), List.of(), List.of("sanction")));
                continue;
            }
            List<String> t = person(r);
            List<String> aliases = r.nextInt(10) < 3 ? List.of(t.get(0) + " " + last[r.nextInt(last.length)]) : List.of();
            String dob = String.format(Locale.ROOT, "%d-%02d-%02d", 1940 + r.nextInt(65), 1 + r.nextInt(12), 1 + r.nextInt(28));
            out.add(new ListEntity(id, EntityType.PERSON, String.join(" ", t), aliases, List.of(dob),
                    List.of(countries[r.nextInt(countries.length)]), List.of(), List.of(r.nextInt(5) == 0 ? "role.pep" : "sanction")));
        }
        return out;
    }
}

package io.mbp.screening;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Turns a name into the sorted tokens screening compares (docs/screening.md, ADR 0710): lower case,
 * accents removed (NFKD, marks dropped), letters no decomposition removes spelled out (ß, æ, ø, ł...),
 * Cyrillic transliterated letter by letter, punctuation a separator (apostrophes joined), honorifics,
 * legal-form suffixes and name particles dropped, common romanisations of one name folded to one
 * spelling ({@link #ROMANISATIONS}), and the tokens sorted so that word order never matters.
 * Pure and thread-safe.
 */
public final class NameNormalizer {
    /** Letters NFKD leaves alone: spelled out in ASCII. */
    private static final Map<Character, String> LETTERS = Map.ofEntries(
            Map.entry('ß', "ss"), Map.entry('æ', "ae"), Map.entry('ø', "o"), Map.entry('œ', "oe"), Map.entry('ł', "l"),
            Map.entry('đ', "d"), Map.entry('ð', "d"), Map.entry('þ', "th"), Map.entry('ı', "i"), Map.entry('ħ', "h"));

    /** Russian Cyrillic, letter by letter (a simplified BGN/PCGN; ъ and ь vanish). */
    private static final String CYRILLIC = "абвгдеёжзийклмнопрстуфхцчшщъыьэюя";
    private static final String[] CYRILLIC_LATIN = {"a", "b", "v", "g", "d", "e", "e", "zh", "z", "i", "i", "k", "l", "m",
        "n", "o", "p", "r", "s", "t", "u", "f", "kh", "ts", "ch", "sh", "shch", "", "y", "", "e", "yu", "ya"};

    /** Titles and honorifics, never part of who someone is. */
    static final Set<String> HONORIFICS = Set.of("mr", "mrs", "ms", "miss", "mx", "dr", "prof", "sir", "lady", "lord",
            "sr", "sra", "srta", "sheikh", "shaykh", "sheik", "haji", "hajji", "mullah", "maulana", "imam", "general", "gen",
            "col", "colonel", "capt", "captain", "major", "eng", "engr", "rev", "hon", "excellency");

    /** Legal-form suffixes of organisations: "Acme Ltd" is "Acme". */
    static final Set<String> LEGAL_FORMS = Set.of("ltd", "llc", "inc", "ltda", "gmbh", "corp", "co", "sa", "plc", "jsc",
            "ooo", "oao", "pjsc", "ag", "bv", "nv", "srl", "spa", "limited", "company", "eireli");

    /** Particles that come and go between sources ("Joao da Silva" = "Joao Silva"). */
    static final Set<String> PARTICLES = Set.of("de", "da", "do", "dos", "das", "del", "della", "di", "du", "van", "von",
            "der", "den", "bin", "ibn", "bint", "ben", "al", "el", "ul", "la", "le");

    /**
     * Romanisations of one name folded to one spelling: Arabic (Muhammad, Husayn, Yusuf...), Russian
     * (Aleksandr, Sergei, Dmitri...), and a few Latin ones. Small on purpose: Double Metaphone and
     * Jaro-Winkler absorb the rest. The table is documented in docs/screening.md.
     */
    static final Map<String, String> ROMANISATIONS = table(
            "muhammad: mohammed mohamed mohammad mohamad muhammed mohamud muhamad mehmet mahomed",
            "ahmad: ahmed ahmet",
            "husayn: hussein husein husain hussain hosein hossein",
            "hasan: hassan",
            "yusuf: yousef youssef yusef yousuf yussuf",
            "umar: omar",
            "usama: osama",
            "abdul: abdel abdal abdoul abd",
            "abdullah: abdallah abdulla",
            "mustafa: mustapha moustafa",
            "ali: aly",
            "aleksandr: alexander aleksander alexandr oleksandr",
            "aleksei: alexei alexey aleksey oleksiy",
            "sergei: sergey serhiy sergiy",
            "dmitri: dmitry dmitriy dmytro",
            "yuri: yury yuriy iurii yurii",
            "evgeni: yevgeny evgeny yevgeniy evgeniy yevgeni",
            "andrei: andrey andriy",
            "nikolai: nikolay mykola",
            "mikhail: mikhaylo mykhailo",
            "vladimir: volodymyr",
            "tatiana: tatyana tetiana",
            "natalia: natalya nataliya",
            "jose: josef",
            "mohammadreza: mohammedreza");

    private NameNormalizer() {
    }

    /** The sorted tokens of {@code name}; empty when nothing is left (only punctuation or titles). */
    public static List<String> tokens(String name) {
        if (name == null) {
            return List.of();
        }
        String lower = name.toLowerCase(Locale.ROOT);
        StringBuilder folded = new StringBuilder(lower.length());
        for (int i = 0; i < lower.length(); i++) {
            char c = lower.charAt(i);
            int cy = CYRILLIC.indexOf(c);
            if (cy >= 0) {
                folded.append(CYRILLIC_LATIN[cy]);
            } else if (c == 'і' || c == 'ї') { // Ukrainian
                folded.append('i');
            } else if (c == 'є') {
                folded.append("ye");
            } else if (c == 'ґ') {
                folded.append('g');
            } else {
                String s = LETTERS.get(c);
                if (s != null) {
                    folded.append(s);
                } else if (c != '\'' && c != '’' && c != '`' && c != 'ʼ' && c != 'ʻ') {
                    folded.append(c);
                }
            }
        }
        String ascii = Normalizer.normalize(folded, Normalizer.Form.NFKD).replaceAll("\\p{M}+", "");
        List<String> out = new ArrayList<>(4);
        for (String raw : ascii.split("[^\\p{L}\\p{N}]+")) {
            if (raw.isEmpty() || HONORIFICS.contains(raw) || LEGAL_FORMS.contains(raw) || PARTICLES.contains(raw)) {
                continue;
            }
            out.add(ROMANISATIONS.getOrDefault(raw, raw));
        }
        if (out.isEmpty()) {
            // A name made only of particles ("Da Silva" is not, but "El Al" is): keep them rather than nothing.
            for (String raw : ascii.split("[^\\p{L}\\p{N}]+")) {
                if (!raw.isEmpty() && !HONORIFICS.contains(raw)) {
                    out.add(raw);
                }
            }
        }
        String[] sorted = out.toArray(String[]::new);
        Arrays.sort(sorted);
        return List.of(sorted);
    }

    /** The normalised name as one string (sorted tokens joined by a space): what a query reference is made of. */
    public static String key(String name) {
        return String.join(" ", tokens(name));
    }

    private static Map<String, String> table(String... rows) {
        java.util.HashMap<String, String> m = new java.util.HashMap<>();
        for (String row : rows) {
            int colon = row.indexOf(':');
            String canonical = row.substring(0, colon).trim();
            for (String variant : row.substring(colon + 1).trim().split(" ")) {
                m.put(variant, canonical);
            }
        }
        return Map.copyOf(m);
    }
}

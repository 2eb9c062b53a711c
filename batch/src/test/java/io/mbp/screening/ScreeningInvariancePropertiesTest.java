package io.mbp.screening;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Screening gives the same hits and scores whatever the accents, the case and the order of the name's words. */
class ScreeningInvariancePropertiesTest {
    static final List<String> WORDS = List.of("João", "Teixeira", "Ribeiro", "Conceição", "Araújo", "Inês", "Gonçalves",
            "Müller", "Ñúñez", "Zoë", "Brandão", "Sérgio", "Antônio", "Viktor", "Pavlovich", "Karim", "Mahmoud");
    static final Screener SCREENER = new Screener(ScreeningIndex.builder()
            .addAll("ofac", 1, ListParsersTest.sampleOfac())
            .addAll("test", 1, List.of(
                    new ListEntity("t1", EntityType.PERSON, "Joao Ribeiro Conceicao", List.of("Ines Araujo Goncalves"), List.of(),
                            List.of(), List.of(), List.of()),
                    new ListEntity("t2", EntityType.PERSON, "Sergio Antonio Brandao", List.of(), List.of(), List.of(), List.of(),
                            List.of()),
                    new ListEntity("t3", EntityType.PERSON, "Zoe Muller Nunez", List.of(), List.of(), List.of(), List.of(), List.of())))
            .build());

    @Provide
    Arbitrary<List<String>> names() {
        return Arbitraries.of(WORDS).list().ofMinSize(1).ofMaxSize(4);
    }

    static String plain(String s) {
        return java.text.Normalizer.normalize(s, java.text.Normalizer.Form.NFD).replaceAll("\\p{M}", "");
    }

    static List<String> hits(String name) {
        ScreeningResult r = SCREENER.screen(Query.person(name, "prop"), new BigDecimal("0.50"));
        return r.hits().stream().map(h -> h.list() + "/" + h.entityId() + " " + h.score()).toList();
    }

    @Property(tries = 300)
    void invariantToAccentsCaseAndOrder(@ForAll("names") List<String> words, @ForAll long shuffleSeed, @ForAll boolean upper) {
        String name = String.join(" ", words);
        List<String> shuffled = new ArrayList<>(words);
        Collections.shuffle(shuffled, new java.util.Random(shuffleSeed));
        String variant = plain(String.join(" ", shuffled));
        variant = upper ? variant.toUpperCase(Locale.ROOT) : variant.toLowerCase(Locale.ROOT);
        assertEquals(hits(name), hits(variant));
    }

    @Property(tries = 50)
    void aListedNameIsFoundWhateverItsForm(@ForAll boolean upper, @ForAll long shuffleSeed) {
        List<String> words = new ArrayList<>(List.of("João", "Ribeiro", "Conceição"));
        Collections.shuffle(words, new java.util.Random(shuffleSeed));
        String q = upper ? String.join(" ", words).toUpperCase(Locale.ROOT) : plain(String.join(" ", words));
        assertEquals("test/t1 1.0000", hits(q).get(0));
    }
}

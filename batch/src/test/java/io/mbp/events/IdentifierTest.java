package io.mbp.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class IdentifierTest {
    @Test
    void theRuleAndItsMessages() {
        assertTrue(Identifier.isValid("a"));
        assertTrue(Identifier.isValid("acct-0001"));
        assertTrue(Identifier.isValid("M:ana@b.c_d-e"));
        assertTrue(Identifier.isValid("a".repeat(64)));
        assertFalse(Identifier.isValid("a".repeat(65)));
        assertFalse(Identifier.isValid(""));
        assertFalse(Identifier.isValid(null));
        assertFalse(Identifier.isValid("_a"));
        assertFalse(Identifier.isValid("x/1"));
        assertFalse(Identifier.isValid("a b"));
        assertFalse(Identifier.isValid("ação"));
        assertFalse(Identifier.isValid("a\u0000"));
        assertFalse(Identifier.isValid("a\n"), "no trailing newline sneaks past the pattern");
        FieldException len = assertThrows(FieldException.class, () -> Identifier.require("withdrawal_id", "w".repeat(70)));
        assertEquals("withdrawal_id", len.field());
        assertTrue(len.getMessage().endsWith("got 70 characters"), len.getMessage());
        FieldException ch = assertThrows(FieldException.class, () -> Identifier.require("withdrawal_id", "a b/c\u0000"));
        assertTrue(ch.getMessage().endsWith("character 2 (U+0020) is not allowed"), ch.getMessage());
        assertEquals("x_1", Identifier.require("withdrawal_id", "x_1"));
    }

    private static final Pattern RULE = Pattern.compile(Identifier.REGEX);

    /** isValid is a loop; the published rule is REGEX (docs/openapi.yaml): they must agree on every string. */
    @Property(tries = 5_000)
    void theCheckAgreesWithThePublishedPattern(@ForAll("nearIds") String s) {
        assertEquals(RULE.matcher(s).matches(), Identifier.isValid(s), () -> "for \"" + s + "\"");
    }

    @Provide
    Arbitrary<String> nearIds() {
        // mostly the alphabet, some of its neighbours in ASCII and beyond it, lengths around the limit
        Arbitrary<Character> chars = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(8, Arbitraries.of('a', 'Z', '0', '9', 'q')),
                net.jqwik.api.Tuple.of(4, Arbitraries.of('.', '_', ':', '@', '-')),
                net.jqwik.api.Tuple.of(2, Arbitraries.of('/', ' ', '`', '[', '{', '\n', '\u0000', '+', '^', '\\')),
                net.jqwik.api.Tuple.of(1, Arbitraries.chars().range('\u0080', '\uffff')));
        Arbitrary<Character> alphabet = Arbitraries.of('a', 'Z', '0', '.', '_', ':', '@', '-');
        return Arbitraries.oneOf(chars.list().ofMinSize(0).ofMaxSize(3),
                alphabet.list().ofMinSize(62).ofMaxSize(66),
                chars.list().ofMinSize(60).ofMaxSize(68),
                chars.list().ofMaxSize(70))
                .map(l -> l.stream().map(String::valueOf).collect(java.util.stream.Collectors.joining()));
    }
}

package io.mbp.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
}

package io.mbp.events;

/**
 * The one rule for an id that crosses a boundary (API, files, events): 1..64 characters, the first a
 * letter or digit, the rest letters, digits and {@code . _ : @ -}. Ids are refused when they break
 * it, never rewritten: two different ids must stay two different ids everywhere downstream.
 * The alphabet is safe in URL paths, file names and log lines (no '/', spaces or control characters).
 * Rules of older logs are not re-applied on replay: decoding an event never checks this rule for the
 * ids it did not check before, so a log written before the rule still loads (see ADR 0506).
 */
public final class Identifier {
    public static final int MAX_LENGTH = 64;
    /** The same rule as a regular expression (also in docs/openapi.yaml; IdentifierTest holds the two equal). */
    public static final String REGEX = "[A-Za-z0-9][A-Za-z0-9._:@-]{0," + (MAX_LENGTH - 1) + "}";

    private Identifier() {
    }

    /**
     * Whether {@code id} follows the rule. A loop rather than {@link #REGEX}'s matcher: the daemon checks
     * several ids on every order, and each match allocated a {@code Matcher} and its arrays.
     */
    public static boolean isValid(String id) {
        return id != null && !id.isEmpty() && id.length() <= MAX_LENGTH && firstNotAllowed(id) < 0;
    }

    /** The index of the first character the rule does not allow where it stands, or -1. */
    private static int firstNotAllowed(String id) {
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            boolean alnum = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
            if (!alnum && (i == 0 || (c != '.' && c != '_' && c != ':' && c != '@' && c != '-'))) {
                return i;
            }
        }
        return -1;
    }

    /** Returns {@code id} if it follows the rule; otherwise a {@link FieldException} saying what is wrong. */
    public static String require(String field, String id) {
        if (id == null || id.isEmpty()) {
            throw new FieldException(field, "must be a non-empty id");
        }
        if (isValid(id)) {
            return id;
        }
        String rule = "an id is 1.." + MAX_LENGTH + " characters of A-Z a-z 0-9 . _ : @ - starting with a letter or digit";
        if (id.length() > MAX_LENGTH) {
            throw new FieldException(field, rule + "; got " + id.length() + " characters");
        }
        int i = firstNotAllowed(id);
        // the code point, not the character: it may be a control character or half a pair
        throw new FieldException(field, rule + "; character " + (i + 1) + " (U+" + String.format("%04X", (int) id.charAt(i))
                + ") is not allowed");
    }
}

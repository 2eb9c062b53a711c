package io.mbp.apiclient;

import io.mbp.error.BadInputException;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a key may do (docs/api-auth.md): {@code read} an account bound to its client, {@code trade}
 * (orders, deposits, withdrawals, liquidity, onboarding) for accounts bound to its client, and
 * {@code admin}, the operator's scope: create markets and act for any account (ADR 0312).
 */
public enum Scope {
    READ, TRADE, ADMIN;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** "read,trade" into scopes; {@link BadInputException} naming {@code field} on an unknown or empty list. */
    public static Set<Scope> parseList(String field, String list) {
        EnumSet<Scope> out = EnumSet.noneOf(Scope.class);
        for (String s : (list == null ? "" : list).split(",", -1)) {
            String t = s.trim();
            if (t.isEmpty()) {
                continue;
            }
            try {
                out.add(Scope.valueOf(t.toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new BadInputException(field + ": unknown scope \"" + t + "\" (expected read, trade, admin)");
            }
        }
        if (out.isEmpty()) {
            throw new BadInputException(field + ": at least one scope is needed (read, trade, admin)");
        }
        return out;
    }

    /** The canonical text: codes in declaration order, comma-separated. */
    public static String text(Set<Scope> scopes) {
        return scopes.stream().sorted().map(Scope::code).collect(Collectors.joining(","));
    }
}

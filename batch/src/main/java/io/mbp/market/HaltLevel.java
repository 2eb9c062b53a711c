package io.mbp.market;

import io.mbp.events.FieldException;
import java.util.Locale;

/** Trading halt levels, in increasing severity. */
public enum HaltLevel {
    /** Trading as usual. */
    NORMAL,
    /** Trading allowed, flagged for operators. */
    WARN,
    /** Only position-reducing trades (sells) and liquidity removal. */
    SOFT,
    /** Halt_Active: no trades at all (I8). */
    HARD;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static HaltLevel parse(String field, String text) {
        if (text != null) {
            for (HaltLevel l : values()) {
                if (l.wire().equalsIgnoreCase(text)) {
                    return l;
                }
            }
        }
        throw new FieldException(field, "must be normal, warn, soft or hard, got \"" + text + "\"");
    }

    public static HaltLevel max(HaltLevel a, HaltLevel b) {
        return a.ordinal() >= b.ordinal() ? a : b;
    }
}

package io.mbp.oracle;

import io.mbp.events.FieldException;

/** What an oracle event resolves to: a decimal value, or one of a fixed set of outcomes. */
public enum Kind {
    NUMERIC("numeric"), CATEGORICAL("categorical");

    private final String wire;

    Kind(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    public static Kind parse(String field, String text) {
        for (Kind k : values()) {
            if (k.wire.equals(text)) {
                return k;
            }
        }
        throw new FieldException(field, "must be \"numeric\" or \"categorical\", got " + (text == null ? "nothing" : "\"" + text + "\""));
    }
}

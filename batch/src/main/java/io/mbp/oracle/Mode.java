package io.mbp.oracle;

/** Where an oracle event's live answer comes from. Only {@code CONSENSUS} can ever propose. */
public enum Mode {
    CONSENSUS("consensus"), FALLBACK("fallback");

    private final String wire;

    Mode(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }
}

package io.mbp.statement;

/**
 * The balances a statement carries, as ISO 20022 codes them ({@code Bal/Tp/CdOrPrtry/Cd}); CNAB 240
 * and OFX balances map onto the same three (ADR 0509).
 */
public enum BalanceType {
    /** OPBD: the booked balance at the start of the statement's day. */
    OPENING_BOOKED("OPBD"),
    /** CLBD: the booked balance at the end of the statement's day. */
    CLOSING_BOOKED("CLBD"),
    /** ITBD: a booked balance during the day; informative, never used for continuity. */
    INTERIM_BOOKED("ITBD");

    private final String code;

    BalanceType(String code) {
        this.code = code;
    }

    /** The ISO 20022 balance type code. */
    public String code() {
        return code;
    }

    /** The type for an ISO 20022 code, or null for a code we do not read (e.g. OPAV, CLAV). */
    public static BalanceType ofCode(String code) {
        for (BalanceType t : values()) {
            if (t.code.equals(code)) {
                return t;
            }
        }
        return null;
    }
}

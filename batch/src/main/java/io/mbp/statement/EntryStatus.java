package io.mbp.statement;

/**
 * Whether a statement entry moved the booked balance (ISO 20022 {@code Sts} BOOK) or is only
 * announced (PDNG); a pending entry is reported but neither matched nor counted in the balance
 * (ADR 0509).
 */
public enum EntryStatus {
    BOOKED("BOOK"),
    PENDING("PDNG");

    private final String code;

    EntryStatus(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    /** The status for an ISO 20022 code, or null for one we do not read (INFO, FUTR). */
    public static EntryStatus ofCode(String code) {
        for (EntryStatus s : values()) {
            if (s.code.equals(code)) {
                return s;
            }
        }
        return null;
    }
}

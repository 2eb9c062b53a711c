package io.mbp.kyc;

import io.mbp.error.BadInputException;

/**
 * A customer record refused by validation: the message names the source, line and field; the
 * parts are kept apart so the daemon can answer with the field and a catalogued code. Neither
 * carries the refused value (personal data).
 */
public final class CustomerRefusedException extends BadInputException {
    private static final long serialVersionUID = 1L;

    /** Why a field was refused, as the API's codes distinguish it. */
    public enum Kind { MALFORMED, MISSING, NOT_COLLECTED, INVALID }

    private final Kind kind;
    private final String field;
    private final String problem;

    CustomerRefusedException(String name, int line, Kind kind, String field, String problem) {
        super(name + ": line " + line + (field == null ? "" : ": field " + field) + ": " + problem + "; nothing was stored");
        this.kind = kind;
        this.field = field;
        this.problem = problem;
    }

    public Kind kind() {
        return kind;
    }

    /** The field at fault, or null when the record as a whole is (not JSON, not an object). */
    public String field() {
        return field;
    }

    /** What is wrong, without source or line. */
    public String problem() {
        return problem;
    }
}

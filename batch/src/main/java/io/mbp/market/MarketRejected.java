package io.mbp.market;

import io.mbp.error.BadInputException;

/** A command the market engine refuses: a stable {@link Reject} code and a message for a person. */
public final class MarketRejected extends BadInputException {
    private final Reject code;
    private final String field;

    public MarketRejected(Reject code, String message) {
        this(code, null, message);
    }

    public MarketRejected(Reject code, String field, String message) {
        super(message);
        this.code = code;
        this.field = field;
    }

    public Reject code() {
        return code;
    }

    /** The request field at fault, or null. */
    public String field() {
        return field;
    }
}

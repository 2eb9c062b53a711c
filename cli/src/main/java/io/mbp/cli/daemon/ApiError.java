package io.mbp.cli.daemon;

import io.mbp.market.Reject;

/** A request the API refuses before it reaches the engine. */
class ApiError extends RuntimeException {
    final Reject code;
    final String field;

    ApiError(Reject code, String field, String message) {
        super(message);
        this.code = code;
        this.field = field;
    }
}

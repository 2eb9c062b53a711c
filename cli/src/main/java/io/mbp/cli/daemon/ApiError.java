package io.mbp.cli.daemon;

import io.mbp.market.Reject;
import java.util.Map;

/** A request the API refuses before it reaches the engine; {@code headers} go with the answer. */
class ApiError extends RuntimeException {
    final Reject code;
    final String field;
    final Map<String, String> headers;

    ApiError(Reject code, String field, String message) {
        this(code, field, message, Map.of());
    }

    ApiError(Reject code, String field, String message, Map<String, String> headers) {
        super(message);
        this.code = code;
        this.field = field;
        this.headers = headers;
    }

    /** 405 with the Allow header naming what the route does serve. */
    static ApiError methodNotAllowed(String method, String path, java.util.Set<String> allowed) {
        return new ApiError(Reject.METHOD_NOT_ALLOWED, null, method + " is not served on " + path + "; use "
                + String.join(" or ", allowed), Map.of("Allow", String.join(", ", allowed)));
    }
}

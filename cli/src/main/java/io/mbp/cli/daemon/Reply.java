package io.mbp.cli.daemon;

import io.mbp.market.Reject;
import java.util.LinkedHashMap;
import java.util.Map;

/** The API's answer to a request: HTTP status, JSON body and extra headers. */
record Reply(int status, Object body, Map<String, String> headers) {
    /** A body sent byte for byte as it is (a proof file), not serialized again. */
    record Raw(byte[] bytes) {
    }

    Reply(int status, Object body) {
        this(status, body, Map.of());
    }

    /** The catalogued error shape (docs/api-errors.md): {"error": {"code", "message", "field"?}}. */
    static Reply error(Reject code, String field, String message) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("code", code.name());
        e.put("message", message);
        if (field != null) {
            e.put("field", field);
        }
        return new Reply(code.status(), Map.of("error", e), code == Reject.RATE_LIMITED ? Map.of("Retry-After", "1") : Map.of());
    }

    /** A refusal before the engine, with the headers its kind adds (Retry-After, Allow). */
    static Reply error(ApiError e) {
        Reply r = error(e.code, e.field, e.getMessage());
        return e.headers.isEmpty() ? r : new Reply(r.status(), r.body(), e.headers);
    }

    /** 500 with the message only: the stack trace goes to the log. */
    static Reply internal(String message) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("code", "INTERNAL");
        e.put("message", message);
        return new Reply(500, Map.of("error", e));
    }
}

package io.mbp.cli.daemon;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mbp.events.CanonicalJson;
import io.mbp.market.Reject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Iterator;
import java.util.Set;

/**
 * A write's body and Idempotency-Key read as the routes need them: a JSON object of known fields, each
 * bad field refused with the catalogued error naming it (docs/api-errors.md), and the key with the
 * hash of the body's canonical form that idempotency compares.
 */
final class ApiBodies {
    static final int MAX_KEY = 128;

    /** Per HTTP thread (pooled): a JCA lookup per write cost more than hashing its small body. */
    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    });

    private ApiBodies() {
    }

    /** The request's body: a JSON object with no field outside {@code allowed}. */
    static ObjectNode body(ApiRequest ex, Set<String> allowed) {
        JsonNode n;
        try {
            if (ex.bodyTooLarge()) {
                throw new ApiError(Reject.MALFORMED_JSON, null, "request body over 64 KiB");
            }
            n = CanonicalJson.readTree(ex.body());
        } catch (IOException e) {
            throw new ApiError(Reject.MALFORMED_JSON, null, "request body is not valid JSON: " + firstLine(e.getMessage()));
        }
        if (n == null || !n.isObject()) {
            throw new ApiError(Reject.MALFORMED_JSON, null, "request body must be a JSON object");
        }
        return fields((ObjectNode) n, allowed);
    }

    /** {@code o} when none of its fields is outside {@code allowed}; else INVALID_FIELD naming the first. */
    static ObjectNode fields(ObjectNode o, Set<String> allowed) {
        Iterator<String> names = o.fieldNames();
        while (names.hasNext()) {
            String f = names.next();
            if (!allowed.contains(f)) {
                throw new ApiError(Reject.INVALID_FIELD, f, f + ": unknown field (expected: "
                        + String.join(", ", new java.util.TreeSet<>(allowed)) + ")");
            }
        }
        return o;
    }

    /** The Idempotency-Key and the hash of the body's canonical form (whitespace or key order do not make "a different body"). */
    static String[] idempotency(ApiRequest ex, ObjectNode body) {
        return new String[] {key(ex, MAX_KEY), requestHash(body)};
    }

    /** The Idempotency-Key header, at most {@code max} characters. */
    static String key(ApiRequest ex, int max) {
        String key = ex.header("Idempotency-Key");
        if (key == null || key.isBlank()) {
            throw new ApiError(Reject.IDEMPOTENCY_KEY_REQUIRED, null,
                    "writes need an Idempotency-Key header (a unique string per intended operation)");
        }
        if (key.length() > max) {
            throw new ApiError(Reject.INVALID_FIELD, "Idempotency-Key", "Idempotency-Key: at most " + max + " characters");
        }
        return key;
    }

    /** The first 16 bytes of SHA-256 over the body's RFC 8785 form, in hex: what a replay must match. */
    static String requestHash(ObjectNode body) {
        String canonical = CanonicalJson.canonicalize(body);
        byte[] h = SHA256.get().digest(canonical.getBytes(StandardCharsets.UTF_8));
        return java.util.HexFormat.of().formatHex(h, 0, 16);
    }

    static String text(ObjectNode b, String field, boolean required) {
        JsonNode n = b.get(field);
        if (n == null || n.isNull()) {
            if (required) {
                throw new ApiError(Reject.MISSING_FIELD, field, field + ": required");
            }
            return null;
        }
        if (!n.isTextual()) {
            throw new ApiError(Reject.INVALID_FIELD, field, field + ": must be a string, got " + n);
        }
        return n.textValue();
    }

    static long integer(ObjectNode b, String field) {
        JsonNode n = b.get(field);
        if (n == null || n.isNull()) {
            throw new ApiError(Reject.MISSING_FIELD, field, field + ": required");
        }
        if (!n.isIntegralNumber() || !n.canConvertToLong()) {
            throw new ApiError(Reject.INVALID_FIELD, field, field + ": must be an integer (centavos or share units), got " + n);
        }
        return n.longValue();
    }

    static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}

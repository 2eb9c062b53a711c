package io.mbp.market;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import io.mbp.events.CanonicalJson;
import java.io.IOException;

/**
 * Reads a stored {@code OrderFilled} payload (most of a market log) with Jackson's streaming parser
 * straight into the record's constructor: no data binding, no reflective constructor call per event
 * (ADR 0112). Anything it does not expect (an unknown or repeated field, a value of another JSON
 * type, a number that is not a long) makes it answer null, and the caller takes the general path,
 * which names the field at fault. The constructor still validates every field.
 *
 * <p>It reads the stored UTF-8 bytes with Jackson's byte parser, and without Jackson's duplicate
 * detection (a hash set per payload): the field bits below already refuse a repeated field (ADR 0128).
 */
final class StoredFills {
    private static final JsonFactory JSON = CanonicalJson.MAPPER.getFactory().rebuild()
            .disable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

    private StoredFills() {
    }

    /** The fill in {@code payload}, or null if the fast path does not apply. */
    static OrderFilled decode(String payload) {
        try (JsonParser p = JSON.createParser(payload)) {
            return decode(p);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** The fill whose canonical JSON has the UTF-8 bytes {@code payload}, or null if the fast path does not apply. */
    static OrderFilled decode(byte[] payload) {
        try (JsonParser p = JSON.createParser(payload)) {
            return decode(p);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static OrderFilled decode(JsonParser p) {
        String orderId = null, market = null, account = null, outcome = null, side = null, key = null, hash = null;
        long amount = 0, shares = 0, cost = 0, fee = 0;
        int seen = 0;
        try {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            for (JsonToken t = p.nextToken(); t == JsonToken.FIELD_NAME; t = p.nextToken()) {
                String name = p.currentName();
                JsonToken v = p.nextToken();
                int bit;
                switch (name) {
                    case "order_id" -> { bit = 1; orderId = text(p, v); }
                    case "market" -> { bit = 2; market = text(p, v); }
                    case "account" -> { bit = 4; account = text(p, v); }
                    case "outcome" -> { bit = 8; outcome = text(p, v); }
                    case "side" -> { bit = 16; side = text(p, v); }
                    case "amount" -> { bit = 32; amount = number(p, v); }
                    case "shares" -> { bit = 64; shares = number(p, v); }
                    case "cost" -> { bit = 128; cost = number(p, v); }
                    case "fee" -> { bit = 256; fee = number(p, v); }
                    case "idempotency_key" -> { bit = 512; key = text(p, v); }
                    case "request_hash" -> { bit = 1024; hash = text(p, v); }
                    default -> { return null; }
                }
                if ((seen & bit) != 0) {
                    return null;
                }
                seen |= bit;
            }
            if (p.currentToken() != JsonToken.END_OBJECT || p.nextToken() != null || (seen & 511) != 511) {
                return null;
            }
            return new OrderFilled(orderId, market, account, outcome, side, amount, shares, cost, fee, key, hash);
        } catch (IOException | RuntimeException e) {
            return null; // NotFast, or a field the constructor refuses: the general path says which
        }
    }

    private static String text(JsonParser p, JsonToken v) throws IOException {
        if (v != JsonToken.VALUE_STRING) {
            throw NotFast.INSTANCE;
        }
        return p.getText();
    }

    private static long number(JsonParser p, JsonToken v) throws IOException {
        if (v != JsonToken.VALUE_NUMBER_INT || p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
            throw NotFast.INSTANCE;
        }
        return p.getLongValue();
    }

    /** Leaves the fast path; no stack trace, it is not an error. */
    private static final class NotFast extends RuntimeException {
        private static final long serialVersionUID = 1L;
        static final NotFast INSTANCE = new NotFast();

        private NotFast() {
            super(null, null, false, false);
        }
    }
}

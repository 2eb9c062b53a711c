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
 *
 * <p>A replay passes an {@link Ids} table: a fill's market, account, outcome and side are then taken from
 * the parser's character buffer and the String of an equal earlier value is handed out again (ADR 0137),
 * so a replay makes no String per fill for them, and evolve's maps find them by a hash the String
 * already holds and by identity.
 */
final class StoredFills {
    private static final JsonFactory JSON = CanonicalJson.MAPPER.getFactory().rebuild()
            .disable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

    private StoredFills() {
    }

    /**
     * Strings of the ids a replay has met, found again by their characters: a bounded table (a slot per
     * hash, the newest value wins it), so a log of any size and any number of accounts keeps it small.
     * For one thread.
     */
    static final class Ids {
        private final String[] slots;

        /** A table of {@code 2^bits} slots. */
        Ids(int bits) {
            this.slots = new String[1 << bits];
        }

        String of(char[] chars, int offset, int length) {
            int h = 0;
            for (int i = offset; i < offset + length; i++) {
                h = 31 * h + chars[i];
            }
            int slot = (h ^ (h >>> 16)) & (slots.length - 1);
            String s = slots[slot];
            if (s == null || !same(s, chars, offset, length)) {
                s = new String(chars, offset, length);
                slots[slot] = s;
            }
            return s;
        }

        private static boolean same(String s, char[] chars, int offset, int length) {
            if (s.length() != length) {
                return false;
            }
            for (int i = 0; i < length; i++) {
                if (s.charAt(i) != chars[offset + i]) {
                    return false;
                }
            }
            return true;
        }
    }

    /** The fill in {@code payload}, or null if the fast path does not apply. */
    static OrderFilled decode(String payload) {
        try (JsonParser p = JSON.createParser(payload)) {
            return decode(p, null);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** The fill whose canonical JSON has the UTF-8 bytes {@code payload}, or null if the fast path does not apply. */
    static OrderFilled decode(byte[] payload) {
        return decode(payload, null);
    }

    /** As {@link #decode(byte[])}, reusing the Strings of ids in {@code ids} (null: none). */
    static OrderFilled decode(byte[] payload, Ids ids) {
        try (JsonParser p = JSON.createParser(payload)) {
            return decode(p, ids);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static OrderFilled decode(JsonParser p, Ids ids) {
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
                    case "market" -> { bit = 2; market = id(p, v, ids); }
                    case "account" -> { bit = 4; account = id(p, v, ids); }
                    case "outcome" -> { bit = 8; outcome = id(p, v, ids); }
                    case "side" -> { bit = 16; side = id(p, v, ids); }
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

    private static String id(JsonParser p, JsonToken v, Ids ids) throws IOException {
        if (ids == null || v != JsonToken.VALUE_STRING) {
            return text(p, v);
        }
        return ids.of(p.getTextCharacters(), p.getTextOffset(), p.getTextLength());
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

package io.mbp.market;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.io.SerializedString;
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
 * <p>A replay passes an {@link Ids} table: a fill's market, outcome and side (few distinct values) are
 * then taken from the parser's character buffer and the String of an equal earlier value is handed out
 * again (ADR 0137), so a replay makes no String per fill for them, and evolve's maps find them by a hash
 * the String already holds and by identity. Accounts are many: there the table's lookups (a miss in the
 * cache per fill) cost more than a new String, measured.
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

    /**
     * A stored fill's members in the order canonical JSON writes them (sorted); a member's bit in
     * {@code seen} is 1 shifted by its index. Each name is first matched against the one expected next,
     * byte for byte ({@link JsonParser#nextFieldName(com.fasterxml.jackson.core.SerializableString)}),
     * and looked up only when that fails (an optional member absent, or a payload out of order).
     */
    private static final SerializedString[] MEMBERS = java.util.stream.Stream.of("account", "amount", "cost", "fee",
            "idempotency_key", "market", "order_id", "outcome", "request_hash", "shares", "side")
            .map(SerializedString::new).toArray(SerializedString[]::new);
    /** Every member but idempotency_key (4) and request_hash (8). */
    private static final int REQUIRED = (1 << 11) - 1 - (1 << 4) - (1 << 8);

    private static int member(String name) {
        return switch (name) {
            case "account" -> 0;
            case "amount" -> 1;
            case "cost" -> 2;
            case "fee" -> 3;
            case "idempotency_key" -> 4;
            case "market" -> 5;
            case "order_id" -> 6;
            case "outcome" -> 7;
            case "request_hash" -> 8;
            case "shares" -> 9;
            case "side" -> 10;
            default -> -1;
        };
    }

    private static OrderFilled decode(JsonParser p, Ids ids) {
        String orderId = null, market = null, account = null, outcome = null, side = null, key = null, hash = null;
        long amount = 0, shares = 0, cost = 0, fee = 0;
        int seen = 0;
        try {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            for (int next = 0; ; ) {
                int m;
                boolean expected = next < MEMBERS.length && p.nextFieldName(MEMBERS[next]);
                if (next >= MEMBERS.length) {
                    p.nextToken(); // the last member was read: only the object's end may follow
                }
                if (expected) {
                    m = next;
                } else if (p.currentToken() == JsonToken.FIELD_NAME) {
                    m = member(p.currentName());
                    if (m < 0) {
                        return null;
                    }
                } else {
                    break;
                }
                if ((seen & (1 << m)) != 0) {
                    return null;
                }
                seen |= 1 << m;
                next = m + 1;
                JsonToken v = p.nextToken();
                switch (m) {
                    case 0 -> account = text(p, v); // one of many: a table lookup cost more than the String (ADR 0137)
                    case 1 -> amount = number(p, v);
                    case 2 -> cost = number(p, v);
                    case 3 -> fee = number(p, v);
                    case 4 -> key = text(p, v);
                    case 5 -> market = id(p, v, ids);
                    case 6 -> orderId = text(p, v);
                    case 7 -> outcome = id(p, v, ids);
                    case 8 -> hash = text(p, v);
                    case 9 -> shares = number(p, v);
                    default -> side = id(p, v, ids);
                }
            }
            if (p.currentToken() != JsonToken.END_OBJECT || p.nextToken() != null || (seen & REQUIRED) != REQUIRED) {
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

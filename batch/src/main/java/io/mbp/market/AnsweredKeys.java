package io.mbp.market;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.function.Consumer;

/**
 * The idempotency keys and the events that answered them, in the order they were answered, with an
 * index by key (ADR 0159). A fill, nearly every answer the daemon keeps, is held as numbers in a few
 * large arrays: its key's bytes, its request hash, its order number, side and amounts, and references
 * to the state's own market, account and outcome strings. So an answered order adds no object to the
 * heap, where an {@link MarketState.Idem} with its event, strings and map node added seven, which each
 * young collection copied (ADR 0158). Any other answer, or a fill whose key, hash or order id does not
 * fit that form, is held as its Idem. Reading back rebuilds an equal Idem.
 *
 * <p>Only the owner adds. A {@link Prefix} taken on the owner's thread may be read on one other thread
 * once handed over (ADR 0127, as {@link Appended}): no slot below its size, nor a key byte of those
 * answers, is written again, and growing replaces only the outer arrays.
 */
final class AnsweredKeys {
    private static final int SHIFT = 12;
    private static final int CHUNK = 1 << SHIFT;
    /** Longs per answer: the key's place (-1: the Idem is held whole), the hash's 4 longs, meta, amount, shares, cost, fee. */
    private static final int LONGS = 10;
    /** References per answer: market, account, outcome; or the Idem alone. */
    private static final int REFS = 3;
    private static final int KEY_CHUNK = 1 << 16;
    private static final int MAX_COMPACT_KEY = 1024;
    private static final HexFormat HEX = HexFormat.of();

    private long[][] numbers = new long[8][];
    private Object[][] refs = new Object[8][];
    private byte[][] keyBytes = new byte[8][];
    private int keyChunk = -1;
    private int keyEnd = KEY_CHUNK;
    /** Open addressing by key: (hash << 32) | (answer + 1), 0 free; the latest answer of a key. */
    private long[] index = new long[1 << 10];
    private int keys;
    private int size;

    /** How many answers were added (a key answered twice, never in a valid log, counts twice). */
    int size() {
        return size;
    }

    /** How many distinct keys. */
    int keys() {
        return keys;
    }

    boolean contains(String key) {
        return find(key, spread(key.hashCode())) >= 0;
    }

    /** The key's latest answer, or null. */
    MarketState.Idem get(String key) {
        int at = find(key, spread(key.hashCode()));
        return at < 0 ? null : idem(numbers, refs, keyBytes, (int) index[at] - 1);
    }

    /**
     * Adds an answer; a fill's market, account and outcome are kept as the strings given here (the
     * state's own), which must equal the fill's.
     */
    void add(MarketState.Idem a, String market, String account, String outcome) {
        int e = size;
        int c = e >>> SHIFT;
        if (c == numbers.length) {
            numbers = Arrays.copyOf(numbers, c * 2);
            refs = Arrays.copyOf(refs, c * 2);
        }
        if (numbers[c] == null) {
            numbers[c] = new long[CHUNK * LONGS];
            refs[c] = new Object[CHUNK * REFS];
        }
        long[] n = numbers[c];
        Object[] r = refs[c];
        int nb = (e & (CHUNK - 1)) * LONGS;
        int rb = (e & (CHUNK - 1)) * REFS;
        if (a.answer() instanceof OrderFilled f && compact(a, f)) {
            n[nb] = place(a.key());
            int words = a.requestHash().length() / 16;
            for (int w = 0; w < words; w++) {
                n[nb + 1 + w] = HexFormat.fromHexDigitsToLong(a.requestHash(), w * 16, w * 16 + 16);
            }
            n[nb + 5] = Long.parseLong(f.orderId(), 4, f.orderId().length(), 10) << 3 | (long) (words - 1) << 1
                    | ("buy".equals(f.side()) ? 1 : 0);
            n[nb + 6] = f.amount();
            n[nb + 7] = f.shares();
            n[nb + 8] = f.cost();
            n[nb + 9] = f.fee();
            r[rb] = market;
            r[rb + 1] = account;
            r[rb + 2] = outcome;
        } else {
            n[nb] = -1;
            r[rb] = a;
        }
        size++;
        index(a.key(), e);
    }

    /** The answers added so far, readable on one other thread once handed over. */
    Prefix prefix() {
        return new Prefix(numbers, refs, keyBytes, size);
    }

    /** The first {@code size} answers as of {@link #prefix()}, in the order they were added. */
    record Prefix(long[][] numbers, Object[][] refs, byte[][] keyBytes, int size) {
        void forEach(Consumer<? super MarketState.Idem> f) {
            for (int i = 0; i < size; i++) {
                f.accept(idem(numbers, refs, keyBytes, i));
            }
        }
    }

    /** A fill fits when its key is short non-empty ASCII, its hash 16 to 64 lowercase hex digits, its id ord-N. */
    private static boolean compact(MarketState.Idem a, OrderFilled f) {
        String key = a.key();
        String hash = a.requestHash();
        if (!key.equals(f.idempotencyKey()) || hash == null || !hash.equals(f.requestHash())
                || key.isEmpty() || key.length() > MAX_COMPACT_KEY || hash.isEmpty() || hash.length() > 64 || hash.length() % 16 != 0) {
            return false;
        }
        for (int i = 0; i < key.length(); i++) {
            if (key.charAt(i) >= 0x80) {
                return false;
            }
        }
        for (int i = 0; i < hash.length(); i++) {
            char ch = hash.charAt(i);
            if (!(ch >= '0' && ch <= '9' || ch >= 'a' && ch <= 'f')) {
                return false;
            }
        }
        String id = f.orderId();
        // ord-N with N as Long.toString writes it, so rebuilding the id gives the same string
        if (!id.startsWith("ord-") || id.length() < 5 || id.length() > 4 + 17 || id.charAt(4) == '0') {
            return false;
        }
        for (int i = 4; i < id.length(); i++) {
            if (id.charAt(i) < '0' || id.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    /** Copies the key's bytes into the key chunks: (chunk << 32) | (offset << 16) | length. */
    private long place(String key) {
        int len = key.length();
        if (keyEnd + len > KEY_CHUNK) {
            keyChunk++;
            if (keyChunk == keyBytes.length) {
                keyBytes = Arrays.copyOf(keyBytes, keyChunk * 2);
            }
            keyBytes[keyChunk] = new byte[KEY_CHUNK];
            keyEnd = 0;
        }
        byte[] b = keyBytes[keyChunk];
        for (int i = 0; i < len; i++) {
            b[keyEnd + i] = (byte) key.charAt(i); // ASCII, checked by compact
        }
        long p = (long) keyChunk << 32 | (long) keyEnd << 16 | len;
        keyEnd += len;
        return p;
    }

    private static MarketState.Idem idem(long[][] numbers, Object[][] refs, byte[][] keyBytes, int e) {
        long[] n = numbers[e >>> SHIFT];
        Object[] r = refs[e >>> SHIFT];
        int nb = (e & (CHUNK - 1)) * LONGS;
        int rb = (e & (CHUNK - 1)) * REFS;
        if (n[nb] == -1) {
            return (MarketState.Idem) r[rb];
        }
        String key = key(keyBytes, n[nb]);
        long meta = n[nb + 5];
        int words = (int) (meta >>> 1 & 3) + 1;
        StringBuilder hash = new StringBuilder(words * 16);
        for (int w = 0; w < words; w++) {
            hash.append(HEX.toHexDigits(n[nb + 1 + w]));
        }
        String h = hash.toString();
        OrderFilled f = new OrderFilled("ord-" + (meta >>> 3), (String) r[rb], (String) r[rb + 1], (String) r[rb + 2],
                (meta & 1) == 1 ? "buy" : "sell", n[nb + 6], n[nb + 7], n[nb + 8], n[nb + 9], key, h);
        return new MarketState.Idem(key, h, f);
    }

    private static String key(byte[][] keyBytes, long place) {
        return new String(keyBytes[(int) (place >>> 32)], (int) (place >>> 16) & 0xFFFF, (int) place & 0xFFFF,
                StandardCharsets.ISO_8859_1);
    }

    private boolean keyIs(int e, String key) {
        long[] n = numbers[e >>> SHIFT];
        int nb = (e & (CHUNK - 1)) * LONGS;
        long place = n[nb];
        if (place == -1) {
            return ((MarketState.Idem) refs[e >>> SHIFT][(e & (CHUNK - 1)) * REFS]).key().equals(key);
        }
        int len = (int) place & 0xFFFF;
        if (len != key.length()) {
            return false;
        }
        byte[] b = keyBytes[(int) (place >>> 32)];
        int off = (int) (place >>> 16) & 0xFFFF;
        for (int i = 0; i < len; i++) {
            if (b[off + i] != key.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static int spread(int h) {
        h *= 0x9E3779B9;
        return h ^ h >>> 16;
    }

    /** The index slot holding the key, or -1. */
    private int find(String key, int h) {
        int mask = index.length - 1;
        for (int i = h & mask;; i = i + 1 & mask) {
            long slot = index[i];
            if (slot == 0) {
                return -1;
            }
            if ((int) (slot >>> 32) == h && keyIs((int) slot - 1, key)) {
                return i;
            }
        }
    }

    private void index(String key, int e) {
        int h = spread(key.hashCode());
        int at = find(key, h);
        long slot = (long) h << 32 | (e + 1L);
        if (at >= 0) {
            index[at] = slot; // the later answer wins, as a map's put did
            return;
        }
        if ((keys + 1) * 2 > index.length) {
            grow();
        }
        insert(index, slot);
        keys++;
    }

    private void grow() {
        long[] bigger = new long[index.length * 2];
        for (long slot : index) {
            if (slot != 0) {
                insert(bigger, slot);
            }
        }
        index = bigger;
    }

    private static void insert(long[] table, long slot) {
        int mask = table.length - 1;
        int i = (int) (slot >>> 32) & mask;
        while (table[i] != 0) {
            i = i + 1 & mask;
        }
        table[i] = slot;
    }
}

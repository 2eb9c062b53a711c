package io.mbp.market;

import io.mbp.sql.NameKey;

/**
 * Which markets one daemon decides (docs/adr/0309): shard {@code index} of {@code count}, 1-based
 * ("2/4"). A market belongs to the shard its id hashes to: the first 8 bytes of SHA-256 over the id's
 * UTF-8, unsigned, modulo {@code count}, plus one. SHA-256 rather than {@code String.hashCode} so any
 * client, in any language, computes the same owner from the id alone.
 */
public record Shard(int index, int count) {
    /** The whole market space: one daemon decides everything (the default). */
    public static final Shard ALL = new Shard(1, 1);

    /** Above this a shard owns too few markets for the split to pay; it also bounds typos such as 1/1000000. */
    public static final int MAX_COUNT = 1024;

    public Shard {
        if (count < 1 || count > MAX_COUNT || index < 1 || index > count) {
            throw new IllegalArgumentException("shard must be i/n with 1 <= i <= n <= " + MAX_COUNT + ", got " + index + "/" + count);
        }
    }

    /** Parses "i/n"; the exception's message names what is wrong. */
    public static Shard parse(String text) {
        String t = text == null ? "" : text.strip();
        int slash = t.indexOf('/');
        if (slash <= 0 || slash == t.length() - 1) {
            throw new IllegalArgumentException("shard must be i/n (for example 1/2), got \"" + t + "\"");
        }
        try {
            return new Shard(Integer.parseInt(t.substring(0, slash)), Integer.parseInt(t.substring(slash + 1)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("shard must be i/n with whole numbers (for example 1/2), got \"" + t + "\"");
        }
    }

    /** The shard (1-based) of {@code count} that owns {@code market}. */
    public static int indexOf(String market, int count) {
        return (int) Long.remainderUnsigned(NameKey.of(market), count) + 1;
    }

    /** The shard of the same split that owns {@code market}. */
    public Shard ownerOf(String market) {
        return count == 1 ? this : new Shard(indexOf(market, count), count);
    }

    public boolean owns(String market) {
        return count == 1 || indexOf(market, count) == index;
    }

    @Override
    public String toString() {
        return index + "/" + count;
    }
}

package io.mbp.market;

import java.util.Arrays;
import java.util.function.Consumer;

/**
 * An append-only sequence whose first items can be read on another thread while the owner goes on
 * appending (ADR 0127): a slot below a {@link Prefix}'s size is never written again, and growing
 * replaces only the outer array, so a prefix taken on the owner's thread and handed over (through an
 * executor, which orders the writes before it) stays whole without a copy. Only the owner appends.
 */
final class Appended<T> {
    private static final int SHIFT = 12;
    private static final int CHUNK = 1 << SHIFT;
    private Object[][] chunks = new Object[8][];
    private int size;

    void add(T item) {
        int c = size >>> SHIFT;
        if (c == chunks.length) {
            chunks = Arrays.copyOf(chunks, c * 2);
        }
        if (chunks[c] == null) {
            chunks[c] = new Object[CHUNK];
        }
        chunks[c][size & (CHUNK - 1)] = item;
        size++;
    }

    int size() {
        return size;
    }

    /** The items appended so far, readable on one other thread once handed over. */
    Prefix<T> prefix() {
        return new Prefix<>(chunks, size);
    }

    /** The first {@code size} items of an {@link Appended} as of {@link Appended#prefix()}. */
    record Prefix<T>(Object[][] chunks, int size) {
        @SuppressWarnings("unchecked")
        void forEach(Consumer<? super T> f) {
            for (int i = 0; i < size; i++) {
                f.accept((T) chunks[i >>> SHIFT][i & (CHUNK - 1)]);
            }
        }
    }
}

package io.mbp.merkle;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jooq.Configuration;
import org.jooq.DSLContext;

/**
 * Hashes of sealed subtrees of {@value #MIN_LEVEL} or more levels (each covering at least 2^{@value #MIN_LEVEL}
 * events), kept in memory for the proofs served from one {@code Database} (ADR 0117). A complete subtree's
 * hash never changes once seal stored it (the log is append-only and seal verifies the stored nodes against
 * the signed root), so an entry is never stale; the cache only spares the database those seeks. Entries
 * are loaded lazily, from the rows a proof read anyway.
 *
 * <p>Bounded: at most {@value #MAX_ENTRIES} entries (about 110 bytes each, so about 7 MiB), which holds
 * every such subtree of a log of up to 2^({@value #MIN_LEVEL} − 1) × {@value #MAX_ENTRIES} events (about
 * 2.1 M; a log of n events has about 2n / 2^{@value #MIN_LEVEL} of them). Once full it admits nothing more: the subtrees it holds (the upper levels first, as every
 * proof asks for them) keep serving, the rest come from the database as before.
 *
 * <p>It lives in the jOOQ configuration's data map, like the statement cache (ADR 0111), so it dies with
 * its {@code Database}. Seal and audits do not use it: they check the stored rows themselves.
 */
final class SubtreeCache {
    static final int MIN_LEVEL = 6;
    static final int MAX_ENTRIES = 1 << 16;
    private static final String KEY = "mbp.subtree-cache";

    private final ConcurrentHashMap<NodeId, byte[]> hashes = new ConcurrentHashMap<>();

    static SubtreeCache of(DSLContext dsl) {
        Configuration cfg = dsl.configuration();
        synchronized (cfg) {
            if (cfg.data(KEY) instanceof SubtreeCache c) {
                return c;
            }
            SubtreeCache c = new SubtreeCache();
            cfg.data(KEY, c);
            return c;
        }
    }

    static boolean admits(NodeId id) {
        return id.level() >= MIN_LEVEL;
    }

    /** The cached hash of {@code id}, or null. */
    byte[] get(NodeId id) {
        return admits(id) ? hashes.get(id) : null;
    }

    /** Keeps the nodes of {@code read} this cache admits, while there is room. */
    void keep(Map<NodeId, byte[]> read) {
        for (Map.Entry<NodeId, byte[]> e : read.entrySet()) {
            if (admits(e.getKey()) && hashes.size() < MAX_ENTRIES) {
                hashes.putIfAbsent(e.getKey(), e.getValue());
            }
        }
    }

    int size() {
        return hashes.size();
    }
}

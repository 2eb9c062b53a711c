package io.mbp.merkle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mbp.events.Event;
import io.mbp.events.EventLog;
import io.mbp.sql.Database;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Proofs from the database (stored subtrees, with and without the in-memory cache of upper subtrees,
 * ADR 0117) are byte-identical to proofs from an in-memory tree of the same leaves, for random sizes and
 * indices, on H2 and SQLite files. The tries share each database, so later tries are served from a
 * cache that earlier ones filled.
 */
class DbProofPropertiesTest {
    static final int EVENTS = 1300;
    static Database h2;
    static Database sqlite;
    static MemoryTree memory;

    @BeforeContainer
    static void appendAndSeal() throws Exception {
        Path dir = Files.createTempDirectory("mbp-dbproofs");
        h2 = Database.openMigrated("jdbc:h2:file:" + dir.resolve("db").toAbsolutePath());
        sqlite = Database.openMigrated("jdbc:sqlite:" + dir.resolve("db.sqlite").toAbsolutePath());
        long a = DbNodeSourceTest.appendAndSeal(h2, EVENTS);
        long b = DbNodeSourceTest.appendAndSeal(sqlite, EVENTS);
        assertEquals(a, b);
        // The rival: an in-memory tree of leaf hashes recomputed from the stored events' canonical bytes.
        byte[] leaves = new byte[Math.toIntExact(a * 32)];
        for (long from = 0; from < a; from += EventLog.PAGE) {
            long f = from;
            for (Event e : h2.read(dsl -> EventLog.page(dsl, f, Math.min(a, f + EventLog.PAGE)))) {
                System.arraycopy(e.computeLeafHash(), 0, leaves, Math.toIntExact(e.seq() * 32), 32);
            }
        }
        memory = MemoryTree.build(leaves);
    }

    @AfterContainer
    static void close() {
        h2.close();
        sqlite.close();
    }

    static long sealed() {
        return memory.size();
    }

    @Property(tries = 150)
    void inclusionProofsFromTheDatabaseAreTheInMemoryOnes(@ForAll @IntRange(min = 1, max = EVENTS + 1) int rawSize,
                                                          @ForAll @IntRange(min = 0, max = EVENTS) int rawIndex) {
        long size = Math.min(rawSize, sealed());
        long index = rawIndex % size;
        String expected = hex(new MerkleTree(memory).inclusionProof(index, size));
        for (Database db : List.of(h2, sqlite)) {
            assertEquals(expected, hex(db.read(dsl -> new MerkleTree(new DbNodeSource(dsl)).inclusionProof(index, size))),
                    "stored subtrees, seq " + index + " of " + size);
            assertEquals(expected, hex(db.read(dsl -> new MerkleTree(DbNodeSource.forProofs(dsl)).inclusionProof(index, size))),
                    "cached upper subtrees, seq " + index + " of " + size);
        }
    }

    @Property(tries = 60)
    void consistencyProofsAndRootsFromTheCacheAreTheInMemoryOnes(@ForAll @IntRange(min = 0, max = EVENTS + 1) int rawFirst,
                                                                 @ForAll @IntRange(min = 1, max = EVENTS + 1) int rawSize) {
        long size = Math.min(rawSize, sealed());
        long first = Math.min(rawFirst, size);
        MerkleTree mem = new MerkleTree(memory);
        for (Database db : List.of(h2, sqlite)) {
            assertEquals(hex(mem.consistencyProof(first, size)),
                    hex(db.read(dsl -> new MerkleTree(DbNodeSource.forProofs(dsl)).consistencyProof(first, size))));
            assertEquals(HexFormat.of().formatHex(mem.root(size)),
                    HexFormat.of().formatHex(db.read(dsl -> new MerkleTree(DbNodeSource.forProofs(dsl)).root(size))));
        }
    }

    @Property(tries = 20)
    void theCacheHoldsOnlyUpperSubtreesAndEachIsTheStoredHash(@ForAll @IntRange(min = 0, max = EVENTS) int rawIndex) {
        long size = sealed();
        long index = rawIndex % size;
        h2.read(dsl -> new MerkleTree(DbNodeSource.forProofs(dsl)).inclusionProof(index, size));
        SubtreeCache cache = h2.read(SubtreeCache::of);
        assertTrue(cache.size() > 0, "a proof of a " + size + "-event log leaves its upper subtrees in the cache");
        for (int level = 0; level < SubtreeCache.MIN_LEVEL; level++) {
            assertEquals(null, cache.get(new NodeId(level, index >> level)), "level " + level + " is read from the database");
        }
        for (int level = SubtreeCache.MIN_LEVEL; (1L << level) <= size; level++) {
            NodeId id = new NodeId(level, index >> level);
            byte[] cached = cache.get(id);
            if (cached != null && id.endLeaf() <= size) {
                assertEquals(HexFormat.of().formatHex(memory.node(id)), HexFormat.of().formatHex(cached), id.toString());
            }
        }
    }

    @Property(tries = 1)
    void theCacheStopsAdmittingAtItsBound() {
        SubtreeCache cache = new SubtreeCache();
        Map<NodeId, byte[]> read = new HashMap<>();
        for (long i = 0; i < SubtreeCache.MAX_ENTRIES + 100; i++) {
            read.put(new NodeId(SubtreeCache.MIN_LEVEL, i), new byte[32]);
            read.put(new NodeId(SubtreeCache.MIN_LEVEL - 1, i), new byte[32]);
        }
        cache.keep(read);
        assertEquals(SubtreeCache.MAX_ENTRIES, cache.size());
        assertEquals(null, cache.get(new NodeId(SubtreeCache.MIN_LEVEL - 1, 0)));
    }

    static String hex(List<byte[]> hashes) {
        StringBuilder b = new StringBuilder();
        for (byte[] h : hashes) {
            b.append(HexFormat.of().formatHex(h)).append(',');
        }
        return b.toString();
    }
}

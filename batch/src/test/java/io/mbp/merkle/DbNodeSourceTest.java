package io.mbp.merkle;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mbp.catalog.EventCatalog;
import io.mbp.custody.NoteSigner;
import io.mbp.custody.SealService;
import io.mbp.events.EventLog;
import io.mbp.events.NewEvent;
import io.mbp.market.DepositReceived;
import io.mbp.sql.Database;
import io.mbp.sql.StatementCache;
import io.mbp.sql.testing.EveryEngine;
import io.mbp.sql.testing.TestDatabase;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/** Proofs from the database through the per-connection statement cache (ADR 0111). */
class DbNodeSourceTest {
    static final NoteSigner SIGNER = new NoteSigner("mbp.example/log", new byte[32]);

    static long appendAndSeal(Database db, int count) {
        List<NewEvent> events = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            events.add(NewEvent.of(EventCatalog.standard(), "acct-" + i, Instant.parse("2026-11-27T10:00:00Z").plusSeconds(i),
                    new DepositReceived("acct-" + i, 1000L + i, "E" + i)));
        }
        new EventLog(db).append(events);
        return new SealService(db, Clock.systemUTC()).seal(SIGNER).checkpoint().treeSize();
    }

    @EveryEngine
    void everyProofFromCachedStatementsVerifiesAndTheStatementsAreReused(TestDatabase engine) {
        try (Database db = Database.openMigrated(engine.url())) {
            long size = appendAndSeal(db, 300);
            EventLog log = new EventLog(db);
            byte[] root = db.read(dsl -> new MerkleTree(new DbNodeSource(dsl)).root(size));
            for (long n : new long[] {1, 2, 3, 7, 100, 255, 256, size}) {
                for (long seq = 0; seq < n; seq += Math.max(1, n / 37)) {
                    long s = seq;
                    List<byte[]> path = db.read(dsl -> new MerkleTree(new DbNodeSource(dsl)).inclusionProof(s, n));
                    byte[] subRoot = db.read(dsl -> new MerkleTree(new DbNodeSource(dsl)).root(n));
                    assertTrue(ProofVerifier.verifyInclusion(log.get(seq).computeLeafHash(), seq, n, path, subRoot),
                            "seq " + seq + " of " + n);
                }
            }
            assertEquals(HexFormat.of().formatHex(root), HexFormat.of().formatHex(
                    db.read(dsl -> new MerkleTree(new DbNodeSource(dsl)).root(size))));
            int open = StatementCache.of(db.dsl(), db.connection()).idle();
            assertTrue(open >= 1 && open <= 4, "one open statement per IN-list width, not one per proof: " + open);
        }
    }

    @EveryEngine
    void aCachedStatementClosedUnderneathIsPreparedAgain(TestDatabase engine) throws Exception {
        try (Database db = Database.openMigrated(engine.url())) {
            long size = appendAndSeal(db, 40);
            List<byte[]> first = db.read(dsl -> new MerkleTree(new DbNodeSource(dsl)).inclusionProof(5, size));
            StatementCache cache = StatementCache.of(db.dsl(), db.connection());
            assertEquals(1, cache.idle());
            // Whatever statement is cached for this width: close it behind the cache's back.
            for (String sql : cacheKeys(cache)) {
                PreparedStatement ps = cache.take(sql);
                ps.close();
                cache.giveBack(sql, ps, true);
            }
            List<byte[]> again = db.read(dsl -> new MerkleTree(new DbNodeSource(dsl)).inclusionProof(5, size));
            assertEquals(first.size(), again.size());
            for (int i = 0; i < first.size(); i++) {
                assertArrayEquals(first.get(i), again.get(i));
            }
        }
    }

    @EveryEngine
    void aNewConnectionGetsItsOwnStatements(TestDatabase engine) {
        String url = engine.url();
        long size;
        try (Database db = Database.openMigrated(url)) {
            size = appendAndSeal(db, 20);
            db.read(dsl -> new MerkleTree(new DbNodeSource(dsl)).inclusionProof(3, size));
        }
        try (Database db = Database.openMigrated(url)) {
            List<byte[]> path = db.read(dsl -> new MerkleTree(new DbNodeSource(dsl)).inclusionProof(3, size));
            byte[] root = db.read(dsl -> new MerkleTree(new DbNodeSource(dsl)).root(size));
            assertTrue(ProofVerifier.verifyInclusion(new EventLog(db).get(3).computeLeafHash(), 3, size, path, root));
        }
    }

    private static List<String> cacheKeys(StatementCache cache) {
        return cache.sqlTexts();
    }
}

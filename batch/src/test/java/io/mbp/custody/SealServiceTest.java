package io.mbp.custody;

import io.mbp.sql.testing.EveryEngine;
import io.mbp.sql.testing.TestDatabase;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mbp.catalog.EventCatalog;
import io.mbp.error.VerificationFailedException;
import io.mbp.events.EventLog;
import io.mbp.events.NewEvent;
import io.mbp.market.DepositReceived;
import io.mbp.merkle.Checkpoint;
import io.mbp.merkle.DbNodeSource;
import io.mbp.merkle.MerkleTree;
import io.mbp.merkle.ProofVerifier;
import io.mbp.merkle.TreeHash;
import io.mbp.sql.Database;
import java.nio.file.Path;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;

class SealServiceTest {
    static final NoteSigner SIGNER = new NoteSigner("mbp.example/log", new byte[] {
        1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32});
    static final HexFormat HEX = HexFormat.of();

    @TempDir
    Path tmp;


    static String url(TestDatabase engine) {
        return engine.url();
    }

    static void append(Database db, int from, int count) {
        List<NewEvent> events = new ArrayList<>();
        for (int i = from; i < from + count; i++) {
            events.add(NewEvent.of(EventCatalog.standard(), "acct-" + i, Instant.parse("2026-11-27T10:00:00Z").plusSeconds(i),
                    new DepositReceived("acct-" + i, 1000L + i, "E" + i)));
        }
        new EventLog(db).append(events);
    }

    @EveryEngine
    void successiveSealsAreSignedConsistentAndProofsVerify(TestDatabase engine) {
        try (Database db = Database.openMigrated(url(engine))) {
            SealService seal = new SealService(db, Clock.systemUTC());
            append(db, 0, 37);
            SealService.Result first = seal.seal(SIGNER);
            assertEquals(37, first.checkpoint().treeSize());
            append(db, 100, 3000);
            SealService.Result second = seal.seal(SIGNER);
            StoredCheckpoint c2 = second.checkpoint();
            assertEquals(37 + 1 + 3000, c2.treeSize(), "the first seal's own CheckpointSealed event is covered");
            assertEquals(37, c2.previousSize());

            SignedNote note = SignedNote.parse(c2.note());
            assertTrue(note.verify(SIGNER.verifier()).ok());
            Checkpoint body = Checkpoint.parse(note.text());
            assertEquals(c2.rootHex(), body.rootHex());
            List<byte[]> proof = c2.consistencyProof().stream().map(HEX::parseHex).toList();
            assertTrue(ProofVerifier.verifyConsistency(37, c2.treeSize(), HEX.parseHex(first.checkpoint().rootHex()),
                    body.root(), proof));

            byte[] storedRoot = db.read(dsl -> new MerkleTree(new DbNodeSource(dsl)).root(c2.treeSize()));
            assertEquals(c2.rootHex(), HEX.formatHex(storedRoot));
            for (long seq : new long[] {0, 36, 37, 1500, c2.treeSize() - 1}) {
                List<byte[]> path = db.read(dsl -> new MerkleTree(new DbNodeSource(dsl)).inclusionProof(seq, c2.treeSize()));
                byte[] leaf = new EventLog(db).get(seq).computeLeafHash();
                assertTrue(ProofVerifier.verifyInclusion(leaf, seq, c2.treeSize(), path, body.root()), "seq " + seq);
            }
        }
    }

    @EveryEngine
    void theDatabaseRefusesToRewriteCheckpointsAndSubtrees(TestDatabase engine) throws Exception {
        try (Database db = Database.openMigrated(url(engine))) {
            append(db, 0, 8);
            new SealService(db, Clock.systemUTC()).seal(SIGNER);
            for (String sql : List.of("UPDATE checkpoints SET tree_size = 1", "DELETE FROM merkle_nodes",
                    "UPDATE merkle_nodes SET hash = '00'")) {
                try (Statement st = db.connection().createStatement()) {
                    java.sql.SQLException e = org.junit.jupiter.api.Assertions.assertThrows(java.sql.SQLException.class,
                            () -> st.execute(sql), sql);
                    assertTrue(e.getMessage().contains("append-only"), e.getMessage());
                }
                db.connection().rollback();
            }
        }
    }

    @EveryEngine
    void anEventChangedBySqlBehindTheLogIsCaughtAndNamed(TestDatabase engine) throws Exception {
        try (Database db = Database.openMigrated(url(engine))) {
            SealService seal = new SealService(db, Clock.systemUTC());
            append(db, 0, 50);
            seal.seal(SIGNER);
            append(db, 50, 10);
            try (Statement st = db.connection().createStatement()) {
                st.execute(TestDatabase.dropTrigger(db.engine(), "events_no_update", "events"));
                st.execute("UPDATE events SET payload = REPLACE(payload, '1017', '9017') WHERE seq = 17");
            }
            db.connection().commit();
            VerificationFailedException e = assertThrows(VerificationFailedException.class,
                    () -> seal.seal(SIGNER, SealService.Audit.FULL));
            assertTrue(e.getMessage().contains("events 17 differ"), e.getMessage());
            assertTrue(e.getMessage().contains("checkpoint #1"), e.getMessage());
        }
    }

    @EveryEngine
    void anEventDeletedBySqlBehindTheLogIsNamedAsAGap(TestDatabase engine) throws Exception {
        try (Database db = Database.openMigrated(url(engine))) {
            SealService seal = new SealService(db, Clock.systemUTC());
            sealThenDeleteSeq17(db, seal);
            // The seal walks each page beside the expected seqs (ADR 0118): the hole is named, not skipped.
            VerificationFailedException e = assertThrows(VerificationFailedException.class,
                    () -> seal.seal(SIGNER, SealService.Audit.FULL));
            assertTrue(e.getMessage().contains("events 17 differ"), e.getMessage());
        }
    }

    /** 50 events sealed, 10 more appended, then event 17 deleted by SQL behind the log's back. */
    private static void sealThenDeleteSeq17(Database db, SealService seal) throws Exception {
        append(db, 0, 50);
        seal.seal(SIGNER);
        append(db, 50, 10);
        try (Statement st = db.connection().createStatement()) {
            dropEventGuards(st, db, false);
            st.execute("DELETE FROM events WHERE seq = 17");
        }
        db.connection().commit();
    }

    /**
     * On H2 the seal's own append still counts the rows (ADR 0132), from a count read before the seal
     * stored its subtrees ({@code HeadCount}; read after them, it walked the whole log): a row deleted
     * below the mark, which a nightly without its sample never re-reads, stops the seal, named.
     */
    @org.junit.jupiter.api.Test
    void onH2ARowDeletedBelowTheMarkStopsTheNightlyAtItsOwnAppend() throws Exception {
        try (Database db = Database.openMigrated("jdbc:h2:file:" + tmp.resolve("hole").toAbsolutePath())) {
            SealService seal = new SealService(db, Clock.systemUTC());
            sealThenDeleteSeq17(db, seal);
            VerificationFailedException e = assertThrows(VerificationFailedException.class, () -> seal.seal(SIGNER, MARK_ONLY));
            assertTrue(e.getMessage().contains("seq 17 is missing"), e.getMessage());
            assertEquals(1, db.read(CheckpointStore::all).size(), "nothing was sealed");
        }
    }

    @EveryEngine
    void anEventRewrittenWithAMatchingLeafHashIsStillCaughtByTheStoredSubtrees(TestDatabase engine) throws Exception {
        try (Database db = Database.openMigrated(url(engine))) {
            SealService seal = new SealService(db, Clock.systemUTC());
            append(db, 0, 50);
            seal.seal(SIGNER);
            var e17 = new EventLog(db).get(17);
            String forged = e17.payload().replace("1017", "9017");
            String leaf = TreeHash.hex(io.mbp.events.LeafHash.of(17, e17.type(), e17.stream(), e17.ts(), forged));
            try (Statement st = db.connection().createStatement()) {
                st.execute(TestDatabase.dropTrigger(db.engine(), "events_no_update", "events"));
                st.execute("UPDATE events SET payload = '" + forged + "', leaf_hash = '" + leaf + "' WHERE seq = 17");
            }
            db.connection().commit();
            VerificationFailedException ex = assertThrows(VerificationFailedException.class,
                    () -> seal.seal(SIGNER, SealService.Audit.FULL));
            assertTrue(ex.getMessage().contains("events 16..17 differ"), ex.getMessage());
        }
    }

    /** No sampling and no periodic audit: what the high-water mark alone sees (ADR 0109). */
    static final SealService.Audit MARK_ONLY = new SealService.Audit(false, 0, 0);

    @EveryEngine
    void theNightlyReHashesOnlyTheEventsAfterTheMarkAndStillProducesTheFullAuditsTree(TestDatabase engine) {
        try (Database a = Database.openMigrated(url(engine))) {
            append(a, 0, 1000);
            SealService.Result first = new SealService(a, Clock.systemUTC()).seal(SIGNER, MARK_ONLY);
            assertTrue(first.fullAudit(), "the first checkpoint has no mark below it");
            append(a, 5000, 777);
            SealService.Result second = new SealService(a, Clock.systemUTC()).seal(SIGNER, new SealService.Audit(false, 5, 0));
            assertTrue(second.created());
            assertEquals(false, second.fullAudit());
            assertEquals(1000, second.checkpoint().previousSize());
            assertEquals(1778, second.checkpoint().treeSize());
            assertEquals(778 + 5, second.eventsRehashed(), "the new events (the first seal's own among them) and the sample");
            assertEquals(5, second.sampled());
            // The incremental tree is the full audit's: same root from the stored subtrees, and a later
            // full audit re-derives every stored subtree the incremental seal wrote.
            byte[] root = a.read(dsl -> new MerkleTree(new DbNodeSource(dsl)).root(1778));
            assertEquals(second.checkpoint().rootHex(), HEX.formatHex(root));
            append(a, 9000, 3);
            SealService.Result audited = new SealService(a, Clock.systemUTC()).seal(SIGNER, SealService.Audit.FULL);
            assertTrue(audited.fullAudit());
            assertEquals(1782, audited.eventsRehashed());
            for (long seq : new long[] {0, 999, 1000, 1001, 1500, 1777}) {
                List<byte[]> path = a.read(dsl -> new MerkleTree(new DbNodeSource(dsl)).inclusionProof(seq, 1778));
                byte[] leaf = new EventLog(a).get(seq).computeLeafHash();
                assertTrue(ProofVerifier.verifyInclusion(leaf, seq, 1778, path, HEX.parseHex(second.checkpoint().rootHex())));
            }
        }
    }

    @EveryEngine
    void aRewriteBelowTheMarkPassesTheNightlyWithoutItsSampleButTheFullAuditCatchesIt(TestDatabase engine) throws Exception {
        try (Database db = Database.openMigrated(url(engine))) {
            SealService seal = new SealService(db, Clock.systemUTC());
            append(db, 0, 50);
            seal.seal(SIGNER);
            append(db, 50, 10);
            var e17 = new EventLog(db).get(17);
            String forged = e17.payload().replace("1017", "9017");
            try (Statement st = db.connection().createStatement()) {
                st.execute(TestDatabase.dropTrigger(db.engine(), "events_no_update", "events"));
                st.execute("UPDATE events SET payload = '" + forged + "' WHERE seq = 17");
            }
            db.connection().commit();
            // The nightly without its sample does not re-read seq 17: it seals (the rewrite stays below
            // the mark, whose signed tree is untouched) ...
            SealService.Result nightly = seal.seal(SIGNER, MARK_ONLY);
            assertTrue(nightly.created());
            assertEquals(false, nightly.fullAudit());
            // ... and the periodic full audit re-hashes everything and refuses to seal.
            append(db, 100, 1);
            VerificationFailedException e = assertThrows(VerificationFailedException.class,
                    () -> seal.seal(SIGNER, SealService.Audit.FULL));
            assertTrue(e.getMessage().contains("events 17 differ"), e.getMessage());
            // A nightly whose sample is the whole history is a full audit too.
            assertThrows(VerificationFailedException.class, () -> seal.seal(SIGNER, new SealService.Audit(false, 1_000, 0)));
            // Every 7th checkpoint the nightly audits fully by itself: checkpoint #3 is next, so fullEvery 3 audits.
            VerificationFailedException periodic = assertThrows(VerificationFailedException.class,
                    () -> seal.seal(SIGNER, new SealService.Audit(false, 0, 3)));
            assertTrue(periodic.getMessage().contains("events 17 differ"), periodic.getMessage());
        }
    }

    @EveryEngine
    void aRewrittenSubtreeOnTheMarksEdgeStopsTheNightly(TestDatabase engine) throws Exception {
        try (Database db = Database.openMigrated(url(engine))) {
            SealService seal = new SealService(db, Clock.systemUTC());
            append(db, 0, 47);
            seal.seal(SIGNER); // 47 events: the edge is the subtrees of 32, 8, 4, 2 and 1 leaves
            append(db, 100, 5);
            try (Statement st = db.connection().createStatement()) {
                st.execute(TestDatabase.dropTrigger(db.engine(), db.engine() == io.mbp.sql.Engine.POSTGRESQL
                        ? "merkle_nodes_no_change" : "merkle_nodes_no_update", "merkle_nodes"));
                st.execute("UPDATE merkle_nodes SET hash = '" + "ab".repeat(32) + "' WHERE lvl = 3 AND idx = 4");
            }
            db.connection().commit();
            VerificationFailedException e = assertThrows(VerificationFailedException.class, () -> seal.seal(SIGNER, MARK_ONLY));
            assertTrue(e.getMessage().contains("no longer fold to its signed root"), e.getMessage());
            assertEquals(1, db.read(CheckpointStore::all).size(), "nothing was sealed");
        }
    }

    @EveryEngine
    void aSampledRewriteStopsTheNightly(TestDatabase engine) throws Exception {
        // every event below the mark rewritten with a matching leaf hash: its proof no longer folds to the root
        sampledRewriteStopsTheNightly(engine, true);
    }

    @EveryEngine
    void aSampledEventWhoseContentAloneWasRewrittenStopsTheNightly(TestDatabase engine) throws Exception {
        // every event below the mark rewritten, its stored leaf hash left: the sample's re-hash differs
        sampledRewriteStopsTheNightly(engine, false);
    }

    /** Rewrites every event below the mark (so any sample hits one) and expects a sampled nightly to refuse. */
    private static void sampledRewriteStopsTheNightly(TestDatabase engine, boolean leafHashToo) throws Exception {
        try (Database db = Database.openMigrated(url(engine))) {
            SealService seal = new SealService(db, Clock.systemUTC());
            append(db, 0, 64);
            seal.seal(SIGNER);
            append(db, 100, 2);
            try (Statement st = db.connection().createStatement()) {
                st.execute(TestDatabase.dropTrigger(db.engine(), "events_no_update", "events"));
                for (int seq = 0; seq < 64; seq++) {
                    var e = new EventLog(db).get(seq);
                    String forged = e.payload().replace("\"amount\":", "\"amount\":9");
                    String leaf = leafHashToo
                            ? ", leaf_hash = '" + TreeHash.hex(io.mbp.events.LeafHash.of(seq, e.type(), e.stream(), e.ts(), forged)) + "'"
                            : "";
                    st.execute("UPDATE events SET payload = '" + forged + "'" + leaf + " WHERE seq = " + seq);
                }
            }
            db.connection().commit();
            VerificationFailedException e = assertThrows(VerificationFailedException.class,
                    () -> seal.seal(SIGNER, new SealService.Audit(false, 3, 0)));
            assertTrue(e.getMessage().contains("(sampled)"), e.getMessage());
            assertEquals(1, db.read(CheckpointStore::all).size(), "nothing was sealed");
        }
    }

    /**
     * A seal while another connection keeps appending (the nightly's seal beside the daemon or the job
     * lock's heartbeat). On SQLite the seal used to read first and write later, so any commit in
     * between made its first insert fail SQLITE_BUSY_SNAPSHOT at once (issue 18); now it queues.
     */
    @EveryEngine
    void sealsWhileAnotherConnectionAppends(TestDatabase engine) throws Exception {
        try (Database db = Database.openMigrated(url(engine)); Database other = Database.open(url(engine))) {
            append(db, 0, 2000);
            java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
            java.util.concurrent.atomic.AtomicInteger appended = new java.util.concurrent.atomic.AtomicInteger();
            java.util.concurrent.CountDownLatch started = new java.util.concurrent.CountDownLatch(1);
            java.util.concurrent.CompletableFuture<Void> writer = java.util.concurrent.CompletableFuture.runAsync(() -> {
                for (int i = 10_000; !stop.get(); i++) {
                    append(other, i, 1);
                    appended.incrementAndGet();
                    started.countDown();
                }
            });
            assertTrue(started.await(30, java.util.concurrent.TimeUnit.SECONDS), "the other connection appends");
            SealService.Result sealed;
            try {
                sealed = new SealService(db, Clock.systemUTC()).seal(SIGNER);
            } finally {
                stop.set(true);
            }
            writer.get(60, java.util.concurrent.TimeUnit.SECONDS);
            assertTrue(sealed.created());
            long size = sealed.checkpoint().treeSize();
            assertTrue(size >= 2001, "the seal covers the events before it and what was appended meanwhile: " + size);
            byte[] storedRoot = db.read(dsl -> new MerkleTree(new DbNodeSource(dsl)).root(size));
            assertEquals(sealed.checkpoint().rootHex(), HEX.formatHex(storedRoot));
            assertEquals(2000 + appended.get() + 1, new EventLog(db).size(), "every append and the CheckpointSealed event landed");
        }
    }

    /** The root of the first {@code size} events, recomputed in memory from their stored content. */
    static String memoryRoot(Database db, long size) {
        byte[] leaves = new byte[Math.toIntExact(size * 32)];
        for (long from = 0; from < size; from += EventLog.PAGE) {
            long f = from;
            for (io.mbp.events.Event e : db.read(dsl -> EventLog.page(dsl, f, Math.min(size, f + EventLog.PAGE)))) {
                System.arraycopy(e.computeLeafHash(), 0, leaves, Math.toIntExact(e.seq() * 32), 32);
            }
        }
        return HEX.formatHex(new MerkleTree(io.mbp.merkle.MemoryTree.build(leaves)).root(size));
    }

    @EveryEngine
    void aLogOfSeveralPagesSealsToTheInMemoryRootAndDamageAtPageEdgesIsNamed(TestDatabase engine) throws Exception {
        int page = SealService.PAGE;
        try (Database db = Database.openMigrated(url(engine))) {
            SealService seal = new SealService(db, Clock.systemUTC());
            append(db, 0, 2 * page + 5);
            StoredCheckpoint first = seal.seal(SIGNER).checkpoint();
            assertEquals(memoryRoot(db, first.treeSize()), first.rootHex(), "full audit over three pages");
            // The nightly resumes from the mark mid-page and walks several pages of new events.
            append(db, 100_000, page + page / 2);
            SealService.Result nightly = seal.seal(SIGNER, SealService.Audit.NIGHTLY);
            StoredCheckpoint second = nightly.checkpoint();
            assertTrue(!nightly.fullAudit() && nightly.created());
            assertEquals(memoryRoot(db, second.treeSize()), second.rootHex(), "nightly over the pages after the mark");
            byte[] storedRoot = db.read(dsl -> new MerkleTree(new DbNodeSource(dsl)).root(second.treeSize()));
            assertEquals(second.rootHex(), HEX.formatHex(storedRoot), "the subtrees it stored fold to the signed root");

            append(db, 200_000, 3);
            try (Statement st = db.connection().createStatement()) {
                dropEventGuards(st, db, true);
                // The last event of the first page, the first of the second, and the first of the third.
                st.execute("DELETE FROM events WHERE seq IN (" + (page - 1) + ", " + page + ")");
                st.execute("UPDATE events SET payload = REPLACE(payload, '\"E', '\"X') WHERE seq = " + 2 * page);
            }
            db.connection().commit();
            VerificationFailedException e = assertThrows(VerificationFailedException.class,
                    () -> seal.seal(SIGNER, SealService.Audit.FULL));
            assertTrue(e.getMessage().contains("events " + (page - 1) + ".." + page + ", " + 2 * page + " differ"), e.getMessage());
        }
    }

    /**
     * SQLite rows are re-hashed from their stored UTF-8 bytes when plain ASCII and as strings otherwise
     * (SealRows): a log mixing both seals to the in-memory root on every engine, and damage to either
     * kind is named.
     */
    @EveryEngine
    void aLogMixingAsciiAndNonAsciiEventsSealsAndDamageToEitherKindIsNamed(TestDatabase engine) throws Exception {
        try (Database db = Database.openMigrated(url(engine))) {
            SealService seal = new SealService(db, Clock.systemUTC());
            List<NewEvent> events = new ArrayList<>();
            for (int i = 0; i < 300; i++) {
                // Every third reference spells accents (two-byte UTF-8), every seventh an emoji (a surrogate pair).
                String e2eid = "E" + i + (i % 3 == 0 ? "-conciliação" : "") + (i % 7 == 0 ? "-\ud83d\ude00" : "");
                String account = i % 5 == 0 ? "acct-\"q\"-" + i : "acct-" + i; // a quote in the stream: escaped
                events.add(NewEvent.of(EventCatalog.standard(), account, Instant.parse("2026-11-27T10:00:00Z").plusSeconds(i),
                        new DepositReceived(account, 1000L + i, e2eid)));
            }
            new EventLog(db).append(events);
            StoredCheckpoint first = seal.seal(SIGNER, SealService.Audit.FULL).checkpoint();
            assertEquals(memoryRoot(db, first.treeSize()), first.rootHex());
            append(db, 300, 1);
            assertTrue(seal.seal(SIGNER, SealService.Audit.FULL).created(), "the full audit re-hashes every kind and passes");

            try (Statement st = db.connection().createStatement()) {
                dropEventGuards(st, db, true);
                st.execute("UPDATE events SET payload = REPLACE(payload, 'ção', 'cao') WHERE seq = 3");
                st.execute("UPDATE events SET payload = REPLACE(payload, '\"E8\"', '\"E9\"') WHERE seq = 8");
                st.execute("UPDATE events SET payload = REPLACE(payload, '1010', '1011') WHERE seq = 10");
            }
            db.connection().commit();
            VerificationFailedException e = assertThrows(VerificationFailedException.class,
                    () -> seal.seal(SIGNER, SealService.Audit.FULL));
            assertTrue(e.getMessage().contains("events 3, 8, 10 differ"), e.getMessage());
        }
    }

    @org.junit.jupiter.api.Test
    void storedHexIsComparedAsTheHashItSpells() {
        byte[] h = new byte[32];
        for (int i = 0; i < 32; i++) {
            h[i] = (byte) (i * 37 - 100);
        }
        String hex = HEX.formatHex(h);
        assertTrue(SealRows.hexEquals(hex, h));
        assertTrue(SealRows.hexEquals(hex.toUpperCase(java.util.Locale.ROOT), h), "as HexFormat.parseHex reads it");
        assertTrue(SealRows.hexEquals(hex + "  ", h), "a padded CHAR column");
        h[31] ^= 1;
        org.junit.jupiter.api.Assertions.assertFalse(SealRows.hexEquals(hex, h));
        h[31] ^= 1;
        org.junit.jupiter.api.Assertions.assertFalse(SealRows.hexEquals(hex.substring(0, 63), h), "too short");
        org.junit.jupiter.api.Assertions.assertFalse(SealRows.hexEquals(hex.substring(0, 62) + "zz", h), "not hex");
        org.junit.jupiter.api.Assertions.assertFalse(SealRows.hexEquals(hex + "0", h), "too long");
        org.junit.jupiter.api.Assertions.assertFalse(SealRows.hexEquals((String) null, h));
        // The same on the column's stored bytes (SQLite), and parsed for stored subtrees.
        java.nio.charset.Charset ascii = java.nio.charset.StandardCharsets.US_ASCII;
        assertTrue(SealRows.hexEquals(hex.getBytes(ascii), h));
        assertTrue(SealRows.hexEquals(hex.toUpperCase(java.util.Locale.ROOT).getBytes(ascii), h));
        assertTrue(SealRows.hexEquals((hex + " ").getBytes(ascii), h));
        org.junit.jupiter.api.Assertions.assertFalse(SealRows.hexEquals((hex.substring(0, 62) + "0g").getBytes(ascii), h), "not hex");
        org.junit.jupiter.api.Assertions.assertFalse(SealRows.hexEquals((hex + "0").getBytes(ascii), h), "too long");
        org.junit.jupiter.api.Assertions.assertFalse(SealRows.hexEquals(hex.substring(0, 63).getBytes(ascii), h), "too short");
        org.junit.jupiter.api.Assertions.assertFalse(SealRows.hexEquals((byte[]) null, h));
        h[0] ^= (byte) 0x80;
        org.junit.jupiter.api.Assertions.assertFalse(SealRows.hexEquals(hex.getBytes(ascii), h));
        h[0] ^= (byte) 0x80;
        org.junit.jupiter.api.Assertions.assertArrayEquals(h, SealRows.parseHex(hex));
        org.junit.jupiter.api.Assertions.assertArrayEquals(h, SealRows.parseHex((hex.toUpperCase(java.util.Locale.ROOT) + "  ").getBytes(ascii)));
        org.junit.jupiter.api.Assertions.assertNull(SealRows.parseHex(hex.substring(0, 63) + "\u0660"), "a non-ASCII digit");
        org.junit.jupiter.api.Assertions.assertNull(SealRows.parseHex(hex + "x"));
        org.junit.jupiter.api.Assertions.assertNull(SealRows.parseHex(hex.substring(0, 63)));
        org.junit.jupiter.api.Assertions.assertNull(SealRows.parseHex((String) null));
    }

    /** What someone with SQL privileges can do first; PostgreSQL's one trigger guards UPDATE and DELETE together (V2). */
    private static void dropEventGuards(Statement st, Database db, boolean updatesToo) throws java.sql.SQLException {
        if (db.engine() == io.mbp.sql.Engine.POSTGRESQL) {
            st.execute(TestDatabase.dropTrigger(db.engine(), "events_no_update", "events"));
            return;
        }
        st.execute(TestDatabase.dropTrigger(db.engine(), "events_no_delete", "events"));
        if (updatesToo) {
            st.execute(TestDatabase.dropTrigger(db.engine(), "events_no_update", "events"));
        }
    }
}

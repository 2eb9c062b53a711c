package io.mbp.events;

import static io.mbp.sql.schema.Tables.EVENTS;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mbp.error.VerificationFailedException;
import io.mbp.sql.Database;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/** The bundle's bulk copy (ADR 0120): the same rows as the log, or a refusal naming the event or the gap. */
class LogCopyTest {
    @TempDir
    Path dir;

    /**
     * H2 goes through the JDBC copy; a SQLite file (the default store) is copied within SQLite (ADR 0153). Every
     * third payload is not plain ASCII: the SQLite copy hashes those as strings, the rest from the stored bytes.
     */
    private Database source(String engine, int n) {
        Database db = Database.openMigrated(engine.equals("h2") ? "jdbc:h2:file:" + dir.resolve("src").toAbsolutePath()
                : "jdbc:sqlite:" + dir.resolve("src.sqlite"));
        List<NewEvent> events = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            events.add(new NewEvent("Note", "s-" + (i % 7), "2026-11-27T12:00:0" + (i % 10) + "Z", "{\"i\":" + i + ",\"t\":\"" + (i % 3 == 0 ? "é" : "e") + "\"}"));
        }
        new EventLog(db).append(events);
        return db;
    }

    private Database target(String name) {
        return Database.openMigrated("jdbc:sqlite:" + dir.resolve(name));
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "sqlite"})
    void copiesTheFirstNRowsByteForByteAndHandsOverTheirLeavesAndRows(String engine) {
        try (Database src = source(engine, 25_000); Database dst = target("a.sqlite")) {
            List<byte[]> leaves = new ArrayList<>();
            List<String> rows = new ArrayList<>();
            LogCopy.copy(src, 24_990, dst, 7_000, (seq, leaf) -> leaves.add(leaf),
                    (seq, type, stream, ts, payload) -> rows.add(seq + " " + type + " " + stream + " " + ts + " " + payload));
            assertEquals(24_990, leaves.size());
            assertEquals(24_990, rows.size());
            assertEquals("24989 Note s-6 2026-11-27T12:00:09Z {\"i\":24989,\"t\":\"e\"}", rows.get(24_989));
            assertEquals("24987 Note s-4 2026-11-27T12:00:07Z {\"i\":24987,\"t\":\"é\"}", rows.get(24_987));
            assertEquals(24_990, new EventLog(dst).size());
            List<Event> a = src.read(d -> EventLog.rowsFrom(d, 0, 30_000));
            List<Event> b = dst.read(d -> EventLog.rowsFrom(d, 0, 30_000));
            assertEquals(24_990, b.size());
            for (int i = 0; i < b.size(); i++) {
                Event x = a.get(i), y = b.get(i);
                assertEquals(List.of(x.seq(), x.type(), x.stream(), x.ts(), x.payload()), List.of(y.seq(), y.type(), y.stream(), y.ts(), y.payload()));
                assertArrayEquals(x.leafHash(), y.leafHash());
                assertArrayEquals(x.leafHash(), leaves.get(i));
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "sqlite"})
    void anAlteredRowIsRefusedNamingItsSeq(String engine) {
        try (Database src = source(engine, 3_000); Database dst = target("b.sqlite")) {
            src.inTransaction(d -> d.execute("DROP TRIGGER events_no_update")); // behind the log's back
            src.inTransaction(d -> d.update(EVENTS).set(EVENTS.PAYLOAD, "{\"i\":2}").where(EVENTS.SEQ.eq(2_500L)).execute());
            VerificationFailedException e = assertThrows(VerificationFailedException.class,
                    () -> LogCopy.copy(src, 3_000, dst, 1_000, (seq, leaf) -> { }));
            assertTrue(e.getMessage().startsWith("event 2500 no longer matches its leaf hash"), e.getMessage());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "sqlite"})
    void aMissingRowIsRefusedAsAGap(String engine) {
        try (Database src = source(engine, 3_000); Database dst = target("c.sqlite")) {
            src.inTransaction(d -> d.execute("DROP TRIGGER events_no_delete")); // behind the log's back
            src.inTransaction(d -> d.deleteFrom(EVENTS).where(EVENTS.SEQ.between(1_200L, 1_201L)).execute());
            VerificationFailedException e = assertThrows(VerificationFailedException.class,
                    () -> LogCopy.copy(src, 3_000, dst, 1_000, (seq, leaf) -> { }));
            assertTrue(e.getMessage().startsWith("the log has a gap in seq 1200..1201"), e.getMessage());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "sqlite"})
    void aGapAcrossTheCopysChunksIsNamedWhole(String engine) {
        try (Database src = source(engine, 25_000); Database dst = target("g.sqlite")) {
            src.inTransaction(d -> d.execute("DROP TRIGGER events_no_delete"));
            long edge = LogCopy.FETCH; // the SQLite copy works a chunk of FETCH rows at a time
            src.inTransaction(d -> d.deleteFrom(EVENTS).where(EVENTS.SEQ.between(edge - 2, edge + 1)).execute());
            VerificationFailedException e = assertThrows(VerificationFailedException.class,
                    () -> LogCopy.copy(src, 25_000, dst, 7_000, (seq, leaf) -> { }));
            assertTrue(e.getMessage().startsWith("the log has a gap in seq " + (edge - 2) + ".." + (edge + 1)), e.getMessage());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "sqlite"})
    void missingRowsAtTheEndAreAGap(String engine) {
        try (Database src = source(engine, 3_000); Database dst = target("d.sqlite")) {
            VerificationFailedException e = assertThrows(VerificationFailedException.class,
                    () -> LogCopy.copy(src, 3_005, dst, 1_000, (seq, leaf) -> { }));
            assertTrue(e.getMessage().startsWith("the log has a gap in seq 3000..3004"), e.getMessage());
        }
    }

    @Test
    void aLeafHashStoredInUpperCaseStillMatchesAndIsCopiedInLowerCase() {
        try (Database src = source("sqlite", 100); Database dst = target("e.sqlite")) {
            src.inTransaction(d -> d.execute("DROP TRIGGER events_no_update"));
            src.inTransaction(d -> d.execute("UPDATE events SET leaf_hash = upper(leaf_hash) WHERE seq = 42"));
            List<byte[]> leaves = new ArrayList<>();
            LogCopy.copy(src, 100, dst, 1_000, (seq, leaf) -> leaves.add(leaf));
            assertEquals(100, leaves.size());
            String copied = dst.read(d -> d.select(EVENTS.LEAF_HASH).from(EVENTS).where(EVENTS.SEQ.eq(42L)).fetchOne(EVENTS.LEAF_HASH));
            assertEquals(copied.toLowerCase(java.util.Locale.ROOT), copied);
            assertEquals(java.util.HexFormat.of().formatHex(leaves.get(42)), copied);
        }
    }

    @Test
    void aFailedCopyLeavesTheSourceUntouchedAndTheTargetEmpty() {
        try (Database src = source("sqlite", 3_000); Database dst = target("f.sqlite")) {
            src.inTransaction(d -> d.execute("DROP TRIGGER events_no_update"));
            src.inTransaction(d -> d.update(EVENTS).set(EVENTS.PAYLOAD, "{}").where(EVENTS.SEQ.eq(10L)).execute());
            assertThrows(VerificationFailedException.class, () -> LogCopy.copy(src, 3_000, dst, 1_000, (seq, leaf) -> { }));
            assertEquals(0, (int) dst.read(d -> d.fetchCount(EVENTS)));
            assertEquals(3_000, (int) src.read(d -> d.fetchCount(EVENTS)));
            // the attachment is gone: the same target takes a copy of an intact prefix afterwards
            LogCopy.copy(src, 10, dst, 1_000, (seq, leaf) -> { });
            assertEquals(10, new EventLog(dst).size());
        }
    }
}

package io.mbp.events;

import io.mbp.sql.testing.EveryEngine;
import io.mbp.sql.testing.TestDatabase;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mbp.catalog.EventCatalog;
import io.mbp.error.BadInputException;
import io.mbp.market.DepositReceived;
import io.mbp.market.OrderFilled;
import io.mbp.sql.Database;
import java.io.BufferedReader;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.io.TempDir;

class EventLogTest {
    private static final EventTypes TYPES = EventCatalog.standard();
    private static final AtomicInteger DB_IDS = new AtomicInteger();

    @TempDir
    static Path tmp;


    static String freshUrl(TestDatabase engine) {
        return engine.url("log-" + DB_IDS.incrementAndGet());
    }

    static NewEvent deposit(int i) {
        return NewEvent.of(TYPES, "acct-" + i, Instant.parse("2026-11-27T10:00:00Z").plusSeconds(i),
                new DepositReceived("acct-" + i, 1000L + i, "E" + i));
    }

    @EveryEngine
    void storedLeafHashMatchesAnIndependentSha256OfHandWrittenCanonicalBytes(TestDatabase engine) throws Exception {
        try (Database db = Database.openMigrated(freshUrl(engine))) {
            EventLog log = new EventLog(db);
            String line = "{\"type\":\"DepositReceived\",\"stream\":\"acct-1\",\"ts\":\"2026-11-27T07:00:00-03:00\","
                    + "\"payload\":{\"e2eid\":\"E123\",\"amount\":5000,\"account\":\"acct-1\"}}";
            log.append(new EventFileReader(new BufferedReader(new StringReader(line)), "t", TYPES));

            String handWritten = "{\"payload\":{\"account\":\"acct-1\",\"amount\":5000,\"e2eid\":\"E123\"},"
                    + "\"seq\":0,\"stream\":\"acct-1\",\"ts\":\"2026-11-27T10:00:00Z\",\"type\":\"DepositReceived\"}";
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update(new byte[] {0x00});
            byte[] expected = md.digest(handWritten.getBytes(StandardCharsets.UTF_8));

            Event stored = log.get(0);
            assertEquals(HexFormat.of().formatHex(expected), stored.leafHashHex());
            assertEquals(handWritten, stored.canonicalText());
        }
    }

    @EveryEngine
    void appendsAssignGaplessSeqFromZeroAcrossBatches(TestDatabase engine) {
        try (Database db = Database.openMigrated(freshUrl(engine))) {
            EventLog log = new EventLog(db);
            AppendResult a = log.append(List.of(deposit(0), deposit(1), deposit(2)));
            assertEquals(new AppendResult(3, 0, 2, 3), a);
            List<NewEvent> many = new ArrayList<>();
            for (int i = 3; i < 2503; i++) {
                many.add(deposit(i));
            }
            AppendResult b = log.append(many);
            assertEquals(new AppendResult(2500, 3, 2502, 2503), b);
            assertEquals(2503, log.size());
            List<Long> seqs = new ArrayList<>();
            log.forEach(0, Long.MAX_VALUE, e -> seqs.add(e.seq()));
            assertEquals(2503, seqs.size());
            for (int i = 0; i < seqs.size(); i++) {
                assertEquals(i, seqs.get(i));
            }
        }
    }

    @EveryEngine
    void aFailingBatchLeavesTheLogExactlyAsItWas(TestDatabase engine) {
        try (Database db = Database.openMigrated(freshUrl(engine))) {
            EventLog log = new EventLog(db);
            log.append(List.of(deposit(0), deposit(1)));
            // 2,500 good events then a failure: spans several JDBC batches, all must roll back.
            Iterator<NewEvent> failing = new Iterator<>() {
                int i = 0;

                @Override
                public boolean hasNext() {
                    return true;
                }

                @Override
                public NewEvent next() {
                    if (i == 2500) {
                        throw new BadInputException("line 2501: broken");
                    }
                    if (i > 2500) {
                        throw new NoSuchElementException();
                    }
                    return deposit(100 + i++);
                }
            };
            assertThrows(BadInputException.class, () -> log.append(failing));
            assertEquals(2, log.size());
            assertNull(log.get(2));
            assertEquals(new AppendResult(1, 2, 2, 3), log.append(List.of(deposit(9))));
        }
    }

    @EveryEngine
    void aBadLineSevenAppendsNothingAndNamesTheLine(TestDatabase engine) {
        StringBuilder file = new StringBuilder();
        for (int i = 1; i <= 10; i++) {
            String amount = i == 7 ? "12.5" : String.valueOf(100 * i);
            file.append("{\"type\":\"DepositReceived\",\"stream\":\"a\",\"ts\":\"2026-11-27T10:00:00Z\",\"payload\":")
                    .append("{\"account\":\"a\",\"amount\":").append(amount).append(",\"e2eid\":\"E").append(i).append("\"}}\n");
        }
        try (Database db = Database.openMigrated(freshUrl(engine))) {
            EventLog log = new EventLog(db);
            log.append(List.of(deposit(0)));
            BadInputException e = assertThrows(BadInputException.class, () -> log.append(
                    new EventFileReader(new BufferedReader(new StringReader(file.toString())), "day.ndjson", TYPES)));
            assertTrue(e.getMessage().startsWith("day.ndjson: line 7: field payload.amount: floating-point"), e.getMessage());
            assertEquals(1, log.size());
        }
    }

    @EveryEngine
    void replayingTheLogGivesBackTheSameTypedEventsAndHashes(TestDatabase engine) {
        try (Database db = Database.openMigrated(freshUrl(engine))) {
            EventLog log = new EventLog(db);
            List<EventPayload> written = new ArrayList<>();
            List<NewEvent> batch = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                EventPayload p = i % 2 == 0
                        ? new DepositReceived("acct-" + i, 100 + i, "E" + i)
                        : new OrderFilled("o" + i, "m1", "acct-" + i, "YES", "buy", 500, 700 + i, 500, 10);
                written.add(p);
                batch.add(NewEvent.of(TYPES, "s" + i, Instant.parse("2026-11-27T10:00:00Z").plusMillis(i), p));
            }
            log.append(batch);
            List<EventPayload> replayed = new ArrayList<>();
            log.forEach(0, Long.MAX_VALUE, e -> {
                assertArrayEquals(e.leafHash(), e.computeLeafHash(), "stored leaf hash of seq " + e.seq());
                replayed.add(TYPES.decode(e.type(), e.payload()));
            });
            assertEquals(written, replayed);
        }
    }

    @EveryEngine
    void exportTailAndStatsReadWhatWasAppended(TestDatabase engine) throws Exception {
        try (Database db = Database.openMigrated(freshUrl(engine))) {
            EventLog log = new EventLog(db);
            List<NewEvent> batch = new ArrayList<>();
            for (int i = 0; i < 5000; i++) {
                batch.add(i % 10 == 0
                        ? NewEvent.of(TYPES, "m1", Instant.parse("2026-11-27T10:00:00Z").plusSeconds(i),
                                new OrderFilled("o" + i, "m1", "a", "NO", "sell", 5, 5, 4, 0))
                        : deposit(i));
            }
            log.append(batch);

            StringWriter ndjson = new StringWriter();
            assertEquals(11, EventExporter.export(log, 4990, 5000, EventExporter.Format.ndjson, ndjson) + 1);
            String[] lines = ndjson.toString().split("\n");
            assertEquals(10, lines.length);
            Map<?, ?> first = CanonicalJson.MAPPER.readValue(lines[0], Map.class);
            assertEquals(4990, ((Number) first.get("seq")).intValue());
            assertEquals(log.get(4990).leafHashHex(), first.get("leaf_hash"));

            StringWriter csv = new StringWriter();
            EventExporter.export(log, 0, 2, EventExporter.Format.csv, csv);
            assertTrue(csv.toString().startsWith("seq,type,stream,ts,payload,leaf_hash\n0,OrderFilled,m1,"), csv.toString());

            List<Event> tail = log.tail(3);
            assertEquals(List.of(4997L, 4998L, 4999L), tail.stream().map(Event::seq).toList());

            LogStats s = log.stats();
            assertEquals(5000, s.count());
            assertEquals("2026-11-27T10:00:00Z", s.firstTs());
            assertEquals(Map.of("DepositReceived", 4500L, "OrderFilled", 500L), s.perType());
        }
    }

    @EveryEngine
    void concurrentWritersStillProduceAGaplessLog(TestDatabase engine) throws Exception {
        String url = freshUrl(engine);
        try (Database db = Database.openMigrated(url)) {
            assertEquals(0, new EventLog(db).size());
        }
        int writers = 3;
        int batches = 20;
        List<Thread> threads = new ArrayList<>();
        List<Throwable> errors = new java.util.concurrent.CopyOnWriteArrayList<>();
        for (int w = 0; w < writers; w++) {
            int id = w;
            threads.add(new Thread(() -> {
                try (Database db = Database.open(url)) {
                    EventLog log = new EventLog(db);
                    for (int b = 0; b < batches; b++) {
                        log.append(List.of(deposit(id * 1000 + b * 2), deposit(id * 1000 + b * 2 + 1)));
                    }
                } catch (Throwable t) {
                    errors.add(t);
                }
            }));
        }
        threads.forEach(Thread::start);
        for (Thread t : threads) {
            t.join();
        }
        assertEquals(List.of(), errors);
        try (Database db = Database.open(url)) {
            EventLog log = new EventLog(db);
            assertEquals(writers * batches * 2L, log.size());
            long[] expect = {0};
            log.forEach(0, Long.MAX_VALUE, e -> assertEquals(expect[0]++, e.seq()));
            assertEquals(writers * batches * 2L, expect[0]);
        }
    }
}

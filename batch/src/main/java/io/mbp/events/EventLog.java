package io.mbp.events;

import static io.mbp.sql.schema.Tables.EVENTS;
import static io.mbp.sql.schema.Tables.LOG_HEAD;

import io.mbp.sql.Database;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import org.jooq.exception.DataAccessException;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.Record2;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

/**
 * The append-only event log in the database. Appends assign gapless seq numbers, compute each
 * leaf hash and insert in JDBC batches inside one transaction, so a batch lands whole or not at
 * all. There is no update or delete here, and the database's triggers refuse both.
 */
public final class EventLog {
    /** Rows per JDBC batch inside an append transaction. */
    public static final int JDBC_BATCH = 1000;
    /** Rows per page when streaming reads, so memory stays flat however long the log. */
    public static final int PAGE = 2000;

    private static final HexFormat HEX = HexFormat.of();

    private final Database db;

    public EventLog(Database db) {
        this.db = db;
    }

    public AppendResult append(List<NewEvent> events) {
        return append(events.iterator());
    }

    /**
     * Appends everything {@code events} yields in one transaction. If the iterator throws (bad
     * input) or the database fails, the transaction rolls back and the log is unchanged.
     */
    public AppendResult append(Iterator<NewEvent> events) {
        return db.inTransaction(dsl -> appendIn(dsl, events));
    }

    /** Appends inside a transaction the caller already holds (for jobs that write more than events). */
    public static AppendResult appendIn(DSLContext dsl, Iterator<NewEvent> events) {
        return LogAppender.append(dsl, events);
    }

    /**
     * The append's pre-lock reads of the head (and H2's row count), taken now: call it before the
     * transaction writes anything, and append with {@link #appendIn(DSLContext, Iterator, HeadCount)}.
     */
    public static HeadCount headCount(DSLContext dsl) {
        return LogAppender.headCount(dsl);
    }

    /**
     * As {@link #appendIn(DSLContext, Iterator)}, for a transaction that wrote other tables first (the
     * seal): the head check judges the count {@code before} read, not one read now (see {@link HeadCount}).
     */
    public static AppendResult appendIn(DSLContext dsl, Iterator<NewEvent> events, HeadCount before) {
        return LogAppender.append(dsl, events, before);
    }

    /**
     * Takes the writers' lock (a no-op update of the head row) inside the caller's transaction, for
     * services that read state and must know it cannot change before they append.
     */
    public static void lockWriters(DSLContext dsl) {
        dsl.update(LOG_HEAD).set(LOG_HEAD.SIZE, LOG_HEAD.SIZE).where(LOG_HEAD.ID.eq(1)).execute();
    }

    /**
     * For a transaction that reads and then writes: on SQLite (WAL) a read snapshot cannot become a
     * write once another connection has committed since (the daemon, a lock heartbeat), and the first
     * write fails SQLITE_BUSY_SNAPSHOT at once, without waiting (busy_timeout does not apply). Taking the
     * writers' lock first makes the transaction queue behind any writer and then read a snapshot nobody
     * can overtake. Other engines wait for row locks by themselves: nothing is done there.
     */
    public static void lockWritersOnSqlite(DSLContext dsl) {
        if (dsl.family() == org.jooq.SQLDialect.SQLITE) {
            lockWriters(dsl);
        }
    }

    public long size() {
        return db.read(EventLog::size);
    }

    /** The log's size (its head), inside a transaction the caller holds. */
    public static long size(DSLContext dsl) {
        Long size = dsl.select(LOG_HEAD.SIZE).from(LOG_HEAD).where(LOG_HEAD.ID.eq(1)).fetchOne(LOG_HEAD.SIZE);
        return size == null ? 0 : size;
    }

    /** The stored leaf hash of {@code seq}, or null when there is no such event. */
    public static byte[] leafHash(DSLContext dsl, long seq) {
        String hex = dsl.select(EVENTS.LEAF_HASH).from(EVENTS).where(EVENTS.SEQ.eq(seq)).fetchOne(EVENTS.LEAF_HASH);
        return hex == null ? null : HEX.parseHex(hex.trim());
    }

    /** The stored leaf hashes of those of {@code seqs} that exist (one indexed read; callers bound the set). */
    public static Map<Long, byte[]> leafHashes(DSLContext dsl, Collection<Long> seqs) {
        Map<Long, byte[]> out = new HashMap<>();
        for (Record2<Long, String> r : dsl.select(EVENTS.SEQ, EVENTS.LEAF_HASH).from(EVENTS).where(EVENTS.SEQ.in(seqs)).fetch()) {
            out.put(r.value1(), HEX.parseHex(r.value2().trim()));
        }
        return out;
    }

    /**
     * The seal's page of events, {@code seq} in [from, to) in seq order: the columns the leaf hash
     * needs plus the stored leaf hash (the seal renders it once per dialect and reads it in plain JDBC).
     */
    public static org.jooq.Select<?> sealPage(DSLContext dsl, long from, long to) {
        return dsl.select(EVENTS.SEQ, EVENTS.TYPE, EVENTS.STREAM, EVENTS.TS, EVENTS.PAYLOAD, EVENTS.LEAF_HASH)
                .from(EVENTS).where(EVENTS.SEQ.ge(from)).and(EVENTS.SEQ.lt(to)).orderBy(EVENTS.SEQ);
    }

    /**
     * The rows (0, seq, leaf_hash) of {@code seqs}, shaped like stored subtrees (level 0), so a proof
     * can read leaves and subtrees in one statement (ADR 0110).
     */
    public static org.jooq.Select<org.jooq.Record3<Integer, Long, String>> leafHashRows(DSLContext dsl,
                                                                                       Collection<? extends org.jooq.Field<Long>> seqs) {
        return dsl.select(DSL.inline(0), EVENTS.SEQ, EVENTS.LEAF_HASH).from(EVENTS).where(EVENTS.SEQ.in(seqs));
    }

    /** How many events from {@code from} on are of a type not in {@code excludedTypes}. */
    public static long countFrom(DSLContext dsl, long from, Collection<String> excludedTypes) {
        return dsl.fetchCount(EVENTS, EVENTS.SEQ.ge(from).and(EVENTS.TYPE.notIn(excludedTypes)));
    }

    /** The first and last seq of the events stamped {@code fromTs <= ts < toTs} (ISO-8601 text), or empty. */
    public static Optional<SeqRange> seqRangeByTs(DSLContext dsl, String fromTs, String toTs) {
        Record2<Long, Long> r = dsl.select(DSL.min(EVENTS.SEQ), DSL.max(EVENTS.SEQ)).from(EVENTS)
                .where(EVENTS.TS.ge(fromTs).and(EVENTS.TS.lt(toTs))).fetchOne();
        return r == null || r.value1() == null ? Optional.empty() : Optional.of(new SeqRange(r.value1(), r.value2()));
    }

    /**
     * The first seq from {@code fromSeq} on of an event stamped {@code fromTs <= ts < toTs}, or empty: read
     * along the primary key from {@code fromSeq}, so asking about the few events past a checkpoint is cheap.
     */
    public static Optional<Long> firstSeqByTs(DSLContext dsl, long fromSeq, String fromTs, String toTs) {
        return dsl.select(EVENTS.SEQ).from(EVENTS).where(EVENTS.SEQ.ge(fromSeq)).and(EVENTS.TS.ge(fromTs)).and(EVENTS.TS.lt(toTs))
                .orderBy(EVENTS.SEQ).limit(1).fetchOptional(EVENTS.SEQ);
    }

    /** A closed range of seq numbers. */
    public record SeqRange(long first, long last) {
    }

    /**
     * One page of stored rows, {@code from <= seq < to} in seq order, inside a transaction the caller
     * holds; callers bound {@code to - from} (the seal reads {@link #PAGE} at a time). Missing seqs are
     * simply absent, so a caller that walks the range sees the gap.
     */
    public static List<Event> page(DSLContext dsl, long from, long to) {
        return dsl.selectFrom(EVENTS).where(EVENTS.SEQ.ge(from).and(EVENTS.SEQ.lt(to))).orderBy(EVENTS.SEQ).fetch(EventLog::toEvent);
    }

    /**
     * Up to {@code limit} rows of the events table with {@code seq >= from}, in seq order, read directly
     * (not bounded by the head): keyset pages for checking a copied log without holding it.
     */
    public static List<Event> rowsFrom(DSLContext dsl, long from, int limit) {
        return dsl.selectFrom(EVENTS).where(EVENTS.SEQ.ge(from)).orderBy(EVENTS.SEQ).limit(limit).fetch(EventLog::toEvent);
    }

    /** A stored row without its leaf hash, for replays that fold millions of events. */
    @FunctionalInterface
    public interface RowSink {
        void accept(long seq, String type, String stream, String ts, String payload);
    }

    /** Rows per JDBC fetch when scanning: large sequential pages for replay (ADR 0112). */
    public static final int SCAN_PAGE = 10_000;

    private static final Map<SQLDialect, String> SCAN_SQL = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * Streams every event from {@code from} on, in seq order, through one forward-only JDBC result
     * inside the caller's transaction, {@link #SCAN_PAGE} rows per fetch (bounding memory), skipping
     * the leaf-hash decode. Plain JDBC on a statement rendered once per dialect: jOOQ's record per
     * row was a sixth of a replay's time (ADR 0112).
     */
    public static void scan(DSLContext dsl, long from, RowSink sink) {
        String sql = SCAN_SQL.computeIfAbsent(dsl.dialect(), d -> DSL.using(d, dsl.settings()).render(
                DSL.using(d).select(EVENTS.SEQ, EVENTS.TYPE, EVENTS.STREAM, EVENTS.TS, EVENTS.PAYLOAD)
                        .from(EVENTS).where(EVENTS.SEQ.ge(0L)).orderBy(EVENTS.SEQ)));
        dsl.connection(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql, java.sql.ResultSet.TYPE_FORWARD_ONLY,
                    java.sql.ResultSet.CONCUR_READ_ONLY)) {
                ps.setFetchSize(SCAN_PAGE);
                ps.setLong(1, from);
                try (java.sql.ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        sink.accept(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5));
                    }
                }
            } catch (SQLException e) {
                throw new DataAccessException("reading the log from seq " + from + " failed: " + e.getMessage(), e);
            }
        });
    }

    /** The event at {@code seq}, or null. */
    public Event get(long seq) {
        return db.read(dsl -> {
            Record r = dsl.selectFrom(EVENTS).where(EVENTS.SEQ.eq(seq)).fetchOne();
            return r == null ? null : toEvent(r);
        });
    }

    /**
     * Streams events with {@code from <= seq <= to} in seq order to {@code sink}, a page at a time
     * (keyset paging on the primary key), so memory does not grow with the range.
     */
    public long forEach(long from, long to, Consumer<Event> sink) {
        long end = Math.min(to, size() - 1);
        long cursor = Math.max(0, from);
        long count = 0;
        while (cursor <= end) {
            long pageFrom = cursor;
            List<Event> page = db.read(dsl -> dsl.selectFrom(EVENTS)
                    .where(EVENTS.SEQ.between(pageFrom, end))
                    .orderBy(EVENTS.SEQ)
                    .limit(PAGE)
                    .fetch(EventLog::toEvent));
            if (page.isEmpty()) {
                break;
            }
            for (Event e : page) {
                sink.accept(e);
                count++;
            }
            cursor = page.get(page.size() - 1).seq() + 1;
        }
        return count;
    }

    /**
     * Streams every event whose type is one of {@code types}, in seq order, a keyset page per read
     * transaction, so memory stays flat however long the log.
     */
    public long forEachOfTypes(Collection<String> types, Consumer<Event> sink) {
        long cursor = 0;
        long count = 0;
        while (true) {
            long from = cursor;
            List<Event> page = db.read(dsl -> pageOfTypes(dsl, types, from));
            for (Event e : page) {
                sink.accept(e);
                count++;
            }
            if (page.size() < PAGE) {
                return count;
            }
            cursor = page.get(page.size() - 1).seq() + 1;
        }
    }

    /** As {@link #forEachOfTypes(Collection, Consumer)}, inside a transaction the caller holds (e.g. under the writer lock). */
    public static long forEachOfTypes(DSLContext dsl, Collection<String> types, Consumer<Event> sink) {
        return forEachOfTypes(dsl, types, 0, sink);
    }

    /** As {@link #forEachOfTypes(DSLContext, Collection, Consumer)}, from {@code from} on (a projection catching up). */
    public static long forEachOfTypes(DSLContext dsl, Collection<String> types, long from, Consumer<Event> sink) {
        long cursor = from;
        long count = 0;
        while (true) {
            List<Event> page = pageOfTypes(dsl, types, cursor);
            for (Event e : page) {
                sink.accept(e);
                count++;
            }
            if (page.size() < PAGE) {
                return count;
            }
            cursor = page.get(page.size() - 1).seq() + 1;
        }
    }

    private static List<Event> pageOfTypes(DSLContext dsl, Collection<String> types, long from) {
        return dsl.selectFrom(EVENTS).where(EVENTS.TYPE.in(types)).and(EVENTS.SEQ.ge(from))
                .orderBy(EVENTS.SEQ).limit(PAGE).fetch(EventLog::toEvent);
    }

    /**
     * Every event on one of {@code streams} or whose canonical payload contains one of {@code fragments}
     * (such as {@code "account":"acct-0001"} or a keyed reference), oldest first: what the log holds on
     * one person, for data-subject requests and retention (matched with LIKE, wildcards escaped).
     */
    public static List<Event> mentioning(DSLContext dsl, Collection<String> streams, Collection<String> fragments) {
        org.jooq.Condition c = EVENTS.STREAM.in(streams);
        for (String f : fragments) {
            c = c.or(EVENTS.PAYLOAD.contains(f));
        }
        return dsl.selectFrom(EVENTS).where(c).orderBy(EVENTS.SEQ).fetch(EventLog::toEvent);
    }

    /** The last {@code n} events, oldest first. */
    public List<Event> tail(int n) {
        List<Event> out = new ArrayList<>(db.read(dsl -> dsl.selectFrom(EVENTS)
                .orderBy(EVENTS.SEQ.desc())
                .limit(n)
                .fetch(EventLog::toEvent)));
        Collections.reverse(out);
        return out;
    }

    public LogStats stats() {
        return db.read(dsl -> {
            long count = size(dsl);
            String first = count == 0 ? null : dsl.select(EVENTS.TS).from(EVENTS).where(EVENTS.SEQ.eq(0L)).fetchOne(EVENTS.TS);
            String last = count == 0 ? null : dsl.select(EVENTS.TS).from(EVENTS).where(EVENTS.SEQ.eq(count - 1)).fetchOne(EVENTS.TS);
            Map<String, Long> perType = new TreeMap<>();
            for (Record2<String, Integer> r : dsl.select(EVENTS.TYPE, DSL.count()).from(EVENTS).groupBy(EVENTS.TYPE).fetch()) {
                perType.put(r.value1(), r.value2().longValue());
            }
            return new LogStats(count, first, last, perType);
        });
    }

    private static Event toEvent(Record r) {
        return new Event(r.get(EVENTS.SEQ), r.get(EVENTS.TYPE), r.get(EVENTS.STREAM), r.get(EVENTS.TS),
                r.get(EVENTS.PAYLOAD), HEX.parseHex(r.get(EVENTS.LEAF_HASH).trim()));
    }
}

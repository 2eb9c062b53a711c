package io.mbp.bench;

import io.mbp.catalog.EventCatalog;
import io.mbp.events.EventExporter;
import io.mbp.events.EventLog;
import io.mbp.events.EventTypes;
import io.mbp.events.LeafHash;
import io.mbp.events.NewEvent;
import io.mbp.events.Timestamps;
import io.mbp.market.OrderFilled;
import io.mbp.sql.Database;
import java.io.IOException;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.LongConsumer;

/**
 * Measures the event log: canonicalize+hash in memory (against raw SHA-256 of the same bytes),
 * durable appends in batches into a fresh database file, and a full export with the heap's peak.
 * Inputs are synthetic but shaped like real OrderFilled events (about 230 canonical bytes).
 */
public final class EventLogBench {
    public record Result(String name, long events, double seconds, double perSecond, String note) {
    }

    private final EventTypes types = EventCatalog.standard();
    private final Instant t0 = Instant.parse("2026-11-27T00:00:00Z");

    NewEvent sample(long i) {
        return sample(i, false);
    }

    /**
     * Event {@code i} as {@link NewEvent#of} makes it (type name, stream, timestamp, payload), its payload written
     * by the direct encode or, {@code viaTree}, by the tree encode it must equal (ADR 0156).
     */
    private NewEvent sample(long i, boolean viaTree) {
        OrderFilled o = order(i);
        return new NewEvent(types.nameOf(o), o.market(), Timestamps.format(t0.plusMillis(i * 7)),
                viaTree ? types.encodeViaTree(o) : types.encode(o));
    }

    private static OrderFilled order(long i) {
        return new OrderFilled("ord-" + i, "mkt-" + (i % 50), "acct-" + (i % 10_000),
                (i & 1) == 0 ? "YES" : "NO", (i % 3) == 0 ? "sell" : "buy",
                1_000 + (i % 90_000), 1_500 + (i % 100_000), 1_000 + (i % 90_000), 20 + (i % 1_800));
    }

    /** Distinct events the hash runs cycle through (built before timing: encoding is measured apart). */
    private static final int DISTINCT = 50_000;
    private NewEvent[] prepared;

    private NewEvent[] prepared() {
        if (prepared == null) {
            prepared = new NewEvent[DISTINCT];
            for (int i = 0; i < DISTINCT; i++) {
                prepared[i] = sample(i);
            }
        }
        return prepared;
    }

    /**
     * What an engine pays before the log: typed record to RFC 8785 payload text, written straight from the
     * record (ADR 0156), the event's type name and timestamp included.
     */
    public Result encodePayloads(long n) {
        return encode(n, false);
    }

    /** The same records through the tree encode, the reference the direct path must equal (ADR 0156). */
    public Result encodePayloadsViaTree(long n) {
        return encode(n, true);
    }

    private Result encode(long n, boolean viaTree) {
        long start = System.nanoTime();
        long sink = 0;
        for (long i = 0; i < n; i++) {
            sink += sample(i, viaTree).payload().length();
        }
        double s = (System.nanoTime() - start) / 1e9;
        return new Result(viaTree ? "the same through the tree encode (before ADR 0156; the reference)"
                : "encode typed record -> RFC 8785 payload (engine side)", n, s, n / s, "checksum " + sink);
    }

    /**
     * What append and seal pay per event: the canonical bytes of the whole event from its stored
     * fields, then the RFC 9162 leaf hash (LeafHash.of, the code both call).
     */
    public Result canonicalizeAndHash(long n) {
        NewEvent[] events = prepared();
        long start = System.nanoTime();
        long sink = 0;
        for (long i = 0; i < n; i++) {
            NewEvent e = events[(int) (i % DISTINCT)];
            sink += LeafHash.of(i, e.type(), e.stream(), e.ts(), e.payload())[0];
        }
        double s = (System.nanoTime() - start) / 1e9;
        return new Result("canonicalize event + leaf hash (stored fields -> RFC 8785 -> SHA-256)", n, s, n / s, "checksum " + sink);
    }

    /** The ceiling: SHA-256 of 0x00 followed by the very same canonical bytes, already in memory. */
    public Result rawSha256(long n) throws Exception {
        NewEvent[] events = prepared();
        byte[][] bytes = new byte[DISTINCT][];
        long total = 0;
        for (int i = 0; i < DISTINCT; i++) {
            NewEvent e = events[i];
            bytes[i] = io.mbp.events.CanonicalJson.eventBytes(i, e.type(), e.stream(), e.ts(), e.payload());
            total += bytes[i].length;
        }
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        long start = System.nanoTime();
        long sink = 0;
        for (long i = 0; i < n; i++) {
            md.update((byte) 0);
            sink += md.digest(bytes[(int) (i % DISTINCT)])[0];
        }
        double s = (System.nanoTime() - start) / 1e9;
        return new Result("raw SHA-256 of 0x00||the same canonical bytes (ceiling)", n, s, n / s,
                "mean " + total / DISTINCT + " bytes; checksum " + sink);
    }

    public Result append(String url, long n, int batch, LongConsumer progress) {
        return append(url, n, batch, false, progress);
    }

    /**
     * Appends {@code n} events in transactions of {@code batch}, each fsynced before the next (ADR
     * 0004). Only {@code EventLog.append} is timed: the events are encoded before each batch, since
     * encoding is the engine's cost (measured apart by {@link #encodePayloads}) and would otherwise
     * cap this figure at the encoder's rate. {@code withoutFsync} turns SQLite's sync off on this
     * connection only: the ceiling the fsync is compared against, never a setting mbp runs with.
     */
    public Result append(String url, long n, int batch, boolean withoutFsync, LongConsumer progress) {
        try (Database db = Database.openMigrated(url)) {
            if (withoutFsync) {
                // SQLite refuses to change the safety level inside a transaction: step out of it.
                try (java.sql.Statement st = db.connection().createStatement()) {
                    db.connection().commit();
                    db.connection().setAutoCommit(true);
                    st.execute("PRAGMA synchronous=OFF");
                    db.connection().setAutoCommit(false);
                } catch (java.sql.SQLException e) {
                    throw new IllegalStateException("cannot turn the sync off on " + url, e);
                }
            }
            EventLog log = new EventLog(db);
            long nanos = 0;
            for (long done = 0; done < n; done += batch) {
                long from = done;
                long count = Math.min(batch, n - done);
                List<NewEvent> list = new ArrayList<>((int) count);
                for (long i = 0; i < count; i++) {
                    list.add(sample(from + i));
                }
                long start = System.nanoTime();
                log.append(list);
                nanos += System.nanoTime() - start;
                progress.accept(done + count);
            }
            double s = nanos / 1e9;
            String what = withoutFsync ? ", NO fsync (ceiling, not durable)" : "";
            return new Result("append, " + batch + " events per transaction, " + db.engine() + what, n, s, n / s, url);
        }
    }

    public Result export(String url) throws IOException {
        List<MemoryPoolMXBean> heap = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP).toList();
        System.gc();
        heap.forEach(MemoryPoolMXBean::resetPeakUsage);
        try (Database db = Database.openMigrated(url)) {
            EventLog log = new EventLog(db);
            CountingWriter w = new CountingWriter();
            long start = System.nanoTime();
            long n = EventExporter.export(log, 0, Long.MAX_VALUE, EventExporter.Format.ndjson, w);
            double s = (System.nanoTime() - start) / 1e9;
            long peak = heap.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
            long max = Runtime.getRuntime().maxMemory();
            return new Result("export ndjson (" + w.chars / (1 << 20) + " MiB written)", n, s, n / s,
                    String.format("heap peak %d MiB of -Xmx %d MiB", peak >> 20, max >> 20));
        }
    }

    public static String h2Url(Path dir) {
        return "jdbc:h2:file:" + dir.resolve("bench").toAbsolutePath();
    }

    public static String sqliteUrl(Path dir) {
        return "jdbc:sqlite:" + dir.resolve("bench.sqlite").toAbsolutePath();
    }

    /** Discards what it is given, counting characters. */
    private static final class CountingWriter extends Writer {
        long chars;

        @Override
        public void write(char[] cbuf, int off, int len) {
            chars += len;
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }

    /** Iterator form for callers that stream. */
    public Iterator<NewEvent> samples(long from, long count) {
        return new Iterator<>() {
            long i = from;

            @Override
            public boolean hasNext() {
                return i < from + count;
            }

            @Override
            public NewEvent next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return sample(i++);
            }
        };
    }
}

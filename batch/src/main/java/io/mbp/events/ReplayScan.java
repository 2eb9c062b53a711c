package io.mbp.events;

import static io.mbp.sql.schema.Tables.EVENTS;

import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.jooq.exception.DataAccessException;

/**
 * The log as a replay folds it: every row from a seq on, in seq order, through one forward-only
 * JDBC result in {@link EventLog#SCAN_PAGE}-row fetches, with each payload handed over as its UTF-8
 * bytes for a byte-level JSON parser (ADR 0128). SQLite hands out a TEXT column's bytes as stored,
 * so its payloads are never made Strings; other stores give a String, encoded here (cheap for the
 * ASCII a canonical payload mostly is). A row whose type the caller does not want is passed with a
 * null payload, never read from the result.
 *
 * <p>On SQLite the type and the timestamp are read as bytes too (ADR 0137): a String from SQLite's driver
 * goes through a direct buffer and a decode per column, and a log holds few types, so each type's String
 * is made once per scan and the same object handed out again; a timestamp goes to the caller as bytes
 * (null for a row not wanted) for {@code ReplayClock}'s byte path.
 */
public final class ReplayScan {
    /** One row: its payload's UTF-8 bytes, or null when its type was not wanted. */
    @FunctionalInterface
    public interface Sink {
        void accept(long seq, String type, byte[] tsUtf8, byte[] payloadUtf8);
    }

    private static final Map<SQLDialect, String> SQL = new ConcurrentHashMap<>();

    private ReplayScan() {
    }

    public static void scan(DSLContext dsl, long from, Predicate<String> wanted, Sink sink) {
        String sql = SQL.computeIfAbsent(dsl.dialect(), d -> DSL.using(d, dsl.settings()).render(
                DSL.using(d).select(EVENTS.SEQ, EVENTS.TYPE, EVENTS.TS, EVENTS.PAYLOAD)
                        .from(EVENTS).where(EVENTS.SEQ.ge(0L)).orderBy(EVENTS.SEQ)));
        boolean storedBytes = dsl.dialect().family() == SQLDialect.SQLITE;
        dsl.connection(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql, ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY)) {
                ps.setFetchSize(EventLog.SCAN_PAGE);
                ps.setLong(1, from);
                try (ResultSet rs = ps.executeQuery()) {
                    TypeNames types = new TypeNames();
                    while (rs.next()) {
                        String type = storedBytes ? types.of(rs.getBytes(2)) : rs.getString(2);
                        byte[] payload = null;
                        byte[] ts = null;
                        if (wanted.test(type)) {
                            ts = storedBytes ? rs.getBytes(3) : rs.getString(3).getBytes(StandardCharsets.UTF_8);
                            payload = storedBytes ? rs.getBytes(4) : rs.getString(4).getBytes(StandardCharsets.UTF_8);
                        }
                        sink.accept(rs.getLong(1), type, ts, payload);
                    }
                }
            } catch (SQLException e) {
                throw new DataAccessException("reading the log from seq " + from + " failed: " + e.getMessage(), e);
            }
        });
    }

    /** The String of each type name's bytes, made once; a bounded table, as a log's types are few. */
    private static final class TypeNames {
        private static final int SLOTS = 64;
        private final byte[][] keys = new byte[SLOTS][];
        private final String[] names = new String[SLOTS];

        String of(byte[] utf8) {
            if (utf8 == null) {
                return null;
            }
            int slot = java.util.Arrays.hashCode(utf8) & (SLOTS - 1);
            if (java.util.Arrays.equals(keys[slot], utf8)) {
                return names[slot];
            }
            String name = new String(utf8, StandardCharsets.UTF_8);
            keys[slot] = utf8;
            names[slot] = name;
            return name;
        }
    }
}

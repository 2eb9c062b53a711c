package io.mbp.payout;

import static io.mbp.sql.schema.Tables.EVENTS;

import io.mbp.events.Event;
import io.mbp.sql.Database;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Consumer;
import org.jooq.Record;

/** Streams the log's events of some types in seq order, a page at a time (keyset on seq). */
public final class LogScan {
    private static final int PAGE = 5000;
    private static final HexFormat HEX = HexFormat.of();

    private LogScan() {
    }

    public static long forEach(Database db, Collection<String> types, Consumer<Event> sink) {
        long cursor = 0;
        long n = 0;
        while (true) {
            long from = cursor;
            List<Event> page = db.read(dsl -> dsl.selectFrom(EVENTS)
                    .where(EVENTS.TYPE.in(types)).and(EVENTS.SEQ.ge(from))
                    .orderBy(EVENTS.SEQ).limit(PAGE)
                    .fetch(LogScan::toEvent));
            for (Event e : page) {
                sink.accept(e);
                n++;
            }
            if (page.size() < PAGE) {
                return n;
            }
            cursor = page.get(page.size() - 1).seq() + 1;
        }
    }

    private static Event toEvent(Record r) {
        return new Event(r.get(EVENTS.SEQ), r.get(EVENTS.TYPE), r.get(EVENTS.STREAM), r.get(EVENTS.TS),
                r.get(EVENTS.PAYLOAD), HEX.parseHex(r.get(EVENTS.LEAF_HASH).trim()));
    }
}

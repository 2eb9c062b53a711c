package io.mbp.evidence;

import io.mbp.catalog.EventCatalog;
import io.mbp.events.Event;
import io.mbp.events.EventPayload;
import io.mbp.events.Timestamps;
import io.mbp.market.ReplayClock;
import java.time.Instant;

/**
 * The event a {@link LogPass} shows every report: the stored columns, and its instant and decoded
 * payload computed on first ask and shared by the reports that ask again (ADR 0129: the catalog's
 * decode and the timestamp parse were most of a report's time, once per report). One object is
 * reused for every row, so a build of any length allocates no row objects.
 */
public final class LogRow {
    private final ReplayClock clock; // null: every timestamp parsed in full (the reference reading)
    private long seq;
    private String type;
    private String stream;
    private String ts;
    private String payload;
    private Instant at;
    private EventPayload decoded;

    LogRow(ReplayClock clock) {
        this.clock = clock;
    }

    LogRow set(long seq, String type, String stream, String ts, String payload) {
        this.seq = seq;
        this.type = type;
        this.stream = stream;
        this.ts = ts;
        this.payload = payload;
        this.at = null;
        this.decoded = null;
        return this;
    }

    LogRow set(Event e) {
        return set(e.seq(), e.type(), e.stream(), e.ts(), e.payload());
    }

    public long seq() {
        return seq;
    }

    public String type() {
        return type;
    }

    public String stream() {
        return stream;
    }

    /** The timestamp as stored. */
    public String ts() {
        return ts;
    }

    /** The payload as stored (canonical JSON). */
    public String payload() {
        return payload;
    }

    /** The timestamp as an instant; a malformed one throws the same error {@link Timestamps#parse} does. */
    public Instant at() {
        if (at == null) {
            at = clock == null ? Timestamps.parse("ts", ts) : clock.parse(ts);
        }
        return at;
    }

    /** The payload decoded by the standard catalog; a failed decode is not kept, so each asker sees it fail. */
    public EventPayload decoded() {
        if (decoded == null) {
            decoded = EventCatalog.standard().decode(type, payload);
        }
        return decoded;
    }
}

package io.mbp.incident;

import io.mbp.error.BadInputException;
import io.mbp.events.Event;
import io.mbp.events.EventLog;
import io.mbp.events.NewEvent;
import io.mbp.events.Timestamps;
import io.mbp.sql.Database;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.jooq.DSLContext;

/**
 * {@code mbp incident open|update|resolve|list|show} (ADR 0017). Each change is one event appended
 * under the writers' lock after the current incidents are folded from the log, so two operators
 * cannot both resolve an incident or take the same id.
 */
public final class IncidentService {
    private final Database db;
    private final Clock clock;

    public IncidentService(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** Declares an incident; impact began at {@code startedAt} (now when null), which may not be in the future. */
    public Incident open(Severity severity, String title, String service, Instant startedAt, String by, String change) {
        Instant now = clock.instant();
        Instant started = startedAt == null ? now : startedAt;
        if (started.isAfter(now)) {
            throw new BadInputException("--started " + Timestamps.format(started) + " is in the future (now " + Timestamps.format(now) + ")");
        }
        String id = db.inTransaction(dsl -> {
            EventLog.lockWriters(dsl);
            String next = String.format("INC-%04d", fold(dsl).all().size() + 1);
            append(dsl, new IncidentOpened(next, severity.name(), title, service, Timestamps.format(started), by, change), now);
            return next;
        });
        return get(id);
    }

    public Incident update(String id, String note, String by, Severity severity, String status) {
        db.inTransaction(dsl -> {
            EventLog.lockWriters(dsl);
            requireOpen(fold(dsl), id);
            append(dsl, new IncidentUpdated(id, note, by, severity == null ? null : severity.name(), status), clock.instant());
            return null;
        });
        return get(id);
    }

    /** Resolves an open incident; restoration ({@code restoredAt}, now when null) lies between its start and now. */
    public Incident resolve(String id, Instant restoredAt, String rca, String actions, String by) {
        Instant now = clock.instant();
        Instant restored = restoredAt == null ? now : restoredAt;
        db.inTransaction(dsl -> {
            EventLog.lockWriters(dsl);
            Incident i = requireOpen(fold(dsl), id);
            if (restored.isAfter(now) || restored.isBefore(Timestamps.parse("started_at", i.startedAt()))) {
                throw new BadInputException("--restored " + Timestamps.format(restored) + " must lie between the impact start "
                        + i.startedAt() + " and now " + Timestamps.format(now));
            }
            append(dsl, new IncidentResolved(id, Timestamps.format(restored), rca, actions, by), now);
            return null;
        });
        return get(id);
    }

    public Incident get(String id) {
        Incident i = db.read(dsl -> fold(dsl).get(id));
        if (i == null) {
            throw new BadInputException("incident " + id + ": no such incident (see `mbp incident list`)");
        }
        return i;
    }

    public List<Incident> list() {
        return db.read(dsl -> fold(dsl).all());
    }

    private static Incident requireOpen(Incidents all, String id) {
        Incident i = all.get(id);
        if (i == null) {
            throw new BadInputException("incident " + id + ": no such incident (see `mbp incident list`)");
        }
        if (!i.open()) {
            throw new BadInputException("incident " + id + " was resolved already (restored at " + i.restoredAt() + ")");
        }
        return i;
    }

    static Incidents fold(DSLContext dsl) {
        Incidents out = new Incidents();
        EventLog.forEachOfTypes(dsl, IncidentEvents.NAMES, (Event e) ->
                out.apply((IncidentEvent) IncidentEvents.TYPES.decode(e.type(), e.payload()), e.ts()));
        return out;
    }

    private static void append(DSLContext dsl, IncidentEvent e, Instant now) {
        EventLog.appendIn(dsl, List.of(NewEvent.of(IncidentEvents.TYPES, e.incident(), now, e)).iterator());
    }
}

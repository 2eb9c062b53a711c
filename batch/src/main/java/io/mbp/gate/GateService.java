package io.mbp.gate;

import io.mbp.events.Event;
import io.mbp.events.EventLog;
import io.mbp.events.NewEvent;
import io.mbp.sql.Database;
import java.time.Instant;
import java.util.List;

/**
 * Records a Go/No-Go evaluation in the log ({@code mbp gate check --record}, the nightly's gate step).
 * Idempotent for a date: the same decision as the date's last record appends nothing.
 */
public final class GateService {
    private final Database db;

    public GateService(Database db) {
        this.db = db;
    }

    /** Appends the evaluation unless it repeats the date's last one; true when it appended. */
    public boolean record(String date, GateReport report, Instant at) {
        GateChecked next = GateChecked.of(date, report);
        return db.inTransaction(dsl -> {
            EventLog.lockWriters(dsl);
            GateChecked[] last = {null};
            EventLog.forEachOfTypes(dsl, List.of("GateChecked"), (Event e) -> {
                GateChecked c = (GateChecked) GateEvents.TYPES.decode(e.type(), e.payload());
                if (c.date().equals(date)) {
                    last[0] = c;
                }
            });
            if (next.equals(last[0])) {
                return false;
            }
            EventLog.appendIn(dsl, List.of(NewEvent.of(GateEvents.TYPES, "gate-" + date, at, next)).iterator());
            return true;
        });
    }
}

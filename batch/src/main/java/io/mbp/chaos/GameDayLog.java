package io.mbp.chaos;

import io.mbp.events.Event;
import io.mbp.events.EventLog;
import io.mbp.events.NewEvent;
import io.mbp.events.Timestamps;
import io.mbp.sql.Database;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Appends game days and filed evidence to the log, and reads them back. */
public final class GameDayLog {
    private final Database db;

    public GameDayLog(Database db) {
        this.db = db;
    }

    /** Records {@code g} as run {@code run}; {@code reportSha256} is the digest of the report file it wrote. Returns its seq. */
    public long record(String run, GameDay g, String reportSha256, Instant now) {
        List<String> measurements = new ArrayList<>();
        for (Map.Entry<String, String> m : g.measurements().entrySet()) {
            measurements.add(m.getKey() + "=" + m.getValue());
        }
        GameDayRecorded e = new GameDayRecorded(run, g.spec().name(), g.verdict().name(), g.spec().hypothesis(),
                Timestamps.format(g.started()), Timestamps.format(g.finished()), g.checks().stream().map(Check::line).toList(),
                measurements, g.reason(), reportSha256);
        return new EventLog(db).append(List.of(NewEvent.of(ChaosEvents.TYPES, run, now, e))).lastSeq();
    }

    /** Files a report as S21 evidence; returns its seq. */
    public long file(EvidenceKind kind, String name, String sha256, List<String> fields, Instant now) {
        SreEvidenceRecorded e = new SreEvidenceRecorded(kind.wire(), name, sha256, fields);
        return new EventLog(db).append(List.of(NewEvent.of(ChaosEvents.TYPES, kind.wire(), now, e))).lastSeq();
    }

    /** Every game day and filed report, oldest first. */
    public List<ChaosEvent> all() {
        List<ChaosEvent> out = new ArrayList<>();
        new EventLog(db).forEachOfTypes(ChaosEvents.NAMES, (Event e) -> out.add((ChaosEvent) ChaosEvents.TYPES.decode(e.type(), e.payload())));
        return out;
    }
}

package io.mbp.cli.slo;

import io.mbp.events.EventLog;
import io.mbp.events.EventPayload;
import io.mbp.events.EventTypes;
import io.mbp.events.NewEvent;
import io.mbp.oracle.Finalized;
import io.mbp.oracle.OracleEventRegistered;
import io.mbp.oracle.OracleEvents;
import io.mbp.oracle.ReportReceived;
import io.mbp.oracle.RoundAggregated;
import io.mbp.payout.PayoutConfirmed;
import io.mbp.payout.PayoutEvents;
import io.mbp.payout.PayoutFailed;
import io.mbp.payout.PayoutInstructed;
import io.mbp.payout.PayoutParked;
import io.mbp.payout.PayoutSent;
import io.mbp.sql.Database;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A log with what `mbp slo watch` reads: two oracle events (EV-OPEN still open, EV-DONE finalized)
 * with reports from two sources and a round that counted one as an outlier, and three payouts (one
 * confirmed 2 h after its first failure, one refused for good, one parked), a reconciliation and an
 * anchor. {@link #NOW} is an hour after the last event.
 */
public final class WatchedLog {
    public static final Instant NOW = Instant.parse("2026-11-27T15:00:00Z");

    private final List<NewEvent> events = new ArrayList<>();

    private WatchedLog() {
    }

    public static void write(Database db) {
        WatchedLog w = new WatchedLog();
        for (String ev : List.of("EV-OPEN", "EV-DONE")) {
            w.add(OracleEvents.TYPES, ev, "2026-11-27T08:00:00Z", new OracleEventRegistered(ev, "numeric", null, "0", "100", null,
                    "2026-11-28T00:00:00Z", ev.equals("EV-OPEN") ? 1800 : 900, 7200, null));
            w.add(OracleEvents.TYPES, ev, "2026-11-27T10:00:00Z", new ReportReceived("src-a", ev, "2026-11-27T09:59:00Z", "41.5"));
            w.add(OracleEvents.TYPES, ev, "2026-11-27T10:00:01Z", new ReportReceived("src-b", ev, "2026-11-27T09:00:00Z", "60"));
            // a later report observed earlier: the watcher keeps the newest observation
            w.add(OracleEvents.TYPES, ev, "2026-11-27T10:00:02Z", new ReportReceived("src-a", ev, "2026-11-27T09:30:00Z", "41"));
            w.add(OracleEvents.TYPES, ev, "2026-11-27T10:05:00Z", new RoundAggregated(ev, "2026-11-27T10:05:00Z", "consensus",
                    "consensus", "41.5", null, null, 2, 10_000, 10_000, 6_000, List.of("src-a|agree|360|41.5", "src-b|outlier|3900|60")));
        }
        w.add(OracleEvents.TYPES, "EV-DONE", "2026-11-27T11:00:00Z",
                new Finalized("EV-DONE", "numeric", "41.5", null, false, "consensus", "2026-11-27T11:00:00Z"));
        w.payout("p1", "2026-11-27T10:00:00Z", new PayoutSent("p1", 1));
        w.payout("p1", "2026-11-27T11:00:00Z", new PayoutFailed("p1", 1, "psp timeout", true));
        w.payout("p1", "2026-11-27T12:00:00Z", new PayoutSent("p1", 2));
        w.payout("p1", "2026-11-27T13:00:00Z", new PayoutConfirmed("p1", 2, "E2E-1", 0));
        w.payout("p2", "2026-11-27T10:00:00Z", new PayoutSent("p2", 1));
        w.payout("p2", "2026-11-27T11:30:00Z", new PayoutFailed("p2", 1, "key not found", false));
        w.payout("p3", "2026-11-27T10:00:00Z", new PayoutSent("p3", 1));
        w.payout("p3", "2026-11-27T12:00:00Z", new PayoutFailed("p3", 1, "psp timeout", true));
        w.payout("p3", "2026-11-27T14:00:00Z", new PayoutParked("p3", "retries exhausted"));
        w.add(io.mbp.recon.ReconEvents.TYPES, "recon-2026-11-26", "2026-11-27T06:00:00Z", new io.mbp.recon.ReconCompleted("2026-11-26",
                "st-1", 200, 198, 198_000, 200_000, 2, 0, "99.00", List.of()));
        w.add(io.mbp.anchor.AnchorEvents.TYPES, "anchor", "2026-11-27T07:00:00Z", new io.mbp.anchor.AnchorPublished(1, 10, "ab".repeat(32),
                1337, "0x" + "cd".repeat(32), 42, "0x" + "ef".repeat(32), 3, "2026-11-27T07:00:00Z"));
        // the log is in time order, as the commands that write these events would have left it
        w.events.sort(java.util.Comparator.comparing(NewEvent::ts));
        new EventLog(db).append(w.events);
    }

    /** What `mbp slo watch` exports for this log at {@link #NOW}: a fresh H2 file under {@code dir}. */
    public static String watchers(java.nio.file.Path dir) {
        try (Database db = Database.openMigrated("jdbc:h2:file:" + dir.resolve("watched").toAbsolutePath())) {
            write(db);
            return LogWatch.read(db, java.time.Clock.fixed(NOW, java.time.ZoneOffset.UTC)).scrape();
        }
    }

    private void payout(String id, String ts, EventPayload e) {
        if (events.stream().noneMatch(n -> n.stream().equals(id))) {
            add(PayoutEvents.TYPES, id, "2026-11-27T09:00:00Z", new PayoutInstructed(id, "acct-" + id,
                    "123e4567-e89b-42d3-a456-4266141740" + id.substring(1) + "0", null, null, null, null, 1_000, "withdrawal", "w-" + id));
        }
        add(PayoutEvents.TYPES, id, ts, e);
    }

    private void add(EventTypes types, String stream, String ts, EventPayload e) {
        events.add(NewEvent.of(types, stream, Instant.parse(ts), e));
    }
}

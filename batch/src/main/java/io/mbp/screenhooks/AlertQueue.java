package io.mbp.screenhooks;

import static io.mbp.sql.schema.Tables.SCREENING_ALERTS;

import io.mbp.events.EventLog;
import io.mbp.events.NewEvent;
import io.mbp.events.Timestamps;
import io.mbp.sql.Database;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import org.jooq.Record;

/**
 * The default {@link ScreeningAlertSink}: the review queue {@code screening_alerts} (V78), one row
 * per account and list entity, with a {@link ScreeningAlertOpened} in the same transaction. The
 * alert id is a digest of account and entity, so the same hit has the same id everywhere.
 */
public final class AlertQueue implements ScreeningAlertSink {
    public static final String OPEN = "open";
    private final Database db;
    private final Clock clock;

    /** A queued alert, as `mbp screening alerts list` shows it. */
    public record Row(String alertId, String account, String subject, String list, int listVersion, String entityId, String score,
                      String state, String openedAt) {
    }

    public AlertQueue(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    @Override
    public boolean open(Alert a) {
        String id = id(a.account(), a.list(), a.entityId());
        Instant now = clock.instant();
        return db.inTransaction(dsl -> {
            EventLog.lockWriters(dsl);
            if (dsl.fetchExists(dsl.selectFrom(SCREENING_ALERTS).where(SCREENING_ALERTS.ALERT_ID.eq(id)))) {
                return false;
            }
            dsl.insertInto(SCREENING_ALERTS).set(SCREENING_ALERTS.ALERT_ID, id).set(SCREENING_ALERTS.ACCOUNT, a.account())
                    .set(SCREENING_ALERTS.SUBJECT, a.subject()).set(SCREENING_ALERTS.LIST_ID, a.list())
                    .set(SCREENING_ALERTS.LIST_VERSION, a.listVersion()).set(SCREENING_ALERTS.ENTITY_ID, a.entityId())
                    .set(SCREENING_ALERTS.SCORE, a.score()).set(SCREENING_ALERTS.STATE, OPEN)
                    .set(SCREENING_ALERTS.OPENED_AT, Timestamps.format(now)).execute();
            ScreeningAlertOpened e = new ScreeningAlertOpened(id, a.account(), a.subject(), a.list(), a.listVersion(), a.entityId(),
                    a.score());
            EventLog.appendIn(dsl, List.of(NewEvent.of(ScreeningHookEvents.TYPES, e.streamId(), now, e)).iterator());
            return true;
        });
    }

    /** The queue, oldest first. */
    public List<Row> list() {
        return db.read(dsl -> dsl.selectFrom(SCREENING_ALERTS).orderBy(SCREENING_ALERTS.OPENED_AT, SCREENING_ALERTS.ALERT_ID).fetch()
                .stream().map(AlertQueue::row).toList());
    }

    private static Row row(Record r) {
        return new Row(r.get(SCREENING_ALERTS.ALERT_ID), r.get(SCREENING_ALERTS.ACCOUNT), r.get(SCREENING_ALERTS.SUBJECT),
                r.get(SCREENING_ALERTS.LIST_ID), r.get(SCREENING_ALERTS.LIST_VERSION), r.get(SCREENING_ALERTS.ENTITY_ID),
                r.get(SCREENING_ALERTS.SCORE), r.get(SCREENING_ALERTS.STATE), r.get(SCREENING_ALERTS.OPENED_AT));
    }

    static String id(String account, String list, String entityId) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest((account + "\n" + list + "\n" + entityId)
                    .getBytes(StandardCharsets.UTF_8));
            return "sa-" + HexFormat.of().formatHex(d, 0, 10);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

package io.mbp.screenhooks;

import static io.mbp.sql.schema.Tables.SCREENING_RESCREENS;

import io.mbp.events.Timestamps;
import io.mbp.kyc.KycService;
import io.mbp.screening.Hit;
import io.mbp.screening.ListStatus;
import io.mbp.screening.Screener;
import io.mbp.screening.ScreeningService;
import io.mbp.sql.Database;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.jooq.Record;

/**
 * On every list delta, every onboarded customer is screened again, against only the entities the
 * new versions added or changed (ADR 0716): a delta of ten entities costs ten entities per customer,
 * not the whole list. A hit that the account has no alert for opens one through the
 * {@link ScreeningAlertSink}. Which versions are done is kept in {@code screening_rescreens}, so a
 * re-screen that could not run (no vault) is caught up by the next one.
 */
public final class DeltaRescreen {
    private static final Logger LOG = LogManager.getLogger(DeltaRescreen.class);
    private final Database db;
    private final Clock clock;
    private final Supplier<SubjectScreening> opener;
    private final ScreeningAlertSink sink;

    /** What a re-screen did: list versions covered, entities screened against, customers, hits, alerts opened, customers skipped. */
    public record Result(Map<String, Integer> versions, int entities, int customers, int hits, int alerts, int skipped) {
    }

    public DeltaRescreen(Database db, Clock clock, Supplier<SubjectScreening> screening, ScreeningAlertSink sink) {
        this.db = db;
        this.clock = clock;
        this.opener = screening;
        this.sink = sink;
    }

    /** The lists whose newest version's delta was not re-screened yet (list id -> newest version). */
    public Map<String, Integer> pending() {
        Map<String, Integer> done = done();
        Map<String, Integer> out = new TreeMap<>();
        for (ListStatus s : new ScreeningService(db, clock).status(ScreeningService.DEFAULT_MAX_AGE)) {
            if (s.version() > done.getOrDefault(s.list(), 0)) {
                out.put(s.list(), s.version());
            }
        }
        return out;
    }

    /** Re-screens every customer against the pending deltas; records them done. */
    public Result run() {
        Map<String, Integer> pending = pending();
        if (pending.isEmpty()) {
            return new Result(Map.of(), 0, 0, 0, 0, 0);
        }
        ScreeningService service = new ScreeningService(db, clock);
        Map<String, Integer> done = done();
        Map<String, Set<String>> ids = new TreeMap<>(service.deltaIds(done));
        ids.keySet().retainAll(pending.keySet());
        Screener delta = service.deltaScreener(ids);
        int entities = delta.index().entityCount();
        List<String> accounts = entities == 0 ? List.of() : List.copyOf(new KycService(db, null, clock).accounts().keySet());
        int hits = 0;
        int alerts = 0;
        int skipped = 0;
        SubjectScreening screening = accounts.isEmpty() ? null : opener.get();
        for (String account : accounts) {
            SubjectScreening.Outcome o;
            try {
                o = screening.screen(account, "list-delta", delta);
            } catch (io.mbp.privacy.SubjectArchivedException | io.mbp.privacy.SubjectErasedException e) {
                skipped++; // archived or shredded (ADR 0706): no relationship left to screen
                continue;
            }
            for (Hit h : o.result().hits()) {
                hits++;
                if (sink.open(new ScreeningAlertSink.Alert(account, o.subject(), h.list(), pending.get(h.list()), h.entityId(),
                        h.score().toPlainString()))) {
                    alerts++;
                }
            }
        }
        int customers = accounts.size() - skipped;
        int opened = alerts;
        db.inTransaction(dsl -> {
            pending.forEach((list, version) -> dsl.insertInto(SCREENING_RESCREENS).set(SCREENING_RESCREENS.LIST_ID, list)
                    .set(SCREENING_RESCREENS.LIST_VERSION, version).set(SCREENING_RESCREENS.CUSTOMERS, customers)
                    .set(SCREENING_RESCREENS.ALERTS, opened).set(SCREENING_RESCREENS.DONE_AT, Timestamps.format(clock.instant()))
                    .execute());
            return null;
        });
        LOG.info("re-screen on list deltas {}: {} customer(s) against {} added or changed entities, {} hit(s), {} new alert(s),"
                + " {} skipped (archived or erased)", pending, customers, entities, hits, alerts, skipped);
        return new Result(pending, entities, customers, hits, alerts, skipped);
    }

    /** The newest re-screened version of each list. */
    private Map<String, Integer> done() {
        Map<String, Integer> out = new HashMap<>();
        for (Record r : db.read(dsl -> dsl.selectFrom(SCREENING_RESCREENS).fetch())) {
            out.merge(r.get(SCREENING_RESCREENS.LIST_ID), r.get(SCREENING_RESCREENS.LIST_VERSION), Math::max);
        }
        return out;
    }
}

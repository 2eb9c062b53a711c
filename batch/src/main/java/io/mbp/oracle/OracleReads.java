package io.mbp.oracle;

import static io.mbp.sql.schema.Tables.ORACLE_FINALIZED;
import static io.mbp.sql.schema.Tables.ORACLE_ROUNDS;
import static io.mbp.sql.schema.Tables.ORACLE_SOURCE_METRICS;

import io.mbp.error.VerificationFailedException;
import io.mbp.events.EventLog;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;
import org.jooq.Record;

/**
 * Read-only views for the public API (GET /v2/oracle/...): a state that follows the log instead of
 * replaying it per request, and the round and finalization projections, which hold every round
 * where the state keeps only the recent ones.
 */
public final class OracleReads {
    private final OracleState state;
    private long next;

    public OracleReads(OracleParams params) {
        this.state = new OracleState(params);
    }

    /** Folds the oracle events appended since the last call; the caller serializes calls. */
    public OracleState follow(DSLContext dsl) {
        EventLog.forEachOfTypes(dsl, OracleStore.types(), next, e -> {
            try {
                state.evolve((OracleEvent) OracleEvents.TYPES.decode(e.type(), e.payload()));
            } catch (RuntimeException x) {
                throw new VerificationFailedException("event seq " + e.seq() + " (" + e.type()
                        + ") does not fit the oracle's state: " + x.getMessage(), x);
            }
            next = e.seq() + 1;
        });
        return state;
    }

    /** The newest {@code limit} rounds of {@code event}, oldest first, each with its per-source metrics. */
    public static List<Map<String, Object>> rounds(DSLContext dsl, String event, int limit) {
        List<Record> rows = new ArrayList<>(dsl.select().from(ORACLE_ROUNDS).where(ORACLE_ROUNDS.EVENT_ID.eq(event))
                .orderBy(ORACLE_ROUNDS.SEQ.desc()).limit(limit).fetch());
        Collections.reverse(rows);
        Map<String, List<Map<String, Object>>> metrics = new LinkedHashMap<>();
        if (!rows.isEmpty()) {
            String first = rows.get(0).get(ORACLE_ROUNDS.ROUND_AT);
            for (Record m : dsl.select().from(ORACLE_SOURCE_METRICS).where(ORACLE_SOURCE_METRICS.EVENT_ID.eq(event))
                    .and(ORACLE_SOURCE_METRICS.ROUND_AT.ge(first))
                    .orderBy(ORACLE_SOURCE_METRICS.ROUND_AT, ORACLE_SOURCE_METRICS.SOURCE_ID).fetch()) {
                Map<String, Object> v = new LinkedHashMap<>();
                v.put("source", m.get(ORACLE_SOURCE_METRICS.SOURCE_ID));
                v.put("status", m.get(ORACLE_SOURCE_METRICS.STATUS));
                v.put("age_seconds", m.get(ORACLE_SOURCE_METRICS.AGE_SECONDS));
                v.put("reported", m.get(ORACLE_SOURCE_METRICS.REPORTED));
                v.put("deviation_bps", m.get(ORACLE_SOURCE_METRICS.DEVIATION_BPS));
                metrics.computeIfAbsent(m.get(ORACLE_SOURCE_METRICS.ROUND_AT), k -> new ArrayList<>()).add(v);
            }
        }
        List<Map<String, Object>> out = new ArrayList<>();
        for (Record r : rows) {
            Map<String, Object> v = new LinkedHashMap<>();
            v.put("at", r.get(ORACLE_ROUNDS.ROUND_AT));
            v.put("seq", r.get(ORACLE_ROUNDS.SEQ));
            v.put("mode", r.get(ORACLE_ROUNDS.MODE));
            v.put("status", r.get(ORACLE_ROUNDS.STATUS));
            v.put("answer", r.get(ORACLE_ROUNDS.ANSWER));
            v.put("fallback_answer", r.get(ORACLE_ROUNDS.FALLBACK_ANSWER));
            v.put("fresh_sources", r.get(ORACLE_ROUNDS.FRESH_SOURCES));
            v.put("counted_weight_bps", r.get(ORACLE_ROUNDS.COUNTED_WEIGHT_BPS));
            v.put("panel_weight_bps", r.get(ORACLE_ROUNDS.PANEL_WEIGHT_BPS));
            v.put("agree_weight_bps", r.get(ORACLE_ROUNDS.AGREE_WEIGHT_BPS));
            v.put("sources", metrics.getOrDefault(r.get(ORACLE_ROUNDS.ROUND_AT), List.of()));
            out.add(v);
        }
        return out;
    }

    /** The seq of the event's Finalized event in the log (what GET /v2/proofs/{seq} proves), or null. */
    public static Long finalizedSeq(DSLContext dsl, String event) {
        return dsl.select(ORACLE_FINALIZED.SEQ).from(ORACLE_FINALIZED).where(ORACLE_FINALIZED.EVENT_ID.eq(event))
                .fetchOne(ORACLE_FINALIZED.SEQ);
    }
}

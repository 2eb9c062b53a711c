package io.mbp.oracle;

import static io.mbp.sql.schema.Tables.ORACLE_EVENTS;
import static io.mbp.sql.schema.Tables.ORACLE_FINALIZED;
import static io.mbp.sql.schema.Tables.ORACLE_ROUNDS;
import static io.mbp.sql.schema.Tables.ORACLE_SOURCES;
import static io.mbp.sql.schema.Tables.ORACLE_SOURCE_METRICS;

import io.mbp.error.VerificationFailedException;
import io.mbp.events.AppendResult;
import io.mbp.events.EventLog;
import io.mbp.events.EventTypes;
import io.mbp.events.NewEvent;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jooq.BatchBindStep;
import org.jooq.DSLContext;

/**
 * The oracle's storage edge: rebuilds {@link OracleState} by replaying the oracle's events from
 * the log, and appends new events together with their projection rows in the caller's transaction.
 */
public final class OracleStore {
    private static final EventTypes TYPES = OracleEvents.TYPES;
    private static final List<String> ORACLE_TYPES = oracleTypeNames();

    private OracleStore() {
    }

    private static List<String> oracleTypeNames() {
        List<String> names = new ArrayList<>();
        for (Class<?> c : OracleEvent.class.getPermittedSubclasses()) {
            names.add(c.getAnnotation(io.mbp.events.EventType.class).value());
        }
        return List.copyOf(names);
    }

    /** The type names of the oracle's family, for scans of the log. */
    static List<String> types() {
        return ORACLE_TYPES;
    }

    /** Takes the log's writer lock first, so the state read next cannot change before we append. */
    public static void lockLog(DSLContext dsl) {
        EventLog.lockWriters(dsl);
    }

    /** Replays every oracle event in the log, in seq order, through {@link OracleState#evolve}. */
    public static OracleState load(DSLContext dsl, OracleParams params) {
        OracleState state = new OracleState(params);
        EventLog.forEachOfTypes(dsl, ORACLE_TYPES, e -> {
            try {
                state.evolve((OracleEvent) TYPES.decode(e.type(), e.payload()));
            } catch (RuntimeException x) {
                // Only mbp oracle commands should write oracle events; one that does not fit
                // (e.g. appended by hand) must stop the oracle rather than be skipped.
                throw new VerificationFailedException("event seq " + e.seq() + " (" + e.type()
                        + ") does not fit the oracle's state replayed so far (" + x + "); investigate the log"
                        + " before running oracle commands", x);
            }
        });
        ReleaseOverrides overrides = new ReleaseOverrides();
        EventLog.forEachOfTypes(dsl, ReleaseOverrides.TYPES, overrides::apply);
        return state.withOverrides(overrides.perEvent());
    }

    /** The log entry for an oracle event decided at {@code ts}. */
    public static NewEvent toNew(OracleEvent e, Instant ts) {
        return NewEvent.of(TYPES, OracleEvent.streamOf(e), ts, e);
    }

    /** Appends the events and writes their projections, inside the caller's transaction. */
    public static AppendResult append(DSLContext dsl, List<NewEvent> entries, List<OracleEvent> events) {
        AppendResult result = EventLog.appendIn(dsl, entries.iterator());
        project(dsl, events, result.firstSeq());
        return result;
    }

    static void project(DSLContext dsl, List<OracleEvent> events, long firstSeq) {
        BatchBindStep rounds = null;
        BatchBindStep metrics = null;
        long seq = firstSeq;
        for (OracleEvent e : events) {
            if (e instanceof OracleEventRegistered r) {
                dsl.insertInto(ORACLE_EVENTS)
                        .set(ORACLE_EVENTS.EVENT_ID, r.event()).set(ORACLE_EVENTS.KIND, r.kind())
                        .set(ORACLE_EVENTS.TITLE, r.title()).set(ORACLE_EVENTS.MIN_ANSWER, r.min())
                        .set(ORACLE_EVENTS.MAX_ANSWER, r.max())
                        .set(ORACLE_EVENTS.OUTCOMES, r.outcomes() == null ? null : String.join(",", r.outcomes()))
                        .set(ORACLE_EVENTS.RESOLVES_AT, r.resolvesAt())
                        .set(ORACLE_EVENTS.STALENESS_SECONDS, r.stalenessSeconds())
                        .set(ORACLE_EVENTS.DISPUTE_WINDOW_SECONDS, r.disputeWindowSeconds())
                        .set(ORACLE_EVENTS.PANEL, r.sources() == null ? null : String.join(",", r.sources()))
                        .set(ORACLE_EVENTS.REGISTERED_SEQ, seq).execute();
            } else if (e instanceof SourceRegistered r) {
                dsl.insertInto(ORACLE_SOURCES).set(ORACLE_SOURCES.SOURCE_ID, r.source()).set(ORACLE_SOURCES.NAME, r.name())
                        .set(ORACLE_SOURCES.WEIGHT_BPS, r.weightBps()).set(ORACLE_SOURCES.STATUS, "active").execute();
            } else if (e instanceof SourceSuspended r) {
                dsl.update(ORACLE_SOURCES).set(ORACLE_SOURCES.STATUS, "suspended")
                        .where(ORACLE_SOURCES.SOURCE_ID.eq(r.source())).execute();
            } else if (e instanceof ReputationChanged r) {
                dsl.update(ORACLE_SOURCES).set(ORACLE_SOURCES.WEIGHT_BPS, r.afterBps())
                        .where(ORACLE_SOURCES.SOURCE_ID.eq(r.source())).execute();
            } else if (e instanceof RoundAggregated r) {
                if (rounds == null) {
                    rounds = dsl.batch(dsl.insertInto(ORACLE_ROUNDS, ORACLE_ROUNDS.EVENT_ID, ORACLE_ROUNDS.ROUND_AT,
                            ORACLE_ROUNDS.MODE, ORACLE_ROUNDS.STATUS, ORACLE_ROUNDS.ANSWER, ORACLE_ROUNDS.FALLBACK_ANSWER,
                            ORACLE_ROUNDS.FRESH_SOURCES, ORACLE_ROUNDS.COUNTED_WEIGHT_BPS, ORACLE_ROUNDS.PANEL_WEIGHT_BPS,
                            ORACLE_ROUNDS.AGREE_WEIGHT_BPS, ORACLE_ROUNDS.SEQ)
                            .values((String) null, null, null, null, null, null, null, null, null, null, null));
                    metrics = dsl.batch(dsl.insertInto(ORACLE_SOURCE_METRICS, ORACLE_SOURCE_METRICS.EVENT_ID,
                            ORACLE_SOURCE_METRICS.ROUND_AT, ORACLE_SOURCE_METRICS.SOURCE_ID, ORACLE_SOURCE_METRICS.STATUS,
                            ORACLE_SOURCE_METRICS.AGE_SECONDS, ORACLE_SOURCE_METRICS.REPORTED,
                            ORACLE_SOURCE_METRICS.DEVIATION_BPS)
                            .values((String) null, null, null, null, null, null, null));
                }
                String answer = r.value() != null ? r.value() : r.outcome();
                rounds.bind(r.event(), r.at(), r.mode(), r.status(), answer, r.fallbackValue(), (int) r.freshSources(),
                        r.countedWeightBps(), r.panelWeightBps(), r.agreeWeightBps(), seq);
                for (String encoded : r.sources()) {
                    Aggregator.Metric m = Aggregator.Metric.decode(encoded);
                    metrics.bind(r.event(), r.at(), m.source(), m.status().wire(),
                            m.ageSeconds() < 0 ? null : m.ageSeconds(), m.reported(), deviationBps(m.reported(), r.value()));
                }
            } else if (e instanceof Finalized r) {
                dsl.insertInto(ORACLE_FINALIZED).set(ORACLE_FINALIZED.EVENT_ID, r.event()).set(ORACLE_FINALIZED.KIND, r.kind())
                        .set(ORACLE_FINALIZED.ANSWER, r.value() != null ? r.value() : r.outcome())
                        .set(ORACLE_FINALIZED.INVALID, r.invalid() ? 1 : 0).set(ORACLE_FINALIZED.VIA, r.via())
                        .set(ORACLE_FINALIZED.FINALIZED_AT, r.finalizedAt()).set(ORACLE_FINALIZED.SEQ, seq).execute();
            }
            seq++;
        }
        if (rounds != null) {
            rounds.execute();
            metrics.execute();
        }
    }

    /** |reported - answer| / |answer| in basis points, rounded half-up; a metric only, never a decision. */
    static Long deviationBps(String reported, String answer) {
        if (reported == null || answer == null || !Decimals.isPlain(reported)) {
            return null;
        }
        BigDecimal c = new BigDecimal(answer);
        if (c.signum() == 0) {
            return null;
        }
        return new BigDecimal(reported).subtract(c).abs().multiply(BigDecimal.valueOf(10_000))
                .divide(c.abs(), 0, RoundingMode.HALF_UP).longValueExact();
    }
}

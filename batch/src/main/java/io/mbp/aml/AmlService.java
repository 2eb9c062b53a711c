package io.mbp.aml;

import io.mbp.aml.alerts.AlertDraft;
import io.mbp.aml.alerts.AlertSink;
import io.mbp.aml.scenarios.DayInput;
import io.mbp.aml.scenarios.Evaluation;
import io.mbp.aml.scenarios.ScenarioDefinition;
import io.mbp.aml.scenarios.ScenarioRegistry;
import io.mbp.aml.scenarios.Scenarios;
import io.mbp.error.BadInputException;
import io.mbp.events.CanonicalJson;
import io.mbp.events.EventLog;
import io.mbp.events.NewEvent;
import io.mbp.events.Timestamps;
import io.mbp.sql.Database;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.jooq.DSLContext;

/**
 * AML monitoring (docs/aml.md): evaluates a day's events with the active scenario definitions and
 * opens their alerts, and is the {@link AlertSink} other sources raise through. The evaluation is
 * {@link Evaluation}, pure; this service loads, appends and projects. Idempotent: an alert key opens
 * one alert however often its day is evaluated.
 */
public final class AmlService implements AlertSink {
    private static final Logger LOG = LogManager.getLogger(AmlService.class);
    private final Database db;
    private final Clock clock;
    private final ScenarioRegistry registry;

    public AmlService(Database db, Clock clock) {
        this(db, clock, Scenarios.registry());
    }

    public AmlService(Database db, Clock clock, ScenarioRegistry registry) {
        this.db = db;
        this.clock = clock;
        this.registry = registry;
    }

    /** What a run did: the scenarios evaluated, alerts found per scenario ref and how many of them were new. */
    public record RunReport(String date, List<String> scenarios, Map<String, Long> found, Map<String, Long> opened, long events) {
        public long foundTotal() {
            return found.values().stream().mapToLong(Long::longValue).sum();
        }

        public long openedTotal() {
            return opened.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    /** Evaluates {@code date} (a UTC day, over by the clock) and opens the new alerts, all in one transaction. */
    public RunReport run(LocalDate date) {
        List<ScenarioDefinition> active = registry.active();
        long baselineDays = active.stream().filter(d -> d.params().containsKey("baseline_days"))
                .mapToLong(d -> d.param("baseline_days")).max().orElse(30);
        RunReport r = db.inTransaction(dsl -> {
            EventLog.lockWriters(dsl);
            DayInput in = DayLoader.load(dsl, date, baselineDays);
            Evaluation.Result result = Evaluation.run(active, in, clock);
            Instant now = clock.instant();
            active.forEach(d -> checkRegistered(dsl, d));
            Map<String, Long> found = new TreeMap<>();
            Map<String, Long> opened = new TreeMap<>();
            active.forEach(d -> {
                found.put(d.ref(), 0L);
                opened.put(d.ref(), 0L);
            });
            for (AlertDraft d : result.drafts()) {
                String ref = d.scenario() + "@" + d.scenarioVersion();
                found.merge(ref, 1L, Long::sum);
                if (AmlStore.alertByKey(dsl, d.key()).isEmpty()) {
                    // a definition enters the log with its first alert: a run that finds nothing logs nothing
                    register(dsl, registry.find(d.scenario(), d.scenarioVersion()).orElseThrow(), now);
                }
                if (raiseIn(dsl, d, now).opened()) {
                    opened.merge(ref, 1L, Long::sum);
                }
            }
            return new RunReport(date.toString(), active.stream().map(ScenarioDefinition::ref).toList(), found, opened, in.activity().size());
        });
        LOG.info("aml run {}: {} events, {} alert(s) found, {} new", date, r.events(), r.foundTotal(), r.openedTotal());
        return r;
    }

    @Override
    public Raised raise(AlertDraft draft) {
        return db.inTransaction(dsl -> {
            EventLog.lockWriters(dsl);
            return raiseIn(dsl, draft, clock.instant());
        });
    }

    public List<Alert> alerts(String status) {
        return db.read(dsl -> AmlStore.alerts(dsl, status, null));
    }

    public Alert alert(String id) {
        return db.read(dsl -> AmlStore.alert(dsl, id)).orElseThrow(() -> new BadInputException("no AML alert " + id));
    }

    /** The definitions the log has seen (registered at first use), newest registry's view. */
    public ScenarioRegistry registry() {
        return registry;
    }

    /** Refuses a definition whose id+version the log registered with other content (ADR 0713). */
    private static boolean checkRegistered(DSLContext dsl, ScenarioDefinition d) {
        var known = AmlStore.scenarioHash(dsl, d.id(), d.version());
        if (known.isPresent() && !known.get().equals(d.contentHash())) {
            throw new BadInputException("scenario " + d.ref() + " differs from the definition the log registered (hash "
                    + known.get().substring(0, 12) + "…): a changed rule must be a new version (ADR 0713)");
        }
        return known.isPresent();
    }

    private static void register(DSLContext dsl, ScenarioDefinition d, Instant now) {
        if (checkRegistered(dsl, d)) {
            return;
        }
        var p = CanonicalJson.MAPPER.createObjectNode();
        d.params().forEach(p::put);
        AmlScenarioRegistered e = new AmlScenarioRegistered(d.id(), d.version(), d.rule(), d.contentHash(), CanonicalJson.canonicalize(p));
        EventLog.appendIn(dsl, List.of(event(e, now)).iterator());
        AmlStore.insertScenario(dsl, e, Timestamps.format(now));
    }

    private static Raised raiseIn(DSLContext dsl, AlertDraft d, Instant now) {
        var existing = AmlStore.alertByKey(dsl, d.key());
        if (existing.isPresent()) {
            return new Raised(existing.get().id(), false);
        }
        String id = alertId(d.key());
        AmlAlertOpened e = new AmlAlertOpened(id, d.key(), d.scenario(), d.scenarioVersion(), d.account(), d.subject(), d.businessDate(),
                d.summary(), d.evidence());
        var appended = EventLog.appendIn(dsl, List.of(event(e, now)).iterator());
        AmlStore.insertAlert(dsl, e, Timestamps.format(now), appended.lastSeq());
        return new Raised(id, true);
    }

    /** "AML-" and 16 hex digits of SHA-256 of the key: the same key names the same alert on every engine and re-run. */
    static String alertId(String key) {
        return "AML-" + sha256(key).substring(0, 16);
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static NewEvent event(AmlEvent e, Instant ts) {
        return NewEvent.of(AmlEvents.TYPES, e.streamId(), ts, e);
    }
}

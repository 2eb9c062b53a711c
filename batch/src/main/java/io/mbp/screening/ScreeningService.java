package io.mbp.screening;

import io.mbp.error.BadInputException;
import io.mbp.events.EventLog;
import io.mbp.events.Identifier;
import io.mbp.events.NewEvent;
import io.mbp.events.Timestamps;
import io.mbp.input.InputLimits;
import io.mbp.sql.Database;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.jooq.DSLContext;

/**
 * Sanctions and PEP screening (docs/screening.md): imports list versions with their deltas, reports
 * their freshness, and screens names against the current versions, logging every query (ADR 0711).
 * Matching itself is {@link Screener}, pure; this service loads, appends and logs.
 */
public final class ScreeningService {
    /** Ids per {@link ScreeningListDelta} event. */
    public static final int DELTA_PART = 2_000;
    public static final Duration DEFAULT_MAX_AGE = Duration.ofHours(1);
    /** List files: 256 MiB, 2,000,000 entries (rows, lines or XML entries), 4,096 characters a field (ADR 0507). */
    public static final InputLimits LIST_LIMITS = new InputLimits(256L * 1024 * 1024, 2_000_000, 4096);
    private static final Logger LOG = LogManager.getLogger(ScreeningService.class);

    /**
     * Turns the normalised queried name into the keyed reference the query event keeps (ADR 0711);
     * the CLI wires the vault's {@code ref}. Runs in the query event's transaction.
     */
    @FunctionalInterface
    public interface NameRefs {
        String ref(DSLContext dsl, String normalisedName);
    }

    private final Database db;
    private final Clock clock;
    private Screener screener;

    public ScreeningService(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** Reads a list file (or OFAC folder) whole; bad input exits 4 and nothing is written. */
    public static ParsedList parse(ListFormat format, Path path, InputLimits limits) {
        return switch (format) {
            case OFAC_CSV -> OfacCsvParser.parse(path, limits);
            case UN_XML -> UnXmlParser.parse(path, limits);
            case FTM -> FtmParser.parse(path, limits);
        };
    }

    /**
     * Records {@code parsed} as the next version of {@code listId}: the version event, the delta
     * events and the entities, in one transaction. A file that hashes like the current version
     * changes nothing (hourly updates re-read the same drop).
     */
    public Imported importList(String listId, ParsedList parsed) {
        try {
            Identifier.require("list", listId);
        } catch (IllegalArgumentException e) {
            throw new BadInputException("--list " + listId + ": " + e.getMessage());
        }
        Imported done = db.inTransaction(dsl -> {
            EventLog.lockWriters(dsl);
            var latest = ScreeningStore.latest(dsl, listId);
            if (latest.isPresent() && latest.get().fileHash().equals(parsed.fileHash())) {
                var v = latest.get();
                return new Imported(listId, v.version(), true, v.format(), v.source(), v.fileHash(), v.entityCount(),
                        new ListDelta(List.of(), List.of(), List.of()));
            }
            int previous = latest.map(ScreeningStore.Version::version).orElse(0);
            int version = previous + 1;
            ListDelta delta = ListDelta.between(ScreeningStore.digests(dsl, listId), parsed.entities());
            Instant now = clock.instant();
            ScreeningStore.replace(dsl, listId, version, parsed.entities());
            ScreeningStore.insertVersion(dsl, new ScreeningStore.Version(listId, version, parsed.format().code(), parsed.source(),
                    parsed.fileHash(), parsed.entities().size(), delta.added().size(), delta.removed().size(),
                    delta.changed().size(), Timestamps.format(now)));
            List<NewEvent> events = new ArrayList<>();
            events.add(event(new ScreeningListImported(listId, version, parsed.format().code(), parsed.source(), parsed.fileHash(),
                    parsed.entities().size(), delta.added().size(), delta.removed().size(), delta.changed().size()), now));
            deltaEvents(listId, version, previous, delta, now, events);
            EventLog.appendIn(dsl, events.iterator());
            return new Imported(listId, version, false, parsed.format().code(), parsed.source(), parsed.fileHash(),
                    parsed.entities().size(), delta);
        });
        if (!done.unchanged()) {
            screener = null;
        }
        LOG.info("screening list {} {}: version {}, {} entities, +{} -{} ~{}", listId, done.unchanged() ? "unchanged" : "imported",
                done.version(), done.entityCount(), done.delta().added().size(), done.delta().removed().size(),
                done.delta().changed().size());
        return done;
    }

    /** Imports the newest drop of every list in {@code dropDir}; stops at the first bad file (exit 4), earlier lists stay imported. */
    public List<Imported> update(Path dropDir, InputLimits limits) {
        List<Imported> out = new ArrayList<>();
        for (DropFolder.Drop d : DropFolder.newest(dropDir)) {
            out.add(importList(d.list(), parse(d.format(), d.path(), limits)));
        }
        return out;
    }

    /** The newest version of every list and whether it is older than {@code maxAge}. */
    public List<ListStatus> status(Duration maxAge) {
        Instant now = clock.instant();
        return db.read(dsl -> ScreeningStore.latestAll(dsl).stream().map(v -> {
            long age = Math.max(0, Duration.between(Instant.parse(v.importedAt()), now).toSeconds());
            return new ListStatus(v.listId(), v.version(), v.format(), v.source(), v.fileHash(), v.entityCount(), v.importedAt(),
                    age, maxAge.toSeconds(), age > maxAge.toSeconds());
        }).toList());
    }

    /**
     * The matcher over the lists' current versions, loaded once per service and again when a version
     * changed (an import here or by another process: a long-running daemon screens against the newest).
     */
    public Screener screener() {
        if (screener != null) {
            Map<String, Integer> now = new java.util.TreeMap<>();
            db.read(ScreeningStore::latestAll).forEach(v -> now.put(v.listId(), v.version()));
            if (!now.equals(screener.index().versions())) {
                screener = null;
            }
        }
        if (screener == null) {
            screener = new Screener(db.read(ScreeningStore::index));
        }
        return screener;
    }

    /**
     * Screens {@code q} and logs the query (who, a keyed reference of the name, the list versions, the
     * hits) in one transaction: a query that is not logged has no result.
     */
    public ScreeningResult check(Query q, BigDecimal threshold, NameRefs refs) {
        return check(q, threshold, refs, screener());
    }

    /**
     * {@link #check(Query, BigDecimal, NameRefs)} against {@code s}: the current lists, or only the
     * entities a delta added or changed ({@link #deltaScreener}); logged the same way.
     */
    public ScreeningResult check(Query q, BigDecimal threshold, NameRefs refs, Screener s) {
        if (threshold.signum() <= 0 || threshold.compareTo(BigDecimal.ONE) > 0) {
            throw new BadInputException("the threshold must be in (0, 1], not " + threshold.toPlainString());
        }
        if (s.index().versions.isEmpty()) {
            throw new BadInputException("no screening list is imported yet: run `mbp screening lists import` first");
        }
        ScreeningResult r = s.screen(q, threshold);
        List<String> qualifiers = new ArrayList<>();
        if (q.birthDate() != null) {
            qualifiers.add("birth_date");
        }
        if (q.country() != null) {
            qualifiers.add("country");
        }
        if (!q.documents().isEmpty()) {
            qualifiers.add("documents");
        }
        if (q.type() != null) {
            qualifiers.add("type:" + q.type().code());
        }
        List<String> versions = r.listVersions().entrySet().stream().map(e -> e.getKey() + "@" + e.getValue()).toList();
        List<String> hits = r.hits().stream().map(h -> h.list() + "/" + h.entityId() + " " + h.score().toPlainString()).toList();
        db.inTransaction(dsl -> {
            EventLog.lockWritersOnSqlite(dsl); // reads the reference secret, then appends
            String ref = refs.ref(dsl, NameNormalizer.key(q.name()));
            EventLog.appendIn(dsl, List.of(event(new ScreeningQueried(q.actor(), ref, qualifiers, versions,
                    threshold.toPlainString(), hits.size(), hits), clock.instant())).iterator());
            return null;
        });
        LOG.info("screening query by {}: {} hit(s) against {}", q.actor(), hits.size(), versions);
        return r;
    }

    /**
     * The ids each list's versions after {@code since} (list id -> version; a list absent: every
     * version) added or changed, from the ScreeningListDelta events: what a customer re-screen on
     * those deltas compares against (issue 13's hooks, ADR 0716).
     */
    public Map<String, java.util.Set<String>> deltaIds(Map<String, Integer> since) {
        Map<String, java.util.Set<String>> out = new java.util.TreeMap<>();
        db.read(dsl -> EventLog.forEachOfTypes(dsl, List.of("ScreeningListDelta"), e -> {
            var d = (ScreeningListDelta) ScreeningEvents.TYPES.decode(e.type(), e.payload());
            if (d.version() > since.getOrDefault(d.listId(), 0)) {
                var ids = out.computeIfAbsent(d.listId(), k -> new java.util.TreeSet<>());
                ids.addAll(d.added());
                ids.addAll(d.changed());
            }
        }));
        return out;
    }

    /** A matcher over only the entities {@code ids} (list id -> entity ids) of the lists' current versions. */
    public Screener deltaScreener(Map<String, java.util.Set<String>> ids) {
        ScreeningIndex all = screener().index();
        ScreeningIndex.Builder b = ScreeningIndex.builder();
        for (int e = 0; e < all.entities.length; e++) {
            String list = all.entityList[e];
            if (ids.getOrDefault(list, java.util.Set.of()).contains(all.entities[e].entityId())) {
                b.add(list, all.versions.get(list), all.entities[e]);
            }
        }
        return new Screener(b.build());
    }

    /** The entity versions screened against, by list id. */
    public Map<String, Integer> versions() {
        return screener().index().versions();
    }

    private static void deltaEvents(String listId, int version, int previous, ListDelta d, Instant now, List<NewEvent> out) {
        List<String[]> ids = new ArrayList<>(); // {kind, id}, in the order added, removed, changed
        d.added().forEach(i -> ids.add(new String[] {"a", i}));
        d.removed().forEach(i -> ids.add(new String[] {"r", i}));
        d.changed().forEach(i -> ids.add(new String[] {"c", i}));
        int parts = Math.max(1, (ids.size() + DELTA_PART - 1) / DELTA_PART);
        for (int p = 0; p < parts; p++) {
            List<String> a = new ArrayList<>();
            List<String> r = new ArrayList<>();
            List<String> c = new ArrayList<>();
            for (String[] x : ids.subList(p * DELTA_PART, Math.min(ids.size(), (p + 1) * DELTA_PART))) {
                (x[0].equals("a") ? a : x[0].equals("r") ? r : c).add(x[1]);
            }
            out.add(event(new ScreeningListDelta(listId, version, previous, p + 1, parts, a, r, c), now));
        }
    }

    private static NewEvent event(ScreeningEvent e, Instant ts) {
        return NewEvent.of(ScreeningEvents.TYPES, e.streamId(), ts, e);
    }
}

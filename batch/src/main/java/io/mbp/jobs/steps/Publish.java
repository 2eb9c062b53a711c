package io.mbp.jobs.steps;

import io.mbp.anchor.AnchorEvents;
import io.mbp.anchor.AnchorPublished;
import io.mbp.custody.NoteSigner;
import io.mbp.error.BadInputException;
import io.mbp.events.EventLog;
import io.mbp.events.EventPayload;
import io.mbp.events.NewEvent;
import io.mbp.evidence.Dsse;
import io.mbp.exports.DailyFigures;
import io.mbp.exports.ExportSet;
import io.mbp.exports.ExportsPublished;
import io.mbp.exports.PublicationEvents;
import io.mbp.exports.StatusSiteBuilt;
import io.mbp.incident.Incident;
import io.mbp.sql.Database;
import io.mbp.status.Glossary;
import io.mbp.slo.SloSpec;
import io.mbp.slo.SloSpecs;
import io.mbp.status.StatusSite;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Publishing to the public, shared by `mbp exports build`, `mbp status build` and the nightly (ADR 0605,
 * 0606): computes from the log, writes the files whole, signs the exports' manifest with the operator key
 * (the evidence bundles' DSSE, ADR 0600) and records what it published in the log, once per distinct
 * result, so a re-run of the same day appends nothing.
 */
public final class Publish {
    private Publish() {
    }

    public record Exports(ExportSet.Written written, ExportsPublished event, boolean recorded) {
    }

    public static Exports exports(Database db, LocalDate date, Path dir, NoteSigner signer, List<String> services, Clock clock) {
        long size = db.read(EventLog::size);
        ExportSet.Written w = ExportSet.write(dir, date.toString(), DailyFigures.compute(db, date, services));
        ExportSet.place(dir, Map.of(ExportSet.ENVELOPE, Dsse.sign(ExportSet.PAYLOAD_TYPE, w.manifest(), signer)
                .getBytes(StandardCharsets.UTF_8)));
        ExportsPublished e = new ExportsPublished(date.toString(), w.manifestSha256(), w.files().stream().map(ExportSet.FileHash::line)
                .toList(), size, signer.verifier().text());
        boolean recorded = record(db, clock, "public-exports", e, p -> p instanceof ExportsPublished x && x.date().equals(e.date())
                && x.manifestSha256().equals(e.manifestSha256()));
        return new Exports(w, e, recorded);
    }

    public record Site(Path dir, int files, String siteSha256, boolean recorded) {
    }

    /**
     * The SLO objectives of {@code specs}; with {@code required} false a missing folder gives none (the nightly's
     * default specs/slo where the job does not run from a checkout): uptime is then given for the services the
     * incidents name, without budgets.
     */
    public static List<SloSpec> objectives(Path specs, boolean required) {
        return !required && !Files.isDirectory(specs) ? List.of() : SloSpecs.load(specs).slos();
    }

    public static Site site(Database db, LocalDate date, YearMonth month, Path out, List<SloSpec> objectives,
                            Path changelog, String exportsBase, Clock clock) {
        String log;
        try {
            log = changelog != null && Files.isRegularFile(changelog) ? Files.readString(changelog) : "";
        } catch (IOException e) {
            throw new BadInputException(changelog + ": " + e.getMessage(), e);
        }
        java.time.Instant end = date.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        List<Incident> incidents = DailyFigures.incidents(db).stream()
                .filter(i -> java.time.Instant.parse(i.startedAt()).isBefore(end)).toList();
        List<AnchorPublished> anchors = new ArrayList<>();
        Map<String, ExportsPublished> exports = new TreeMap<>(Comparator.reverseOrder());
        new EventLog(db).forEachOfTypes(List.of("AnchorPublished", "ExportsPublished"), ev -> {
            if (ev.type().equals("AnchorPublished")) {
                AnchorPublished a = (AnchorPublished) AnchorEvents.TYPES.decode(ev.type(), ev.payload());
                if (java.time.Instant.parse(a.publishedAt()).isBefore(end)) {
                    anchors.add(a);
                }
            } else {
                ExportsPublished x = (ExportsPublished) PublicationEvents.TYPES.decode(ev.type(), ev.payload());
                if (x.date().compareTo(date.toString()) <= 0) {
                    exports.put(x.date(), x);
                }
            }
        });
        long size = db.read(EventLog::size);
        StatusSite.Input in = new StatusSite.Input(date, month, objectives, incidents, log,
                anchors.reversed().stream().limit(5).toList(), exports.values().stream().limit(7).toList(), exportsBase);
        Map<String, byte[]> files = new StatusSite(Glossary.standard()).build(in);
        writeTree(out, files);
        StatusSiteBuilt e = new StatusSiteBuilt(date.toString(), StatusSite.siteHash(files), files.size(), size);
        boolean recorded = record(db, clock, "status-site", e, p -> p instanceof StatusSiteBuilt x && x.date().equals(e.date())
                && x.siteSha256().equals(e.siteSha256()));
        return new Site(out, files.size(), e.siteSha256(), recorded);
    }

    /** Appends {@code e} unless the log already holds an event {@code same} accepts; under the writers' lock. */
    private static boolean record(Database db, Clock clock, String stream, EventPayload e,
                                  java.util.function.Predicate<EventPayload> same) {
        return db.inTransaction(dsl -> {
            EventLog.lockWriters(dsl);
            boolean[] found = {false};
            EventLog.forEachOfTypes(dsl, PublicationEvents.NAMES, ev -> found[0] |= same.test(
                    PublicationEvents.TYPES.decode(ev.type(), ev.payload())));
            if (!found[0]) {
                EventLog.appendIn(dsl, List.of(NewEvent.of(PublicationEvents.TYPES, stream, clock.instant(), e)).iterator());
            }
            return !found[0];
        });
    }

    /**
     * Replaces the folder {@code out} with exactly {@code files}: written beside it first, then swapped in, so a
     * reader sees the old site or the new one. A non-empty folder that is not a status site (no SHA256SUMS) is
     * refused rather than replaced.
     */
    static void writeTree(Path out, Map<String, byte[]> files) {
        Path abs = out.toAbsolutePath().normalize();
        try {
            if (Files.isDirectory(abs) && !Files.isRegularFile(abs.resolve(StatusSite.SUMS))) {
                try (Stream<Path> s = Files.list(abs)) {
                    if (s.findAny().isPresent()) {
                        throw new BadInputException("--out " + out + ": a non-empty folder that is not a status site (no "
                                + StatusSite.SUMS + "); refusing to replace it").about("out");
                    }
                }
            }
            Path parent = Objects.requireNonNull(abs.getParent(), "--out has no parent folder");
            Files.createDirectories(parent);
            Path staging = Files.createTempDirectory(parent, "." + abs.getFileName() + ".staging-");
            for (Map.Entry<String, byte[]> f : files.entrySet()) {
                Path p = staging.resolve(f.getKey());
                Files.createDirectories(p.getParent());
                Files.write(p, f.getValue());
            }
            Path old = null;
            if (Files.exists(abs)) {
                old = Files.createTempDirectory(parent, "." + abs.getFileName() + ".old-");
                Files.delete(old);
                Files.move(abs, old);
            }
            Files.move(staging, abs);
            if (old != null) {
                deleteTree(old);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("writing the status site into " + out + " failed", e);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}

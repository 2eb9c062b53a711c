package io.mbp.gate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mbp.anchor.AnchorStore;
import io.mbp.anchor.StoredAnchor;
import io.mbp.events.EventLog;
import io.mbp.market.MarketEngine;
import io.mbp.market.MarketQuality;
import io.mbp.market.MarketService;
import io.mbp.market.QualityKpis;
import io.mbp.sql.Database;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The evidence of an installation: its database's log and anchors, its output folder ({@code out}:
 * evidence bundles, formal results, audit workpapers, the status site, market-quality reports) and
 * the repository's docs and specs ({@code repo}). A path that starts with {@code out/} is read from
 * the output folder, any other from the repository.
 */
public final class LogEvidenceSource implements EvidenceSource {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Database db;
    private final Path out;
    private final Path repo;
    private final Instant now;
    private final LocalDate date;

    public LogEvidenceSource(Database db, Path out, Path repo, Clock clock, LocalDate date) {
        this.db = db;
        this.out = out;
        this.repo = repo;
        this.now = clock.instant();
        this.date = date;
    }

    @Override
    public List<Found> events(Collection<String> types) {
        List<Found> found = new ArrayList<>();
        new EventLog(db).forEachOfTypes(types, e -> {
            try {
                found.add(new Found(e.seq(), e.type(), e.ts(), JSON.readTree(e.payload())));
            } catch (IOException x) {
                throw new UncheckedIOException("event " + e.seq() + " has a payload that is not JSON", x);
            }
        });
        return found;
    }

    @Override
    public Optional<Path> file(String path) {
        Path p = resolve(path);
        return Files.exists(p) ? Optional.of(p) : Optional.empty();
    }

    @Override
    public Optional<Path> newest(String dir, String name) {
        Path root = resolve(dir);
        if (!Files.isDirectory(root)) {
            return Optional.empty();
        }
        try (Stream<Path> files = Files.walk(root, 4)) {
            return files.filter(f -> f.getFileName().toString().equals(name) && Files.isRegularFile(f))
                    .max(Comparator.comparing(LogEvidenceSource::modified).thenComparing(Path::toString));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + root, e);
        }
    }

    @Override
    public Optional<ChainKey> chainKey() {
        List<StoredAnchor> all = db.read(AnchorStore::all);
        if (all.isEmpty()) {
            return Optional.empty();
        }
        StoredAnchor last = all.get(all.size() - 1);
        return db.read(dsl -> AnchorStore.firstUse(dsl, last.fromAddress()))
                .map(first -> new ChainKey(last.fromAddress(), first, "anchors table, anchor #" + last.id() + " tx " + last.txHash()));
    }

    @Override
    public Optional<QualityKpis.Report> marketQuality(Instant from, Instant to) {
        QualityKpis.Report r = MarketQuality.sample(new MarketService(db, new MarketEngine(), Clock.fixed(to, ZoneOffset.UTC)), from, to,
                MarketQuality.DEFAULT_STEP_SECONDS, MarketQuality.DEFAULT_REF_SIZE);
        return r.overall().samples() == 0 ? Optional.empty() : Optional.of(r);
    }

    @Override
    public Instant now() {
        return now;
    }

    @Override
    public LocalDate date() {
        return date;
    }

    private Path resolve(String path) {
        return path.startsWith("out/") ? out.resolve(path.substring(4)) : repo.resolve(path);
    }

    private static java.nio.file.attribute.FileTime modified(Path p) {
        try {
            return Files.getLastModifiedTime(p);
        } catch (IOException e) {
            return java.nio.file.attribute.FileTime.fromMillis(0);
        }
    }
}

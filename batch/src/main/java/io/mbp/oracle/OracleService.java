package io.mbp.oracle;

import io.mbp.error.BadInputException;
import io.mbp.events.AppendResult;
import io.mbp.events.NewEvent;
import io.mbp.sql.Database;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * The application service the {@code mbp oracle} commands call. Each operation is one
 * transaction: take the log's writer lock, replay the oracle's state from the log, decide, append
 * the events and their projection rows. A refusal rolls everything back.
 */
public final class OracleService {
    private final Database db;
    private final OracleParams params;

    public OracleService(Database db) {
        this(db, OracleParams.DEFAULTS);
    }

    public OracleService(Database db, OracleParams params) {
        this.db = db;
        this.params = params;
    }

    /** What a call decided and where it landed in the log. */
    public record Outcome(List<OracleEvent> events, AppendResult appended) {
        public <T extends OracleEvent> List<T> of(Class<T> type) {
            return events.stream().filter(type::isInstance).map(type::cast).toList();
        }
    }

    /** One decision step: a command and the clock it is decided at. */
    public record Step(OracleCommand command, Clock clock) {
        public static Step at(OracleCommand command, Instant at) {
            return new Step(command, Clock.fixed(at, ZoneOffset.UTC));
        }
    }

    /** Decides the steps in order, each on the state the previous ones left, and commits them together. */
    public Outcome run(List<Step> steps) {
        return run(state -> steps);
    }

    /** Like {@link #run(List)}, with the steps planned on the state read under the log's writer lock. */
    private Outcome run(java.util.function.Function<OracleState, List<Step>> plan) {
        return db.inTransaction(dsl -> {
            OracleStore.lockLog(dsl);
            OracleState state = OracleStore.load(dsl, params);
            List<Step> steps = plan.apply(state);
            List<OracleEvent> all = new ArrayList<>();
            List<NewEvent> entries = new ArrayList<>();
            for (Step step : steps) {
                List<OracleEvent> decided = OracleEngine.decide(state, step.command(), step.clock());
                Instant ts = step.clock().instant();
                for (OracleEvent e : decided) {
                    state.evolve(e);
                    all.add(e);
                    entries.add(OracleStore.toNew(e, ts));
                }
            }
            AppendResult r = OracleStore.append(dsl, entries, all);
            return new Outcome(all, r);
        });
    }

    public Outcome run(OracleCommand command, Clock clock) {
        return run(List.of(new Step(command, clock)));
    }

    public OracleState state() {
        return db.read(dsl -> OracleStore.load(dsl, params));
    }

    public Outcome registerEvents(Path file, Clock clock) {
        List<Step> steps = new ArrayList<>();
        for (EventFiles.Entry e : EventFiles.read(file)) {
            steps.add(new Step(new OracleCommand.RegisterEvent(e.registration(), e.input()), clock));
        }
        return run(steps);
    }

    /** Rounds at {@code from}, then every {@code every} up to and including {@code until}. */
    public Outcome aggregate(List<String> events, Instant from, Instant until, Duration every) {
        if (until.isBefore(from)) {
            throw new BadInputException("the rounds would end at " + until + ", before they start at " + from)
                    .about("round-span");
        }
        if (every.isZero() || every.isNegative()) {
            throw new BadInputException("the interval between rounds must be a positive duration such as PT10M")
                    .about("round-interval");
        }
        List<Step> steps = new ArrayList<>();
        for (Instant t = from; !t.isAfter(until); t = t.plus(every)) {
            steps.add(Step.at(new OracleCommand.Aggregate(events), t));
            if (steps.size() > 100_000) {
                throw new BadInputException("more than 100000 rounds requested; use a longer interval or a shorter span")
                        .about("round-interval");
            }
        }
        return run(steps);
    }

    /**
     * Rounds at {@code from}, then every {@code every} while before {@code until}, each event only at
     * times after its last round: the nightly job's entry point, so a re-run over a span already
     * aggregated (by an earlier run or by hand with {@link #aggregate}) appends nothing.
     */
    public Outcome aggregateMissing(Instant from, Instant until, Duration every) {
        if (every.isZero() || every.isNegative()) {
            throw new BadInputException("the interval between rounds must be a positive duration such as PT10M")
                    .about("round-interval");
        }
        return run(state -> {
            List<Step> steps = new ArrayList<>();
            for (Instant t = from; t.isBefore(until); t = t.plus(every)) {
                List<String> due = new ArrayList<>();
                for (OracleState.EventState es : state.events().values()) {
                    if (es.phase() != OracleState.Phase.FINALIZED && (es.lastRoundAt() == null || t.isAfter(es.lastRoundAt()))) {
                        due.add(es.spec().id());
                    }
                }
                // An empty list would mean "every event" to Aggregate: a time nobody is due at is skipped.
                if (!due.isEmpty()) {
                    steps.add(Step.at(new OracleCommand.Aggregate(due), t));
                }
                if (steps.size() > 100_000) {
                    throw new BadInputException("more than 100000 rounds requested; use a longer interval or a shorter span")
                        .about("round-interval");
                }
            }
            return steps;
        });
    }

    /** A source registration: its display name is its id unless it is given one. */
    public static SourceRegistered source(String id, String name, long weightBps) {
        return new SourceRegistered(id, name == null ? id : name, weightBps);
    }

    /** A committee member: their display name is their id unless they are given one. */
    public static CommitteeMemberAdded member(String id, String name) {
        return new CommitteeMemberAdded(id, name == null ? id : name);
    }

    /** Registers the sources in order, in one transaction. */
    public Outcome registerSources(List<SourceRegistered> sources, Clock clock) {
        return run(sources.stream().map(r -> new Step(new OracleCommand.RegisterSource(r), clock)).toList());
    }

    /** Adds the committee members in order, in one transaction. */
    public Outcome addCommittee(List<CommitteeMemberAdded> members, Clock clock) {
        return run(members.stream().map(m -> new Step(new OracleCommand.AddCommitteeMember(m), clock)).toList());
    }

    public record IngestResult(Outcome outcome, long accepted, long rejected, Path rejectsFile) {
    }

    /**
     * Ingests a report file. Rejected lines go to {@code rejects} (CSV: input, reason, detail and
     * the fields as read) and to {@link ReportRejected} events; the file is moved into place only
     * once the events are committed, so the two always agree. Without {@code rejects} (null) they go
     * next to the file, to {@code FILE.rejects.csv}.
     */
    public IngestResult ingest(Path file, Path rejects, Clock clock) {
        if (rejects == null) {
            rejects = file.resolveSibling(file.getFileName() + ".rejects.csv");
        }
        List<OracleCommand.RawReport> rows = ReportFiles.read(file);
        Path tmp;
        try {
            Path dir = rejects.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            tmp = Files.createTempFile(dir, ".rejects", ".tmp");
        } catch (IOException e) {
            throw new BadInputException("cannot write the rejects file " + rejects + ": " + e.getMessage());
        }
        try {
            Outcome o = run(List.of(new Step(new OracleCommand.Ingest(rows), clock)));
            List<ReportRejected> rejected = o.of(ReportRejected.class);
            writeRejects(tmp, rejected);
            Files.move(tmp, rejects, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return new IngestResult(o, o.of(ReportReceived.class).size(), rejected.size(), rejects);
        } catch (IOException e) {
            throw new UncheckedIOException("writing the rejects file " + rejects, e);
        } finally {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException ignored) {
                // the temp file is already moved or was never written
            }
        }
    }

    private static void writeRejects(Path tmp, List<ReportRejected> rejected) throws IOException {
        try (BufferedWriter w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8);
             CSVPrinter p = new CSVPrinter(w, CSVFormat.DEFAULT.builder()
                     .setHeader("input", "reason", "detail", "source", "event", "observed_at", "value").get())) {
            for (ReportRejected r : rejected) {
                p.printRecord(r.input(), r.reason(), r.detail(), r.source(), r.event(), r.observedAt(), r.value());
            }
        }
    }
}

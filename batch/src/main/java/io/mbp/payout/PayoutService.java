package io.mbp.payout;

import io.mbp.error.BadInputException;
import io.mbp.error.VerificationFailedException;
import io.mbp.events.Event;
import io.mbp.events.EventLog;
import io.mbp.events.EventPayload;
import io.mbp.events.EventTypes;
import io.mbp.events.NewEvent;
import io.mbp.events.Timestamps;
import io.mbp.sql.Database;
import io.mbp.sql.Engine;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * The payout application service: folds the log into a {@link PayoutBook}, instructs what origins
 * owe, and runs the {@link PayoutRunner} with the log as its sink. Holds no printing.
 */
public final class PayoutService {
    private static final Logger LOG = LogManager.getLogger(PayoutService.class);
    /** The stable type names of this family, read from the sealed interface (not from a name prefix). */
    public static final Set<String> TYPES = java.util.Arrays.stream(PayoutEvent.class.getPermittedSubclasses())
            .map(c -> c.getAnnotation(io.mbp.events.EventType.class).value())
            .collect(java.util.stream.Collectors.toUnmodifiableSet());

    private final Database db;
    private final Clock clock;
    /** Payout appends its own family and decodes the market events its origins read. */
    private final EventTypes types = EventTypes.of(PayoutEvent.class, io.mbp.market.MarketEvent.class);

    public PayoutService(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    public record RunSummary(LocalDate date, int instructed, PayoutRunner.Report report, int returns, long paidTotal,
                             List<Refusal> refused) {
        public RunSummary {
            refused = List.copyOf(refused);
        }
    }

    /** An instruction the gate held back this run (nothing sent): account and reason, no personal data. */
    public record Refusal(String instructionId, String account, long amount, String reason) {
    }

    public record History(Payout payout, List<Event> events) {
    }

    public record Mttr(int samples, Duration p50, Duration p95, Duration max) {
        /** The target: recovered payouts confirm within 4 h of their first failure, at p95. */
        public static final Duration TARGET_P95 = Duration.ofHours(4);

        /** Whether p95 is within the target; a range without a recovered payout meets it. */
        public boolean targetMet() {
            return p95 == null || p95.compareTo(TARGET_P95) <= 0;
        }

        /** Time from first failure to confirmation over {@code payouts} confirmed in [from, to). */
        public static Mttr over(java.util.Collection<Payout> payouts, Instant from, Instant to) {
            List<Long> ms = new ArrayList<>();
            for (Payout p : payouts) {
                if (p.firstFailureAt() != null && p.confirmedAt() != null && !p.confirmedAt().isBefore(from)
                        && p.confirmedAt().isBefore(to)) {
                    ms.add(Duration.between(p.firstFailureAt(), p.confirmedAt()).toMillis());
                }
            }
            ms.sort(null);
            if (ms.isEmpty()) {
                return new Mttr(0, null, null, null);
            }
            return new Mttr(ms.size(), Duration.ofMillis(rank(ms, 50)), Duration.ofMillis(rank(ms, 95)),
                    Duration.ofMillis(ms.get(ms.size() - 1)));
        }
    }

    /** Instructions in the state {@code status} (every one when null), from the log. */
    public List<Payout> list(PayoutStatus status) {
        return book().all().stream().filter(p -> status == null || p.status() == status).toList();
    }

    public PayoutBook book() {
        PayoutBook book = new PayoutBook();
        new EventLog(db).forEachOfTypes(TYPES, e -> book.apply((PayoutEvent) types.decode(e.type(), e.payload()),
                Timestamps.parse("ts", e.ts())));
        return book;
    }

    /**
     * Appends a PayoutInstructed for every origin event dated on or before {@code date} whose source
     * (origin, reference, account) has none yet, under any id scheme.
     */
    public int instructDue(LocalDate date, PayoutBook book) {
        List<PayoutOrigin> origins = PayoutOrigins.all(db);
        Set<String> originTypes = new HashSet<>();
        for (PayoutOrigin o : origins) {
            originTypes.addAll(o.eventTypes());
        }
        List<PayoutInstructed> candidates = new ArrayList<>();
        new EventLog(db).forEachOfTypes(originTypes, e -> {
            if (dateOf(e.ts()).isAfter(date)) {
                return;
            }
            EventPayload p = types.decode(e.type(), e.payload());
            for (PayoutOrigin o : origins) {
                if (o.eventTypes().contains(e.type())) {
                    o.instructionFor(p).ifPresent(candidates::add);
                }
            }
        });
        List<PayoutEvent> out = PayoutEngine.decide(book, new PayoutCommand.InstructDue(candidates), clock);
        if (!out.isEmpty()) {
            Instant now = clock.instant();
            sink().append(out, now);
            for (PayoutEvent e : out) {
                book.apply(e, now);
            }
        }
        return out.size();
    }

    /**
     * {@code mbp payouts run}: instruct, ask the gate about everything not final nor parked, send what
     * it allows with up to {@code parallelism} requests in flight, then record the day's returns. A
     * refused instruction is not sent and stays pending (ADR 0704).
     */
    public RunSummary run(LocalDate date, PixRail rail, PayoutRunner.Sleeper sleeper, RetryPolicy policy, int parallelism,
                          Payees payees) throws InterruptedException {
        return run(date, rail, sleeper, policy, parallelism, payees, false);
    }

    /**
     * {@link #run} where, on PostgreSQL, {@code waitForPeers} makes this worker, once nothing is left to
     * claim, wait for the other workers' claims to end and then send what a peer left unsent (it died):
     * the nightly's lock holder does, since its later steps (seal, evidence) need the whole day's
     * outcomes in the log. A peer that joined it, or a plain `mbp payouts run`, does not wait.
     */
    public RunSummary run(LocalDate date, PixRail rail, PayoutRunner.Sleeper sleeper, RetryPolicy policy, int parallelism,
                          Payees payees, boolean waitForPeers) throws InterruptedException {
        if (db.engine() == Engine.POSTGRESQL) {
            return runClaimed(date, rail, sleeper, policy, parallelism, payees, waitForPeers);
        }
        // H2 and SQLite: one worker at a time (one machine; the nightly's job lock), so no claims
        PayoutBook book = book();
        int instructed = instructDue(date, book);
        List<Refusal> refused = new ArrayList<>();
        List<String> work = sendable(book, book.all(), payees, refused);
        payees.keys().prepare(work.stream().map(id -> book.get(id).instruction()).toList());
        PayoutRunner runner = new PayoutRunner(rail, book, sink(), clock, sleeper, policy, parallelism, payees.keys());
        PayoutRunner.Report report = runner.run(work);
        int returns = runner.recordReturns(rail.returns(date));
        return summary(date, instructed, work.size(), report, returns, refused);
    }

    /**
     * The run on PostgreSQL, where several workers may run it at once on one database (ADR 0310):
     * instructing and returns are serialized by an advisory lock, and instructions are sent in
     * batches this worker claims with {@code FOR UPDATE SKIP LOCKED}, so each worker sends what the
     * others do not hold. A claimed batch is re-read from the log first: what a peer finished before
     * we claimed it is not sent again.
     */
    private RunSummary runClaimed(LocalDate date, PixRail rail, PayoutRunner.Sleeper sleeper, RetryPolicy policy,
                                  int parallelism, Payees payees, boolean waitForPeers) throws InterruptedException {
        try (PayoutClaims claims = PayoutClaims.open(db, clock)) {
            int instructed = claims.serialized("instruct", () -> instructDue(date, book()));
            List<String> open = new ArrayList<>();
            for (Payout p : book().all()) {
                if (workable(p.status())) {
                    open.add(p.id());
                }
            }
            claims.offer(open);
            List<Refusal> refused = new ArrayList<>();
            PayoutRunner.Report total = new PayoutRunner.Report(0, 0, 0, 0, 0, 0);
            int worked = 0;
            int batch = Math.max(8, parallelism * 4);
            boolean waited = !waitForPeers;
            while (true) {
                List<String> mine = claims.claim(open, batch);
                if (mine.isEmpty() && !waited && !open.isEmpty()) {
                    // what is left is held by peers: wait for their claims to end; the re-read below skips
                    // what they finished and sends what a dead peer left
                    waited = true;
                    mine = claims.claimWaiting(open);
                }
                if (mine.isEmpty()) {
                    break; // done, or every instruction left is held by another worker
                }
                open.removeAll(mine);
                try {
                    PayoutBook book = book();
                    List<String> work = sendable(book, mine.stream().map(book::get).toList(), payees, refused);
                    payees.keys().prepare(work.stream().map(id -> book.get(id).instruction()).toList());
                    PayoutRunner.Report r = new PayoutRunner(rail, book, sink(), clock, sleeper, policy, parallelism,
                            payees.keys()).run(work);
                    worked += work.size();
                    total = new PayoutRunner.Report(total.attempted() + r.attempted(), total.confirmed() + r.confirmed(),
                            total.pending() + r.pending(), total.parked() + r.parked(),
                            total.failedAttempts() + r.failedAttempts(), total.confirmedAmount() + r.confirmedAmount());
                } finally {
                    claims.release();
                }
            }
            LOG.info("payouts {}: worker {} claimed its share of the run", date, claims.worker());
            int returns = claims.serialized("returns", () -> new PayoutRunner(rail, book(), sink(), clock, sleeper, policy)
                    .recordReturns(rail.returns(date)));
            return summary(date, instructed, worked, total, returns, refused);
        }
    }

    private static boolean workable(PayoutStatus s) {
        return s == PayoutStatus.SENT || s == PayoutStatus.PENDING || s == PayoutStatus.FAILED || s == PayoutStatus.RETRIED;
    }

    /**
     * The ids of {@code candidates} to work: those at the PSP (only its answer is awaited) and those
     * to send that the gate allows; a refused one is not sent and stays pending (ADR 0704).
     */
    private static List<String> sendable(PayoutBook book, Collection<Payout> candidates, Payees payees, List<Refusal> refused) {
        Map<String, Long> paid = paidByAccount(book);
        List<String> work = new ArrayList<>();
        for (Payout p : candidates) {
            if (p.status() == PayoutStatus.SENT) {
                work.add(p.id());
            } else if (workable(p.status())) {
                String account = p.instruction().account();
                Optional<String> why = payees.gate().refusal(p, paid.getOrDefault(account, 0L));
                if (why.isPresent()) {
                    refused.add(new Refusal(p.id(), account, p.amount(), why.get()));
                    LOG.warn("payout {} not sent: account {}: {}", p.id(), account, why.get());
                    continue;
                }
                paid.merge(account, p.amount(), Long::sum);
                work.add(p.id());
            }
        }
        return work;
    }

    private static RunSummary summary(LocalDate date, int instructed, int worked, PayoutRunner.Report report, int returns,
                                      List<Refusal> refused) {
        LOG.info("payouts {}: {} instructed, {} worked: {} attempted, {} confirmed ({} centavos), {} pending, {} parked,"
                + " {} failed attempt(s), {} return event(s), {} refused by the gate", date, instructed, worked,
                report.attempted(), report.confirmed(), report.confirmedAmount(), report.pending(), report.parked(),
                report.failedAttempts(), returns, refused.size());
        return new RunSummary(date, instructed, report, returns, report.confirmedAmount(), refused);
    }

    /** What each account's instructions have sent or been paid: the unverified limit counts it. */
    private static Map<String, Long> paidByAccount(PayoutBook book) {
        Map<String, Long> out = new HashMap<>();
        for (Payout p : book.all()) {
            if (p.status() == PayoutStatus.SENT || p.status() == PayoutStatus.CONFIRMED || p.status() == PayoutStatus.RETURNED) {
                out.merge(p.instruction().account(), p.amount(), Long::sum);
            }
        }
        return out;
    }

    /** {@code mbp payouts retry ID}: an operator's retry of a parked or failed payout, then one bounded run. */
    public Payout retry(String id, String by, PixRail rail, PayoutRunner.Sleeper sleeper, RetryPolicy policy, Payees payees)
            throws InterruptedException {
        PayoutBook book = book();
        Payout p = require(book, id);
        id = p.id();
        Map<String, Long> paid = paidByAccount(book);
        Optional<String> why = payees.gate().refusal(p, paid.getOrDefault(p.instruction().account(), 0L));
        if (why.isPresent()) {
            throw new VerificationFailedException("payout " + id + " not sent: account " + p.instruction().account() + ": "
                    + why.get());
        }
        payees.keys().prepare(List.of(p.instruction()));
        List<PayoutEvent> ev = PayoutEngine.decide(book, new PayoutCommand.OperatorRetry(id, by), clock);
        PayoutRunner.EventSink sink = sink();
        Instant now = clock.instant();
        sink.append(ev, now);
        for (PayoutEvent e : ev) {
            book.apply(e, now);
        }
        LOG.info("payout {}: operator retry (attempt {})", id, p.attempt() + 1);
        new PayoutRunner(rail, book, sink, clock, sleeper, policy, 1, payees.keys()).run(List.of(id));
        Payout after = book.get(id);
        LOG.info("payout {} after the operator's retry: {} (attempt {})", id, after.status().label(), after.attempt());
        return after;
    }

    public History show(String id) {
        Payout p = require(book(), id);
        List<Event> events = new ArrayList<>();
        new EventLog(db).forEachOfTypes(TYPES, e -> {
            if (e.stream().equals(p.id())) {
                events.add(e);
            }
        });
        return new History(p, events);
    }

    /** {@link #mttr(Instant, Instant)} over payouts confirmed on the UTC dates {@code from} to {@code to}, inclusive. */
    public Mttr mttr(LocalDate from, LocalDate to) {
        return mttr(from.atStartOfDay(ZoneOffset.UTC).toInstant(), to.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant());
    }

    /** Time from a payout's first failure to its confirmation, for payouts confirmed in [from, to). */
    public Mttr mttr(Instant from, Instant to) {
        return Mttr.over(book().all(), from, to);
    }

    /** Nearest-rank percentile: integer arithmetic, so the same log gives the same p95 everywhere. */
    static long rank(List<Long> sorted, int pct) {
        int k = (int) ((pct * (long) sorted.size() + 99) / 100);
        return sorted.get(Math.max(0, k - 1));
    }

    private PayoutRunner.EventSink sink() {
        EventLog log = new EventLog(db);
        return (events, at) -> {
            List<NewEvent> out = new ArrayList<>();
            for (PayoutEvent e : events) {
                out.add(NewEvent.of(types, e.instructionId(), at, e));
            }
            log.append(out);
        };
    }

    /**
     * The instruction with id {@code id}, or else the one instruction whose origin reference it is
     * (a withdrawal id, a settlement's {@code <market>:<account>}): ids are digests (ADR 0506), and
     * operators know the withdrawal.
     */
    private static Payout require(PayoutBook book, String id) {
        Payout p = book.get(id);
        if (p != null) {
            return p;
        }
        List<Payout> byRef = book.all().stream().filter(x -> x.instruction().originRef().equals(id)).toList();
        if (byRef.size() == 1) {
            return byRef.get(0);
        }
        if (byRef.isEmpty()) {
            throw new BadInputException("no payout instruction " + id + " (see `mbp payouts list`)");
        }
        throw new BadInputException(byRef.size() + " payout instructions have origin reference " + id + " ("
                + String.join(", ", byRef.stream().map(Payout::id).toList()) + "): name one by its instruction id");
    }

    public static LocalDate dateOf(String ts) {
        return Timestamps.parse("ts", ts).atZone(ZoneOffset.UTC).toLocalDate();
    }
}

package io.mbp.payout;

import io.mbp.net.Urls;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Drives instructions through the rail: send, on a retryable failure wait the backoff and send the
 * same id again, poll pending ones, park what cannot succeed. Each transition is handed to the
 * {@link EventSink} before the next I/O, so a crash at any point leaves a log from which the next
 * run resumes (re-sending an id is safe: the PSP de-duplicates it).
 */
public final class PayoutRunner {
    private static final Logger LOG = LogManager.getLogger(PayoutRunner.class);
    /** Persists events (the log in production, a list in tests). */
    public interface EventSink {
        void append(List<PayoutEvent> events, Instant at);
    }

    /** Waits; tests pass one that moves a fake clock instead of sleeping. */
    public interface Sleeper {
        void sleep(Duration d) throws InterruptedException;
    }

    public record Report(int attempted, int confirmed, int pending, int parked, int failedAttempts, long confirmedAmount) {
    }

    private final PixRail rail;
    private final EventSink sink;
    private final Clock clock;
    private final Sleeper sleeper;
    private final RetryPolicy policy;
    private final PayoutBook book;
    private final int parallelism;
    private final PayeeKeys keys;

    public PayoutRunner(PixRail rail, PayoutBook book, EventSink sink, Clock clock, Sleeper sleeper, RetryPolicy policy) {
        this(rail, book, sink, clock, sleeper, policy, 1);
    }

    public PayoutRunner(PixRail rail, PayoutBook book, EventSink sink, Clock clock, Sleeper sleeper, RetryPolicy policy,
                        int parallelism) {
        this(rail, book, sink, clock, sleeper, policy, parallelism, PayeeKeys.CLEAR_ONLY);
    }

    /** With {@code keys} reading each instruction's PIX key when it is sent (ADR 0703). */
    public PayoutRunner(PixRail rail, PayoutBook book, EventSink sink, Clock clock, Sleeper sleeper, RetryPolicy policy,
                        int parallelism, PayeeKeys keys) {
        this.keys = keys;
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism must be >= 1");
        }
        this.parallelism = parallelism;
        this.rail = rail;
        this.book = book;
        this.sink = sink;
        this.clock = clock;
        this.sleeper = sleeper;
        this.policy = policy;
    }

    private record Due(Instant at, long order, String id, int polls) implements Comparable<Due> {
        @Override
        public int compareTo(Due o) {
            int c = at.compareTo(o.at);
            return c != 0 ? c : Long.compare(order, o.order);
        }
    }

    /**
     * Works the given instructions until each is confirmed, parked, or still pending after the poll
     * bound. Instructions go in waves of up to {@code parallelism}: the wave's start events are
     * appended in one transaction before any request leaves, the requests run concurrently, and
     * their outcomes are appended in one transaction (a group commit; the invariant "Sent is durable
     * before the call" holds for every instruction).
     */
    public Report run(Collection<String> ids) throws InterruptedException {
        PriorityQueue<Due> queue = new PriorityQueue<>();
        long order = 0;
        Instant start = clock.instant();
        for (String id : ids) {
            queue.add(new Due(start, order++, id, 0));
        }
        int attempted = 0;
        int failedAttempts = 0;
        ExecutorService pool = parallelism > 1 ? Executors.newFixedThreadPool(parallelism) : null;
        try {
            while (!queue.isEmpty()) {
                Instant now = clock.instant();
                if (queue.peek().at().isAfter(now)) {
                    sleeper.sleep(Duration.between(now, queue.peek().at()));
                    now = clock.instant();
                }
                List<Due> wave = new ArrayList<>();
                while (!queue.isEmpty() && !queue.peek().at().isAfter(now) && wave.size() < parallelism) {
                    wave.add(queue.poll());
                }
                List<PayoutEvent> starts = new ArrayList<>();
                List<Due> work = new ArrayList<>();
                List<Boolean> polling = new ArrayList<>();
                for (Due d : wave) {
                    Payout p = book.get(d.id());
                    if (p.status() == PayoutStatus.SENT) {
                        work.add(d);
                        polling.add(true);
                    } else {
                        List<PayoutEvent> st = PayoutEngine.decide(book, new PayoutCommand.StartAttempt(p.id()), clock);
                        if (!st.isEmpty()) {
                            starts.addAll(st);
                            work.add(d);
                            polling.add(false);
                            attempted++;
                        }
                    }
                }
                emit(starts);
                List<Callable<RailResult>> calls = new ArrayList<>();
                for (int k = 0; k < work.size(); k++) {
                    Payout p = book.get(work.get(k).id());
                    boolean poll = polling.get(k);
                    calls.add(() -> call(p, poll));
                }
                List<RailResult> results = new ArrayList<>();
                if (pool == null) {
                    for (Callable<RailResult> c : calls) {
                        results.add(callQuietly(c));
                    }
                } else {
                    for (Future<RailResult> f : pool.invokeAll(calls)) {
                        try {
                            results.add(f.get());
                        } catch (ExecutionException e) {
                            results.add(new RailResult.Failed("client error: " + e.getCause(), true));
                        }
                    }
                }
                List<PayoutEvent> outcomes = new ArrayList<>();
                for (int k = 0; k < work.size(); k++) {
                    outcomes.addAll(PayoutEngine.decide(book,
                            new PayoutCommand.RecordRailResult(work.get(k).id(), results.get(k), policy), clock));
                }
                emit(outcomes);
                for (Due d : work) {
                    Payout after = book.get(d.id());
                    switch (after.status()) {
                        case FAILED -> {
                            failedAttempts++;
                            LOG.info("payout {} attempt {} failed ({}); retry after {} ms", after.id(), after.attempt(),
                                    Urls.mask(after.lastReason()), policy.delayAfter(after.id(), after.attempt()).toMillis());
                            queue.add(new Due(clock.instant().plus(policy.delayAfter(after.id(), after.attempt())), order++,
                                    after.id(), 0));
                        }
                        case PARKED -> {
                            failedAttempts++;
                            LOG.info("payout {} parked after attempt {}: {}", after.id(), after.attempt(),
                                    Urls.mask(after.lastReason()));
                        }
                        case SENT -> {
                            if (d.polls() < policy.maxPolls()) {
                                queue.add(new Due(clock.instant().plus(policy.delayAfter(after.id(), d.polls() + 1)),
                                        order++, after.id(), d.polls() + 1));
                            }
                        }
                        default -> {
                        }
                    }
                }
            }
        } finally {
            if (pool != null) {
                pool.shutdownNow();
            }
        }
        int confirmed = 0;
        int pending = 0;
        int parked = 0;
        long amount = 0;
        for (String id : ids) {
            Payout p = book.get(id);
            switch (p.status()) {
                case CONFIRMED, RETURNED -> {
                    confirmed++;
                    amount += p.amount();
                }
                case PARKED -> parked++;
                default -> pending++;
            }
        }
        return new Report(attempted, confirmed, pending, parked, failedAttempts, amount);
    }

    /** One request for one instruction; runs on a pool thread, touches no shared state but the rail. */
    private RailResult call(Payout p, boolean poll) {
        try {
            return attempt(p, poll);
        } catch (io.mbp.error.MbpException e) {
            // the key could not be read (subject erased, registration changed, no vault): not retryable
            return new RailResult.Failed("payee key unavailable: " + e.getMessage(), false);
        }
    }

    private RailResult attempt(Payout p, boolean poll) {
        RailResult r;
        if (poll) {
            r = rail.status(p.id()); // resumed after a crash, or polling a late confirmation
            if (r instanceof RailResult.Failed f && "unknown".equals(f.reason())) {
                r = rail.send(order(p)); // the PSP never got it: same id, same attempt
            }
        } else {
            r = rail.send(order(p));
        }
        if (r instanceof RailResult.Failed f && f.retryable() && p.attempt() >= policy.maxAttempts()) {
            // Before giving up, ask: a timeout may have hidden a success, and parking a paid
            // payout would make the operator pay it again by other means.
            RailResult known = rail.status(p.id());
            if (!(known instanceof RailResult.Failed)) {
                r = known;
            }
        }
        return r;
    }

    private static RailResult callQuietly(Callable<RailResult> c) {
        try {
            return c.call();
        } catch (Exception e) {
            return new RailResult.Failed("client error: " + e, true);
        }
    }

    /** Records the devoluções the PSP reports for instructions we know; re-reading them is a no-op. */
    public int recordReturns(List<PixRail.RailReturn> returns) {
        int n = 0;
        for (PixRail.RailReturn r : returns) {
            List<PayoutEvent> ev = PayoutEngine.decide(book, new PayoutCommand.RecordReturn(r), clock);
            emit(ev);
            n += ev.size();
        }
        return n;
    }

    private void emit(List<PayoutEvent> events) {
        if (events.isEmpty()) {
            return;
        }
        Instant at = clock.instant();
        sink.append(events, at);
        for (PayoutEvent e : events) {
            book.apply(e, at);
        }
    }

    private PixRail.PaymentOrder order(Payout p) {
        return new PixRail.PaymentOrder(p.id(), p.instruction().account(), keys.clearKey(p.instruction()), p.amount());
    }

    static List<String> ids(Collection<Payout> ps) {
        List<String> out = new ArrayList<>();
        for (Payout p : ps) {
            out.add(p.id());
        }
        return out;
    }
}

package io.mbp.payout;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The payout engine: {@link #decide}{@code (book, command, clock) -> events} (or a
 * {@link PayoutRefusedException}) and one {@link #evolve}, folded per instruction by
 * {@link PayoutBook#apply}. No I/O: services load, call decide, append (docs/adr/0007). Live runs and
 * replays use the same {@link #evolve}, so the folded state of the log is what the runner acted on.
 */
public final class PayoutEngine {
    private PayoutEngine() {
    }

    /** The one entry point of the payout decisions; the clock is unused today (events take the append time). */
    public static List<PayoutEvent> decide(PayoutBook book, PayoutCommand command, Clock clock) {
        if (command instanceof PayoutCommand.InstructDue c) {
            return instructDue(book, c.candidates());
        } else if (command instanceof PayoutCommand.StartAttempt c) {
            return startAttempt(require(book, c.instructionId()));
        } else if (command instanceof PayoutCommand.RecordRailResult c) {
            return outcome(require(book, c.instructionId()), c.result(), c.policy());
        } else if (command instanceof PayoutCommand.OperatorRetry c) {
            return operatorRetry(require(book, c.instructionId()), c.by());
        } else if (command instanceof PayoutCommand.RecordReturn c) {
            Payout p = book.get(c.railReturn().instructionId());
            if (p == null || (p.status() != PayoutStatus.CONFIRMED && p.status() != PayoutStatus.RETURNED)) {
                return List.of();
            }
            return returned(p, c.railReturn().returnId(), c.railReturn().amount(), c.railReturn().reason());
        }
        throw new IllegalArgumentException("unknown payout command " + command);
    }

    /**
     * One PayoutInstructed per source (origin, reference, account) that has no instruction yet, under
     * any id scheme: instructions logged under the old scheme still count (ADR 0506).
     */
    static List<PayoutEvent> instructDue(PayoutBook book, List<PayoutInstructed> candidates) {
        List<PayoutEvent> out = new ArrayList<>();
        Set<PayoutSource> seen = new HashSet<>();
        for (PayoutInstructed i : candidates) {
            PayoutSource source = PayoutSource.of(i);
            if (book.forSource(source) != null || !seen.add(source)) {
                continue;
            }
            if (book.get(i.instructionId()) != null) {
                // another source already holds this id: only a SHA-256 collision could do it
                throw new IllegalStateException("instruction id " + i.instructionId() + " is taken by another source");
            }
            out.add(i);
        }
        return out;
    }

    private static Payout require(PayoutBook book, String id) {
        Payout p = book.get(id);
        if (p == null) {
            throw new PayoutRefusedException("no payout instruction " + id);
        }
        return p;
    }

    public static Payout evolve(Payout p, PayoutEvent e, Instant at) {
        if (e instanceof PayoutInstructed i) {
            return p != null ? p : Payout.instructed(i, at);
        }
        if (p == null) {
            throw new IllegalStateException(e.getClass().getSimpleName() + " for unknown instruction " + e.instructionId());
        }
        if (e instanceof PayoutSent s) {
            return p.with(PayoutStatus.SENT, s.attempt(), p.lastReason());
        }
        if (e instanceof PayoutConfirmed c) {
            return new Payout(p.instruction(), PayoutStatus.CONFIRMED, c.attempt(), c.e2eid(), c.fee(), p.lastReason(),
                    p.instructedAt(), p.firstFailureAt(), at, null, 0);
        }
        if (e instanceof PayoutFailed f) {
            Payout q = p.with(PayoutStatus.FAILED, f.attempt(), f.reason());
            return q.firstFailureAt() != null ? q : new Payout(q.instruction(), q.status(), q.attempt(), q.e2eid(),
                    q.fee(), q.lastReason(), q.instructedAt(), at, q.confirmedAt(), q.returnId(), q.returnedAmount());
        }
        if (e instanceof PayoutRetried r) {
            return p.with(PayoutStatus.RETRIED, r.attempt() - 1, p.lastReason());
        }
        if (e instanceof PayoutParked k) {
            return p.with(PayoutStatus.PARKED, p.attempt(), k.reason());
        }
        if (e instanceof PayoutReturned r) {
            return new Payout(p.instruction(), PayoutStatus.RETURNED, p.attempt(), p.e2eid(), p.fee(), r.reason(),
                    p.instructedAt(), p.firstFailureAt(), p.confirmedAt(), r.returnId(), r.amount());
        }
        throw new IllegalStateException("unhandled payout event " + e);
    }

    /** Instructing is idempotent: an id already in the book yields nothing. */
    public static List<PayoutEvent> instruct(Payout existing, PayoutInstructed i) {
        return existing == null ? List.of(i) : List.of();
    }

    /**
     * The events that start the next attempt: a first send, an automatic retry after a failure,
     * or the send after an operator's retry. Nothing for states that must not be sent.
     */
    public static List<PayoutEvent> startAttempt(Payout p) {
        return switch (p.status()) {
            case PENDING -> List.of(new PayoutSent(p.id(), 1));
            case FAILED -> List.of(new PayoutRetried(p.id(), p.attempt() + 1, "backoff"),
                    new PayoutSent(p.id(), p.attempt() + 1));
            case RETRIED -> List.of(new PayoutSent(p.id(), p.attempt() + 1));
            default -> List.of();
        };
    }

    /** What the PSP's answer to the current attempt means; a bounded or permanent failure parks it. */
    public static List<PayoutEvent> outcome(Payout p, RailResult r, RetryPolicy policy) {
        if (p.status() != PayoutStatus.SENT) {
            return List.of();
        }
        if (r instanceof RailResult.Confirmed c) {
            return List.of(new PayoutConfirmed(p.id(), p.attempt(), c.e2eid(), c.fee()));
        }
        if (r instanceof RailResult.Failed f) {
            List<PayoutEvent> out = new ArrayList<>();
            out.add(new PayoutFailed(p.id(), p.attempt(), f.reason(), f.retryable()));
            if (!f.retryable()) {
                out.add(new PayoutParked(p.id(), "permanent failure: " + f.reason()));
            } else if (p.attempt() >= policy.maxAttempts()) {
                out.add(new PayoutParked(p.id(), "gave up after " + p.attempt() + " attempts, last: " + f.reason()));
            }
            return out;
        }
        return List.of();
    }

    /** An operator asks for another try; only a failed or parked payout can be retried. */
    public static List<PayoutEvent> operatorRetry(Payout p, String by) {
        if (p.status() != PayoutStatus.PARKED && p.status() != PayoutStatus.FAILED) {
            throw new PayoutRefusedException("payout " + p.id() + " is " + p.status().label()
                    + "; only failed or parked payouts can be retried");
        }
        return List.of(new PayoutRetried(p.id(), p.attempt() + 1, by));
    }

    /** Records a devolução once (by return id); refuses a return of an unpaid or over-returned payout. */
    public static List<PayoutEvent> returned(Payout p, String returnId, long amount, String reason) {
        if (p.status() == PayoutStatus.RETURNED && returnId.equals(p.returnId())) {
            return List.of();
        }
        if (p.status() != PayoutStatus.CONFIRMED) {
            throw new PayoutRefusedException("payout " + p.id() + " is " + p.status().label()
                    + "; only a confirmed payout can be returned");
        }
        if (amount <= 0 || amount > p.amount()) {
            throw new PayoutRefusedException("return " + returnId + " of " + amount + " centavos does not fit payout "
                    + p.id() + " of " + p.amount());
        }
        return List.of(new PayoutReturned(p.id(), returnId, amount, reason));
    }
}

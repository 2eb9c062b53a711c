package io.mbp.recon;

import io.mbp.error.BadInputException;
import io.mbp.events.EventPayload;
import io.mbp.market.DepositReceived;
import io.mbp.payout.Payout;
import io.mbp.payout.PayoutBook;
import io.mbp.payout.PayoutEngine;
import io.mbp.payout.PayoutEvent;
import io.mbp.payout.PayoutReturned;
import io.mbp.payout.PayoutStatus;
import io.mbp.statement.StatementLine;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The reconciliation's decisions, pure (docs/adr/0007): {@link State#evolve} folds the log's deposits,
 * payouts and recon events; {@link #decide} turns a command into the events to append (or refuses
 * with {@link BadInputException}). {@link Matcher} stays the matching algorithm; this class decides
 * what its result means for the log: which exceptions are new, whether the day's result changed,
 * which correction fixes an exception. {@link ReconService} only loads, calls and appends.
 */
public final class ReconEngine {
    private ReconEngine() {
    }

    /** What a recon service asks the engine. */
    public sealed interface Command {
    }

    /**
     * Reconcile {@code date} against a statement's booked lines (pending lines and reversal pairs
     * already set aside); {@code later} holds the ids of the next two days' lines; {@code balances}
     * the statement's balances and its predecessor; {@code anchorDate}/{@code anchorOpening} the first
     * statement with an opening balance, from which the ledger's view of the balance runs (null: none).
     */
    public record Reconcile(LocalDate date, String statementId, List<StatementLine> lines, Set<String> later,
                            BalanceCheck.Facts balances, LocalDate anchorDate, Long anchorOpening) implements Command {
        public Reconcile(LocalDate date, String statementId, List<StatementLine> lines, Set<String> later) {
            this(date, statementId, lines, later, new BalanceCheck.Facts(null, null, 0, 0, 0, 0, null), null, null);
        }
    }

    /** Resolve an open exception: "accept" (author and note), or "correct" (and append the fix). */
    public record Resolve(String exceptionId, String action, String author, String note) implements Command {
    }

    /** A reconcile's report and the events it appends (none when nothing is new). */
    public record Reconciliation(ReconService.Report report, List<EventPayload> events) {
    }

    /**
     * The fold of the events recon reads; deposits only when dated in the window it was made for.
     * Its fields change only through {@link #evolve}.
     */
    public static final class State {
        private final LocalDate from;
        private final LocalDate to;
        private final PayoutBook book = new PayoutBook();
        private final Map<String, Instant> returnedAt = new HashMap<>();
        private final Map<String, ReconExceptionRaised> raised = new LinkedHashMap<>();
        private final Map<String, ReconExceptionResolved> resolved = new HashMap<>();
        private final List<LedgerCorrected> corrections = new ArrayList<>();
        private final Map<String, ReconCompleted> lastResult = new HashMap<>();
        private final List<Movement> deposits = new ArrayList<>();

        public State(LocalDate from, LocalDate to) {
            this.from = from;
            this.to = to;
        }

        public State evolve(EventPayload p, Instant at) {
            if (p instanceof DepositReceived d) {
                LocalDate day = at.atZone(ZoneOffset.UTC).toLocalDate();
                if (!day.isBefore(from) && !day.isAfter(to)) {
                    deposits.add(new Movement("dep:" + d.e2eid(), day, 'C', d.amount(), d.e2eid(), "", d.account(),
                            "PIX_IN", false));
                }
            } else if (p instanceof PayoutEvent pe) {
                book.apply(pe, at);
                if (pe instanceof PayoutReturned r) {
                    returnedAt.put(r.returnId(), at);
                }
            } else if (p instanceof ReconExceptionRaised r) {
                raised.putIfAbsent(r.exceptionId(), r);
            } else if (p instanceof ReconExceptionResolved r) {
                resolved.putIfAbsent(r.exceptionId(), r);
            } else if (p instanceof LedgerCorrected c) {
                corrections.add(c);
            } else if (p instanceof ReconCompleted c) {
                lastResult.put(c.date(), c);
            }
            return this;
        }
    }

    public static List<EventPayload> decide(State s, Command command, Clock clock) {
        if (command instanceof Reconcile r) {
            return reconcile(s, r).events();
        } else if (command instanceof Resolve r) {
            return resolve(s, r);
        }
        throw new IllegalArgumentException("unknown recon command " + command);
    }

    /** Expected movements dated in [from, to]: deposits, confirmed payouts, their fees, devoluções, corrections. */
    static List<Movement> expected(State f, LocalDate from, LocalDate to) {
        List<Movement> out = new ArrayList<>();
        for (Movement d : f.deposits) {
            if (!d.date().isBefore(from) && !d.date().isAfter(to)) {
                out.add(d);
            }
        }
        for (Payout p : f.book.all()) {
            if (p.confirmedAt() == null || p.e2eid() == null) {
                continue;
            }
            LocalDate day = p.confirmedAt().atZone(ZoneOffset.UTC).toLocalDate();
            if (!day.isBefore(from) && !day.isAfter(to)) {
                String party = p.instruction().account();
                out.add(new Movement("pay:" + p.id(), day, 'D', p.amount(), p.e2eid(), p.id(), party, "PIX_OUT", false));
                if (p.fee() > 0) {
                    out.add(new Movement("fee:" + p.id(), day, 'D', p.fee(), "", "FEE-" + p.id(), "PSP", "FEE", false));
                }
            }
            if (p.status() == PayoutStatus.RETURNED) {
                LocalDate rd = f.returnedAt.get(p.returnId()).atZone(ZoneOffset.UTC).toLocalDate();
                if (!rd.isBefore(from) && !rd.isAfter(to)) {
                    out.add(new Movement("ret:" + p.returnId(), rd, 'C', p.returnedAmount(), p.returnId(), p.e2eid(),
                            p.instruction().account(), "RETURN", false));
                }
            }
        }
        for (LedgerCorrected c : f.corrections) {
            LocalDate day = LocalDate.parse(c.date());
            if (day.isBefore(from) || day.isAfter(to)) {
                continue;
            }
            switch (c.action()) {
                case "add" -> out.add(new Movement(c.movementKey(), day, c.direction().charAt(0), c.amount(), c.e2eid(),
                        c.reference(), c.counterparty(), "CORRECTION", false));
                case "void" -> out.removeIf(m -> m.key().equals(c.movementKey()));
                case "amend" -> out.replaceAll(m -> m.key().equals(c.movementKey()) ? m.withAmount(c.amount()) : m);
                default -> throw new IllegalStateException(c.action());
            }
        }
        return out;
    }

    /**
     * Matches the day (with the two days before carried over), raises the exceptions not raised
     * before and logs the day's result when it differs from the last one logged.
     */
    public static Reconciliation reconcile(State f, Reconcile c) {
        return reconcile(f, c, Matcher::matchWithCleanPairs);
    }

    /** The matching step: {@link Matcher#matchWithCleanPairs} in production, {@link Matcher#match} to compare (ADR 0131). */
    interface MatchStep {
        Matcher.Result match(LocalDate date, List<Movement> expected, List<StatementLine> lines, Set<String> later);
    }

    static Reconciliation reconcile(State f, Reconcile c, MatchStep step) {
        LocalDate date = c.date();
        List<Movement> expected = new ArrayList<>();
        for (Movement m : expected(f, date.minusDays(2), date)) {
            expected.add(m.date().equals(date) ? m : m.carriedOver());
        }
        Matcher.Result r = step.match(date, expected, c.lines(), c.later());
        BalanceCheck.Result bal = balances(f, c, r.exceptions());
        List<ReconExceptionRaised> all = new ArrayList<>(r.exceptions());
        all.addAll(bal.exceptions());
        List<EventPayload> out = new ArrayList<>();
        List<ReconService.ExceptionView> views = new ArrayList<>();
        Set<String> present = new HashSet<>();
        for (ReconExceptionRaised x : all) {
            present.add(x.exceptionId());
            if (!f.raised.containsKey(x.exceptionId())) {
                out.add(x);
            }
            views.add(new ReconService.ExceptionView(x, f.resolved.get(x.exceptionId()), true));
        }
        // Raised earlier, resolved since (e.g. corrected), and no longer produced: still reported, as resolved.
        for (ReconExceptionRaised x : f.raised.values()) {
            if (x.date().equals(date.toString()) && !present.contains(x.exceptionId())) {
                views.add(new ReconService.ExceptionView(x, f.resolved.get(x.exceptionId()), false));
            }
        }
        Map<String, long[]> byKind = new TreeMap<>();
        long open = 0;
        long resolved = 0;
        for (ReconService.ExceptionView v : views) {
            long[] k = byKind.computeIfAbsent(v.raised().kind(), x -> new long[2]);
            k[1]++;
            if (v.open()) {
                k[0]++;
                open++;
            } else {
                resolved++;
            }
        }
        long exceptionsNow = all.size();
        long resolvedNow = all.stream().filter(x -> f.resolved.containsKey(x.exceptionId())).count();
        long items = r.matchedLines() + exceptionsNow;
        long ok = r.matchedLines() + resolvedNow;
        long bp = items == 0 ? 10_000 : ok * 10_000 / items;
        List<String> kinds = new ArrayList<>();
        byKind.forEach((k, n) -> kinds.add(k + ":" + n[0] + "/" + n[1]));
        long expectedToday = expected.stream().filter(m -> !m.carried()).count();
        ReconService.Report rep = new ReconService.Report(date.toString(), c.statementId(), c.lines().size(),
                r.matchedLines(), r.matchedAmount(), expectedToday, byKind, open, resolved, bp, r.matches(), views, false, bal);
        ReconCompleted done = new ReconCompleted(date.toString(), c.statementId(), c.lines().size(), r.matchedLines(),
                r.matchedAmount(), expectedToday, open, resolved, rep.rate(), kinds);
        if (!done.equals(f.lastResult.get(date.toString()))) {
            out.add(done);
        }
        return new Reconciliation(new ReconService.Report(rep.date(), rep.statementId(), rep.lines(), rep.matchedLines(),
                rep.matchedAmount(), rep.expected(), byKind, open, resolved, bp, r.matches(), views, !out.isEmpty(), bal),
                List.copyOf(out));
    }

    /**
     * The day's balance checks. The ledger's view: the anchor's opening balance plus every ledger
     * movement from the anchor's date to this day. What explains a difference between it and the
     * bank's closing: this day's item exceptions (all those still produced) and earlier days'
     * accepted ones, except "late" lines, which the bank has booked since.
     */
    static BalanceCheck.Result balances(State f, Reconcile c, List<ReconExceptionRaised> today) {
        Long ledger = null;
        long explained = 0;
        if (c.anchorDate() != null && c.anchorOpening() != null && !c.anchorDate().isAfter(c.date())) {
            long sum = c.anchorOpening();
            for (Movement m : expected(f, c.anchorDate(), c.date())) {
                sum += m.direction() == 'C' ? m.amount() : -m.amount();
            }
            ledger = sum;
            for (ReconExceptionRaised x : today) {
                // Still produced, so still a difference on this day, whatever its resolution: a
                // correction that took effect would have made the line match (and a devolução
                // recorded on a later day is in the ledger from that day on).
                explained += explains(x);
            }
            for (ReconExceptionRaised x : f.raised.values()) {
                LocalDate d = LocalDate.parse(x.date());
                ReconExceptionResolved res = f.resolved.get(x.exceptionId());
                if (d.isBefore(c.date()) && !d.isBefore(c.anchorDate()) && res != null && "accept".equals(res.action())
                        && !"late".equals(x.kind())) {
                    explained += explains(x);
                }
            }
        }
        return BalanceCheck.check(c.date(), c.statementId(), c.balances(), ledger, explained);
    }

    /** How much of (bank - ledger) an item exception accounts for, signed; balance exceptions none. */
    static long explains(ReconExceptionRaised x) {
        long sign = "C".equals(x.direction()) ? 1 : -1;
        return switch (x.kind()) {
            case "unexpected", "duplicate", "returned" -> sign * x.statementAmount();
            case "missing", "late" -> -sign * x.expectedAmount();
            case "amount_mismatch" -> sign * (x.statementAmount() - x.expectedAmount());
            default -> 0;
        };
    }

    /** The exceptions raised (for {@code date}, or every date when null), optionally only the open ones. */
    public static List<ReconService.ExceptionView> exceptions(State f, LocalDate date, boolean openOnly) {
        List<ReconService.ExceptionView> out = new ArrayList<>();
        for (ReconExceptionRaised x : f.raised.values()) {
            if ((date == null || x.date().equals(date.toString())) && (!openOnly || !f.resolved.containsKey(x.exceptionId()))) {
                out.add(new ReconService.ExceptionView(x, f.resolved.get(x.exceptionId()), true));
            }
        }
        return out;
    }

    static List<EventPayload> resolve(State f, Resolve c) {
        if (!"accept".equals(c.action()) && !"correct".equals(c.action())) {
            throw new BadInputException("the resolution must be accept or correct, got " + c.action()).about("resolution-action");
        }
        if (c.note() == null || c.note().isBlank()) {
            throw new BadInputException("a resolution needs a note: say why, for the audit trail").about("resolution-note");
        }
        ReconExceptionRaised x = f.raised.get(c.exceptionId());
        if (x == null) {
            throw new BadInputException("no recon exception " + c.exceptionId() + " (see `mbp recon exceptions list`)");
        }
        if (f.resolved.containsKey(c.exceptionId())) {
            ReconExceptionResolved r = f.resolved.get(c.exceptionId());
            throw new BadInputException("exception " + c.exceptionId() + " was already resolved (" + r.action() + " by "
                    + r.author() + "); resolutions are never edited");
        }
        List<EventPayload> out = new ArrayList<>();
        if ("correct".equals(c.action())) {
            out.add(correction(f, x, c.author(), c.note()));
        }
        out.add(new ReconExceptionResolved(c.exceptionId(), x.date(), c.action(), c.author(), c.note()));
        return out;
    }

    private static EventPayload correction(State f, ReconExceptionRaised x, String author, String note) {
        if (ReconExceptionRaised.BALANCE_KINDS.contains(x.kind())) {
            throw new BadInputException("a " + x.kind() + " exception has no ledger correction: import the bank's"
                    + " corrected or missing statement, or resolve the item exceptions behind it; or accept it with a note"
                    + " (ADR 0509)").about("resolution-action");
        }
        switch (x.kind()) {
            case "returned" -> {
                for (Payout p : f.book.all()) {
                    if (x.reference().equals(p.e2eid()) && p.status() == PayoutStatus.CONFIRMED) {
                        List<PayoutEvent> ev = PayoutEngine.returned(p, x.e2eid(), x.statementAmount(),
                                "recon " + x.exceptionId() + ": " + note);
                        return ev.get(0);
                    }
                }
                return add(x, author, note);
            }
            case "unexpected", "duplicate" -> {
                return add(x, author, note);
            }
            case "missing", "late" -> {
                return new LedgerCorrected(x.exceptionId(), x.date(), "void", x.movementKey(), x.direction(),
                        x.expectedAmount(), x.e2eid(), x.reference(), x.counterparty(), author, note);
            }
            case "amount_mismatch" -> {
                return new LedgerCorrected(x.exceptionId(), x.date(), "amend", x.movementKey(), x.direction(),
                        x.statementAmount(), x.e2eid(), x.reference(), x.counterparty(), author, note);
            }
            default -> throw new IllegalStateException(x.kind());
        }
    }

    private static LedgerCorrected add(ReconExceptionRaised x, String author, String note) {
        // The added movement carries the line's own ids, so the next run matches it by E2EID/reference.
        String ref = x.e2eid().isEmpty() && x.reference().isEmpty() ? "" : x.reference();
        return new LedgerCorrected(x.exceptionId(), x.date(), "add", "adj:" + x.exceptionId(), x.direction(),
                x.statementAmount(), x.e2eid(), ref, x.counterparty(), author, note);
    }
}

package io.mbp.market;

import io.mbp.events.EventPayload;
import io.mbp.market.MarketCommand.AddLiquidity;
import io.mbp.market.MarketCommand.Deposit;
import io.mbp.market.MarketCommand.PlaceOrder;
import io.mbp.market.MarketCommand.RemoveLiquidity;
import io.mbp.market.MarketCommand.Withdraw;
import io.mbp.market.MarketState.Book;
import java.time.Instant;
import java.util.List;

/**
 * The market engine: {@code decide(state, command, now) -> events} refuses with a
 * {@link MarketRejected} or returns the events the command causes, without touching the state;
 * {@code evolve(state, event)} applies one logged event. Live operation and replay both go through
 * {@code evolve}, so replay equals live by construction. The work is split by what it does:
 * {@link MarketDecide} decides, {@link Halts} decides halts and measures price moves,
 * {@link MarketEvolve} is the only code that writes the state (docs/adr/0301).
 */
public final class MarketEngine {
    private final HaltPolicy policy;
    private final Halts halts;
    private final MarketDecide decide;
    private final MarketEvolve evolve;

    public MarketEngine() {
        this(HaltPolicy.DEFAULT);
    }

    public MarketEngine(HaltPolicy policy) {
        this.policy = policy;
        this.halts = new Halts(policy);
        this.decide = new MarketDecide(policy, halts);
        this.evolve = new MarketEvolve(policy);
    }

    public HaltPolicy policy() {
        return policy;
    }

    /** The events {@code c} causes at {@code now}, or a {@link MarketRejected}; never changes {@code s}. */
    public List<MarketEvent> decide(MarketState s, MarketCommand c, Instant now) {
        return decide.decide(s, c, now);
    }

    /**
     * Applies one logged event at log position {@code seq} (or -1 while it is not yet appended).
     * Oracle events only record what markets need; events of other families are ignored.
     */
    public void evolve(MarketState s, EventPayload p, Instant ts, long seq) {
        evolve.evolve(s, p, ts, seq);
    }

    /** Gnosis feesWithdrawableBy, floored and never negative (rounding goes to the pool). */
    public static long withdrawableFees(Book b, String account) {
        return MarketDecide.withdrawableFees(b, account);
    }

    /** The price-move metric at {@code now}: widest range of any outcome's price in the window. */
    public long metric(Book b, Instant now, long[]... extra) {
        return halts.metric(b, now, extra);
    }

    /**
     * Refuses a market event offered as a fact (a raw {@code mbp events append}) unless it is
     * exactly what {@link #decide} would have produced from {@code s} at {@code ts}: the event is
     * turned back into the command that makes it, the command is decided, and the decided event
     * must equal the offered one (order ids aside: an imported fill keeps its own). So an import
     * meets every rule the API and the CLI meet, from the same code (docs/adr/0006). Events only
     * the engine's own commands write (halts, settlement) are refused, naming the command.
     * Does not change {@code s}; the caller evolves the event once admitted.
     */
    public void admit(MarketState s, MarketEvent e, Instant ts) {
        String key = null;
        MarketCommand c;
        if (e instanceof MarketCreated m) {
            MarketDecide.requireNewMarket(s, m.market());
            return;
        } else if (e instanceof DepositReceived d) {
            key = d.idempotencyKey();
            c = new Deposit(d.account(), d.amount(), d.e2eid(), d.idempotencyKey(), d.requestHash());
        } else if (e instanceof WithdrawalRequested w) {
            key = w.idempotencyKey();
            c = new Withdraw(w.withdrawalId(), w.account(), w.amount(), w.payee(), w.idempotencyKey(), w.requestHash());
        } else if (e instanceof OrderFilled o) {
            key = o.idempotencyKey();
            c = new PlaceOrder(o.market(), o.account(), o.outcome(), o.side(), o.amount(), 0, o.idempotencyKey(), o.requestHash());
        } else if (e instanceof LiquidityAdded a) {
            key = a.idempotencyKey();
            c = new AddLiquidity(a.market(), a.account(), a.amount(), a.idempotencyKey(), a.requestHash());
        } else if (e instanceof LiquidityRemoved r) {
            key = r.idempotencyKey();
            c = new RemoveLiquidity(r.market(), r.account(), r.lpShares(), r.idempotencyKey(), r.requestHash());
        } else if (e instanceof MarketParamsApplied) {
            throw new MarketRejected(Reject.INVALID_FIELD, "type", "MarketParamsApplied is written only by the engine: "
                    + "use mbp canary start / promote / rollback");
        } else if (e instanceof HaltChanged) {
            throw new MarketRejected(Reject.INVALID_FIELD, "type", "HaltChanged is written only by the engine: "
                    + "use mbp market halt / mbp market resume (price and oracle halts follow from the log)");
        } else {
            throw new MarketRejected(Reject.INVALID_FIELD, "type", MarketEvolve.at(-1, e).replace(": ", "")
                    + " is written only by the engine: use mbp market settle");
        }
        if (key != null && s.answered(key)) {
            throw new MarketRejected(Reject.IDEMPOTENCY_KEY_REUSED, "idempotency_key", "Idempotency-Key " + key
                    + " is already in the log");
        }
        MarketEvent decided = null;
        for (MarketEvent d : decide(s, c, ts)) {
            if (d.getClass() == e.getClass()) {
                decided = d;
            }
        }
        if (e instanceof OrderFilled o && decided instanceof OrderFilled f) {
            decided = new OrderFilled(o.orderId(), f.market(), f.account(), f.outcome(), f.side(), f.amount(), f.shares(),
                    f.cost(), f.fee(), f.idempotencyKey(), f.requestHash());
        }
        if (!e.equals(decided)) {
            String[] d = difference(e, decided);
            throw new MarketRejected(Reject.INVALID_FIELD, d[0], "the engine decides " + d[0] + " " + d[2] + " for this "
                    + MarketEvolve.at(-1, e).replace(": ", "") + " at " + ts + ", the line says " + d[1]);
        }
    }

    /**
     * The first record component (snake_case) where two events of one type differ, with the offered
     * and the decided value, for the message.
     */
    private static String[] difference(MarketEvent offered, MarketEvent decided) {
        if (decided == null) {
            return new String[] {"type", offered.getClass().getSimpleName(), "none"};
        }
        try {
            for (java.lang.reflect.RecordComponent rc : offered.getClass().getRecordComponents()) {
                Object a = rc.getAccessor().invoke(offered);
                Object b = rc.getAccessor().invoke(decided);
                if (!java.util.Objects.equals(a, b)) {
                    String field = rc.getName().replaceAll("([A-Z])", "_$1").toLowerCase(java.util.Locale.ROOT);
                    return new String[] {field, String.valueOf(a), String.valueOf(b)};
                }
            }
        } catch (ReflectiveOperationException ignored) {
            // records' accessors are public; fall through to the whole payload
        }
        return new String[] {"payload", String.valueOf(offered), String.valueOf(decided)};
    }
}

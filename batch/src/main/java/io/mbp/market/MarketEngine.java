package io.mbp.market;

import io.mbp.events.EventPayload;
import io.mbp.events.FieldException;
import io.mbp.events.Identifier;
import io.mbp.market.MarketCommand.AddLiquidity;
import io.mbp.market.MarketCommand.CreateMarket;
import io.mbp.market.MarketCommand.Deposit;
import io.mbp.market.MarketCommand.Halt;
import io.mbp.market.MarketCommand.PlaceOrder;
import io.mbp.market.MarketCommand.RemoveLiquidity;
import io.mbp.market.MarketCommand.Resume;
import io.mbp.market.MarketCommand.Settle;
import io.mbp.market.MarketCommand.Tick;
import io.mbp.market.MarketCommand.Withdraw;
import io.mbp.market.MarketState.Account;
import io.mbp.market.MarketState.Book;
import io.mbp.market.MarketState.OracleStatus;
import io.mbp.oracle.FailoverRolled;
import io.mbp.oracle.Finalized;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The market engine: {@code decide(state, command, now) -> events} refuses with a
 * {@link MarketRejected} or returns the events the command causes, without touching the state;
 * {@code evolve(state, event)} applies one logged event. Live operation and replay both go through
 * {@code evolve}, so replay equals live by construction.
 */
public final class MarketEngine {
    private final HaltPolicy policy;

    public MarketEngine() {
        this(HaltPolicy.DEFAULT);
    }

    public MarketEngine(HaltPolicy policy) {
        this.policy = policy;
    }

    public HaltPolicy policy() {
        return policy;
    }

    // ------------------------------------------------------------------ decide

    public List<MarketEvent> decide(MarketState s, MarketCommand c, Instant now) {
        try {
            if (c instanceof CreateMarket m) {
                return create(s, m);
            } else if (c instanceof Deposit d) {
                return deposit(s, d);
            } else if (c instanceof Withdraw w) {
                return withdraw(s, w);
            } else if (c instanceof PlaceOrder o) {
                return order(s, o, now);
            } else if (c instanceof AddLiquidity a) {
                return addLiquidity(s, a, now);
            } else if (c instanceof RemoveLiquidity r) {
                return removeLiquidity(s, r, now);
            } else if (c instanceof Halt h) {
                return halt(s, h, now);
            } else if (c instanceof Resume r) {
                return resume(s, r, now);
            } else if (c instanceof Settle st) {
                return settle(s, st);
            } else {
                return tick(s, bookOf(s, ((Tick) c).market()), now, new ArrayList<>());
            }
        } catch (FieldException e) {
            throw new MarketRejected(Reject.INVALID_FIELD, e.field(), e.field() + ": " + e.getMessage());
        } catch (ArithmeticException e) {
            throw new MarketRejected(Reject.ORDER_TOO_LARGE, "the command's numbers would overflow exact arithmetic (I7)");
        }
    }

    private List<MarketEvent> create(MarketState s, CreateMarket c) {
        MarketCreated created = new MarketCreated(c.market(), c.oracleEvent(), c.outcomes(), c.feeBps(), c.opensAt(),
                c.closesAt(), c.threshold());
        requireNewMarket(s, c.market());
        requireAmount("liquidity", c.liquidity());
        requireId("lp_account", c.lpAccount());
        if (s.e2eids.contains(c.e2eid())) {
            throw new MarketRejected(Reject.INVALID_FIELD, "e2eid", "deposit " + c.e2eid() + " was already credited");
        }
        DepositReceived dep = new DepositReceived(c.lpAccount(), c.liquidity(), c.e2eid());
        Fpmm.AddQuote q = Fpmm.add(new long[c.outcomes().size()], 0, 0, c.liquidity());
        LiquidityAdded add = new LiquidityAdded(c.market(), c.lpAccount(), c.liquidity(), boxed(q.kept()), q.lpShares(),
                q.feeWeight(), null, null);
        return List.of(created, dep, add);
    }

    private List<MarketEvent> deposit(MarketState s, Deposit d) {
        requireId("account", d.account());
        requireAmount("amount", d.amount());
        if (s.e2eids.contains(d.e2eid())) {
            throw new MarketRejected(Reject.INVALID_FIELD, "e2eid", "deposit " + d.e2eid() + " was already credited");
        }
        return List.of(new DepositReceived(d.account(), d.amount(), d.e2eid(), d.idempotencyKey(), d.requestHash()));
    }

    private List<MarketEvent> withdraw(MarketState s, Withdraw w) {
        // The withdrawal id names the payout downstream: refused here, never rewritten there (ADR 0506).
        requireId("withdrawal_id", w.withdrawalId());
        requireId("account", w.account());
        requireAmount("amount", w.amount());
        if (s.withdrawalIds.contains(w.withdrawalId())) {
            throw new MarketRejected(Reject.INVALID_FIELD, "withdrawal_id", "withdrawal " + w.withdrawalId() + " exists");
        }
        long cash = s.cash(w.account());
        if (cash < w.amount()) {
            throw new MarketRejected(Reject.INSUFFICIENT_FUNDS, "amount", "account " + w.account() + " has " + cash
                    + " centavos, cannot withdraw " + w.amount());
        }
        return List.of(new WithdrawalRequested(w.withdrawalId(), w.account(), w.amount(), w.pixKey(), w.idempotencyKey(),
                w.requestHash()));
    }

    private List<MarketEvent> order(MarketState s, PlaceOrder o, Instant now) {
        Book b = bookOf(s, o.market());
        requireTradable(b, now);
        requireId("account", o.account());
        int i = b.outcomeIndex(o.outcome());
        if (i < 0) {
            throw new MarketRejected(Reject.UNKNOWN_OUTCOME, "outcome", "market " + o.market() + " has no outcome \""
                    + o.outcome() + "\" (outcomes: " + String.join(",", b.spec.outcomes()) + ")");
        }
        boolean buy;
        if ("buy".equals(o.side())) {
            buy = true;
        } else if ("sell".equals(o.side())) {
            buy = false;
        } else {
            throw new MarketRejected(Reject.INVALID_FIELD, "side", "side must be \"buy\" or \"sell\", got \"" + o.side() + "\"");
        }
        requireAmount("amount", o.amount());
        if (o.limit() < 0) {
            throw new MarketRejected(Reject.INVALID_FIELD, buy ? "min_shares" : "min_return", "limit must not be negative");
        }
        List<MarketEvent> out = new ArrayList<>();
        HaltLevel level = tickInto(s, b, now, out);
        if (level == HaltLevel.HARD) {
            throw new MarketRejected(Reject.MARKET_HALTED, "market " + o.market() + " is halted (hard): no trades");
        }
        if (level == HaltLevel.SOFT && buy) {
            throw new MarketRejected(Reject.MARKET_SOFT_HALTED, "market " + o.market()
                    + " is in a soft halt: only sells and liquidity removal");
        }
        String orderId = "ord-" + (s.orders + 1);
        OrderFilled fill;
        long[] after;
        if (buy) {
            long cash = s.cash(o.account());
            if (cash < o.amount()) {
                throw new MarketRejected(Reject.INSUFFICIENT_FUNDS, "amount", "account " + o.account() + " has " + cash
                        + " centavos, the order needs " + o.amount());
            }
            Fpmm.BuyQuote q = Fpmm.buy(b.pool, i, o.amount(), b.spec.feeBps());
            // a buy spends exactly its amount: what the price changes is the shares it gets (docs/adr/0308)
            if (o.limit() > 0 && q.shares() < o.limit()) {
                throw new MarketRejected(Reject.SLIPPAGE_EXCEEDED, "min_shares", "the buy gets " + q.shares()
                        + " shares, below min_shares " + o.limit());
            }
            fill = new OrderFilled(orderId, o.market(), o.account(), o.outcome(), "buy", o.amount(), q.shares(),
                    o.amount(), q.fee(), o.idempotencyKey(), o.requestHash());
            after = q.after();
        } else {
            Account a = s.accounts.get(o.account());
            long[] pos = a == null ? null : a.positions.get(o.market());
            long held = pos == null ? 0 : pos[i];
            if (held < o.amount()) {
                throw new MarketRejected(Reject.INSUFFICIENT_SHARES, "amount", "account " + o.account() + " holds " + held
                        + " " + o.outcome() + " shares, cannot sell " + o.amount());
            }
            Fpmm.SellQuote q = Fpmm.sell(b.pool, i, o.amount(), b.spec.feeBps());
            if (q.returned() < o.limit()) {
                throw new MarketRejected(Reject.SLIPPAGE_EXCEEDED, "min_return", "the sell returns " + q.returned()
                        + " centavos, below min_return " + o.limit());
            }
            fill = new OrderFilled(orderId, o.market(), o.account(), o.outcome(), "sell", o.amount(), o.amount(),
                    q.returned(), q.fee(), o.idempotencyKey(), o.requestHash());
            after = q.after();
        }
        out.add(fill);
        long metric = metric(b, now, b.prices(), Fpmm.pricesBps(after));
        HaltLevel target = policy.levelFor(metric);
        if (target.ordinal() > currentPrice(b, out).ordinal()) {
            HaltLevel before = effective(b, MarketState.PRICE, currentPrice(b, out));
            HaltLevel now2 = effective(b, MarketState.PRICE, target);
            out.add(new HaltChanged(o.market(), "price", target.wire(), before.wire(), now2.wire(), "price_band",
                    metric, reopeningsToday(b, now)));
        }
        return out;
    }

    private List<MarketEvent> addLiquidity(MarketState s, AddLiquidity a, Instant now) {
        Book b = bookOf(s, a.market());
        requireTradable(b, now);
        requireId("account", a.account());
        requireAmount("amount", a.amount());
        List<MarketEvent> out = new ArrayList<>();
        HaltLevel level = tickInto(s, b, now, out);
        if (level.ordinal() >= HaltLevel.SOFT.ordinal()) {
            throw new MarketRejected(level == HaltLevel.HARD ? Reject.MARKET_HALTED : Reject.MARKET_SOFT_HALTED,
                    "market " + a.market() + " is halted (" + level.wire() + "): liquidity can only be removed");
        }
        long cash = s.cash(a.account());
        if (cash < a.amount()) {
            throw new MarketRejected(Reject.INSUFFICIENT_FUNDS, "amount", "account " + a.account() + " has " + cash
                    + " centavos, cannot add " + a.amount());
        }
        Fpmm.AddQuote q = Fpmm.add(b.pool, b.lpSupply, b.feePoolWeight, a.amount());
        out.add(new LiquidityAdded(a.market(), a.account(), a.amount(), boxed(q.kept()), q.lpShares(), q.feeWeight(),
                a.idempotencyKey(), a.requestHash()));
        return out;
    }

    private List<MarketEvent> removeLiquidity(MarketState s, RemoveLiquidity r, Instant now) {
        Book b = bookOf(s, r.market());
        if (b.settlement != null) {
            throw new MarketRejected(Reject.MARKET_CLOSED, "market " + r.market() + " is settled");
        }
        requireId("account", r.account());
        requireAmount("lp_shares", r.lpShares());
        List<MarketEvent> out = new ArrayList<>();
        HaltLevel level = tickInto(s, b, now, out);
        if (level == HaltLevel.HARD) {
            throw new MarketRejected(Reject.MARKET_HALTED, "market " + r.market() + " is halted (hard)");
        }
        long held = b.lpShares.getOrDefault(r.account(), 0L);
        if (held < r.lpShares()) {
            throw new MarketRejected(Reject.INSUFFICIENT_SHARES, "lp_shares", "account " + r.account() + " holds " + held
                    + " LP shares of " + r.market() + ", cannot remove " + r.lpShares());
        }
        long[] sent = new long[b.pool.length];
        long merged = Long.MAX_VALUE;
        for (int j = 0; j < sent.length; j++) {
            sent[j] = r.lpShares() == b.lpSupply ? b.pool[j] : Fpmm.mulDiv(b.pool[j], r.lpShares(), b.lpSupply);
            long left = b.pool[j] - sent[j];
            if (left != 0 && left < Fpmm.MIN_POOL_BALANCE) {
                throw new MarketRejected(Reject.POOL_DEGENERATE, "lp_shares", "removing " + r.lpShares()
                        + " LP shares would leave " + left + " units of an outcome in the pool");
            }
            merged = Math.min(merged, sent[j]);
        }
        long fees = Math.min(withdrawableFees(b, r.account()), s.ledger.balance(Ledger.fees(r.market())));
        long feeWeight = Fpmm.mulDiv(b.feePoolWeight, r.lpShares(), b.lpSupply);
        out.add(new LiquidityRemoved(r.market(), r.account(), r.lpShares(), boxed(sent), merged, fees, feeWeight,
                r.idempotencyKey(), r.requestHash()));
        return out;
    }

    /** Gnosis feesWithdrawableBy, floored and never negative (rounding goes to the pool). */
    public static long withdrawableFees(Book b, String account) {
        long lp = b.lpShares.getOrDefault(account, 0L);
        if (lp == 0 || b.lpSupply == 0) {
            return 0;
        }
        long raw = Fpmm.mulDiv(b.feePoolWeight, lp, b.lpSupply);
        return Math.max(0, raw - b.withdrawnFees.getOrDefault(account, 0L));
    }

    private List<MarketEvent> halt(MarketState s, Halt h, Instant now) {
        Book b = bookOf(s, h.market());
        if (b.settlement != null) {
            throw new MarketRejected(Reject.MARKET_CLOSED, "market " + h.market() + " is settled");
        }
        FieldException.requireText("reason", h.reason());
        if (h.level() == HaltLevel.NORMAL) {
            throw new MarketRejected(Reject.INVALID_FIELD, "level", "halt to warn, soft or hard; use resume to clear");
        }
        HaltLevel before = b.level();
        return List.of(new HaltChanged(h.market(), "manual", h.level().wire(), before.wire(),
                effective(b, MarketState.MANUAL, h.level()).wire(), "manual: " + h.reason(), metric(b, now), reopeningsToday(b, now)));
    }

    private List<MarketEvent> resume(MarketState s, Resume r, Instant now) {
        Book b = bookOf(s, r.market());
        FieldException.requireText("reason", r.reason());
        if (b.components[MarketState.MANUAL] == HaltLevel.NORMAL && b.components[MarketState.PRICE] == HaltLevel.NORMAL) {
            throw new MarketRejected(Reject.NOT_HALTED, "market " + r.market() + " has no manual or price halt to clear"
                    + (b.components[MarketState.ORACLE] != HaltLevel.NORMAL ? " (the oracle halt clears when the oracle is back in consensus)" : ""));
        }
        List<MarketEvent> out = new ArrayList<>();
        HaltLevel from = b.level();
        long m = metric(b, now);
        if (b.components[MarketState.MANUAL] != HaltLevel.NORMAL) {
            HaltLevel to = HaltLevel.max(b.components[MarketState.PRICE], b.components[MarketState.ORACLE]);
            out.add(new HaltChanged(r.market(), "manual", "normal", from.wire(), to.wire(), "manual_resume: " + r.reason(), m,
                    reopeningsToday(b, now)));
            from = to;
        }
        if (b.components[MarketState.PRICE] != HaltLevel.NORMAL) {
            HaltLevel to = b.components[MarketState.ORACLE];
            out.add(new HaltChanged(r.market(), "price", "normal", from.wire(), to.wire(), "manual_resume: " + r.reason(), m,
                    reopeningsToday(b, now)));
        }
        return out;
    }

    private List<MarketEvent> settle(MarketState s, Settle c) {
        Book b = bookOf(s, c.market());
        if (b.settlement != null) {
            throw new MarketRejected(Reject.ALREADY_SETTLED, "market " + c.market() + " was settled already ("
                    + b.settlement.result() + ")");
        }
        OracleStatus os = s.oracle.get(b.spec.oracleEvent());
        if (os == null || os.finalized == null) {
            throw new MarketRejected(Reject.NOT_FINALIZED, "oracle event " + b.spec.oracleEvent() + " of market "
                    + c.market() + " has not finalized: nothing to settle yet (I5)");
        }
        Finalized f = os.finalized;
        int n = b.pool.length;
        long[] num = new long[n];
        long den;
        String result;
        if (f.invalid()) {
            java.util.Arrays.fill(num, 1);
            den = n;
            result = "invalid: 1/" + n + " to every outcome";
        } else if (b.spec.threshold() != null) {
            if (!"numeric".equals(f.kind())) {
                throw new MarketRejected(Reject.SETTLEMENT_MISMATCH, "market " + c.market() + " is numeric but oracle event "
                        + f.event() + " finalized a categorical outcome");
            }
            boolean yes = new BigDecimal(f.value()).compareTo(new BigDecimal(b.spec.threshold())) >= 0;
            num[yes ? 0 : 1] = 1;
            den = 1;
            result = (yes ? "YES" : "NO") + ": value " + f.value() + (yes ? " >= " : " < ") + "threshold " + b.spec.threshold();
        } else {
            if (!"categorical".equals(f.kind())) {
                throw new MarketRejected(Reject.SETTLEMENT_MISMATCH, "market " + c.market()
                        + " is categorical but oracle event " + f.event() + " finalized a numeric value; create numeric markets with --threshold");
            }
            int w = b.outcomeIndex(f.outcome());
            if (w < 0) {
                throw new MarketRejected(Reject.SETTLEMENT_MISMATCH, "oracle event " + f.event() + " finalized outcome \""
                        + f.outcome() + "\", which market " + c.market() + " does not have (" + String.join(",", b.spec.outcomes()) + ")");
            }
            num[w] = 1;
            den = 1;
            result = f.outcome() + " won";
        }
        List<MarketEvent> out = new ArrayList<>();
        out.add(new MarketSettled(c.market(), b.spec.oracleEvent(), os.finalizedSeq, boxed(num), den, result));
        TreeMap<String, long[]> owed = new TreeMap<>(); // account -> [positions, liquidity, fees]
        for (Account a : s.accounts.values()) {
            long[] pos = a.positions.get(c.market());
            if (pos != null) {
                long v = value(pos, num, den);
                if (v > 0) {
                    owed.computeIfAbsent(a.id, k -> new long[3])[0] = v;
                }
            }
        }
        long poolValue = value(b.pool, num, den);
        // per-LP shares of the fee pool are floored and clamped at zero, so cap them at what is left
        long feesLeft = s.ledger.balance(Ledger.fees(c.market()));
        for (Map.Entry<String, Long> lp : b.lpShares.entrySet()) {
            long[] o = owed.computeIfAbsent(lp.getKey(), k -> new long[3]);
            o[1] = b.lpSupply == 0 ? 0 : Fpmm.mulDiv(poolValue, lp.getValue(), b.lpSupply);
            o[2] = Math.min(withdrawableFees(b, lp.getKey()), feesLeft);
            feesLeft -= o[2];
        }
        for (Map.Entry<String, long[]> e : owed.entrySet()) {
            long[] o = e.getValue();
            long total = Math.addExact(Math.addExact(o[0], o[1]), o[2]);
            if (total > 0) {
                out.add(new SettlementPayout(c.market() + ":" + e.getKey(), c.market(), e.getKey(), total, o[0], o[1], o[2]));
            }
        }
        return out;
    }

    /** floor(sum_i amounts_i * num_i / den): what holdings are worth under a payout vector. */
    static long value(long[] amounts, long[] num, long den) {
        BigInteger v = BigInteger.ZERO;
        for (int i = 0; i < amounts.length; i++) {
            v = v.add(BigInteger.valueOf(amounts[i]).multiply(BigInteger.valueOf(num[i])));
        }
        return v.divide(BigInteger.valueOf(den)).longValueExact();
    }

    // ------------------------------------------------------------------ halts

    private List<MarketEvent> tick(MarketState s, Book b, Instant now, List<MarketEvent> out) {
        if (b.settlement == null) {
            tickInto(s, b, now, out);
        }
        return out;
    }

    /**
     * Appends the halt transitions due at {@code now} (oracle mode, cooldowns with hysteresis) and
     * returns the effective level after them.
     */
    private HaltLevel tickInto(MarketState s, Book b, Instant now, List<MarketEvent> out) {
        HaltLevel[] comp = b.components.clone();
        long m = metric(b, now);
        long reopen = reopeningsToday(b, now);
        OracleStatus os = s.oracle.get(b.spec.oracleEvent());
        String mode = os == null ? "consensus" : os.mode;
        if ("fallback".equals(mode) && comp[MarketState.ORACLE].ordinal() < HaltLevel.SOFT.ordinal()) {
            HaltLevel from = max(comp);
            comp[MarketState.ORACLE] = HaltLevel.SOFT;
            out.add(new HaltChanged(b.spec.market(), "oracle", "soft", from.wire(), max(comp).wire(), "oracle_fallback", m, reopen));
        } else if ("consensus".equals(mode) && comp[MarketState.ORACLE] != HaltLevel.NORMAL
                && cooled(b, MarketState.ORACLE, now)) {
            HaltLevel from = max(comp);
            comp[MarketState.ORACLE] = HaltLevel.NORMAL;
            out.add(new HaltChanged(b.spec.market(), "oracle", "normal", from.wire(), max(comp).wire(), "oracle_consensus", m, reopen));
        }
        HaltLevel price = comp[MarketState.PRICE];
        if (price != HaltLevel.NORMAL && cooled(b, MarketState.PRICE, now)
                && policy.levelFor(m + policy.hysteresisBps()).ordinal() < price.ordinal()) {
            // One level per cooldown even when the metric supports more (ADR 0404): a market leaves
            // Hard through Soft (sells only) and Warn, each held a full cooldown, as halts_semi_sync's
            // StepDownWithCooldown requires; a re-opening is leaving Hard, the step that lets trades
            // through again, and only those count against the daily cap.
            HaltLevel target = HaltLevel.values()[price.ordinal() - 1];
            boolean reopening = price == HaltLevel.HARD;
            if (!(reopening && reopen >= policy.maxReopeningsPerDay())) {
                HaltLevel from = max(comp);
                comp[MarketState.PRICE] = target;
                out.add(new HaltChanged(b.spec.market(), "price", target.wire(), from.wire(), max(comp).wire(),
                        "cooldown_expired", m, reopening ? reopen + 1 : reopen));
            }
        }
        return max(comp);
    }

    private boolean cooled(Book b, int component, Instant now) {
        Instant since = b.since[component];
        return since == null || !now.isBefore(since.plus(policy.cooldown()));
    }

    private long reopeningsToday(Book b, Instant now) {
        return b.reopenDay == Math.floorDiv(now.getEpochSecond(), 86_400) ? b.reopenings : 0;
    }

    /** The effective level if {@code component} were {@code level}. */
    private static HaltLevel effective(Book b, int component, HaltLevel level) {
        HaltLevel[] c = b.components.clone();
        c[component] = level;
        return max(c);
    }

    private static HaltLevel currentPrice(Book b, List<MarketEvent> pending) {
        HaltLevel l = b.components[MarketState.PRICE];
        for (MarketEvent e : pending) {
            if (e instanceof HaltChanged h && h.component().equals("price")) {
                l = HaltLevel.parse("level", h.level());
            }
        }
        return l;
    }

    private static HaltLevel max(HaltLevel[] c) {
        HaltLevel l = HaltLevel.NORMAL;
        for (HaltLevel x : c) {
            l = HaltLevel.max(l, x);
        }
        return l;
    }

    /** The price-move metric at {@code now}: widest range of any outcome's price in the window. */
    public long metric(Book b, Instant now, long[]... extra) {
        long horizon = now.getEpochSecond() - policy.window().getSeconds();
        int n = b.pool.length;
        long worst = 0;
        for (int i = 0; i < n; i++) {
            long lo = Long.MAX_VALUE;
            long hi = Long.MIN_VALUE;
            for (long[] bucket : b.window) {
                if (bucket[0] > horizon) {
                    lo = Math.min(lo, bucket[1 + i]);
                    hi = Math.max(hi, bucket[1 + n + i]);
                }
            }
            for (long[] p : extra) {
                lo = Math.min(lo, p[i]);
                hi = Math.max(hi, p[i]);
            }
            if (hi >= lo) {
                worst = Math.max(worst, hi - lo);
            }
        }
        return worst;
    }

    private static void requireNewMarket(MarketState s, String market) {
        if (s.books.containsKey(market)) {
            throw new MarketRejected(Reject.MARKET_EXISTS, "market", "market " + market + " already exists");
        }
    }

    // ------------------------------------------------------------------ admit

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
            requireNewMarket(s, m.market());
            return;
        } else if (e instanceof DepositReceived d) {
            key = d.idempotencyKey();
            c = new Deposit(d.account(), d.amount(), d.e2eid(), d.idempotencyKey(), d.requestHash());
        } else if (e instanceof WithdrawalRequested w) {
            key = w.idempotencyKey();
            c = new Withdraw(w.withdrawalId(), w.account(), w.amount(), w.pixKey(), w.idempotencyKey(), w.requestHash());
        } else if (e instanceof OrderFilled o) {
            key = o.idempotencyKey();
            c = new PlaceOrder(o.market(), o.account(), o.outcome(), o.side(), o.amount(), 0, o.idempotencyKey(), o.requestHash());
        } else if (e instanceof LiquidityAdded a) {
            key = a.idempotencyKey();
            c = new AddLiquidity(a.market(), a.account(), a.amount(), a.idempotencyKey(), a.requestHash());
        } else if (e instanceof LiquidityRemoved r) {
            key = r.idempotencyKey();
            c = new RemoveLiquidity(r.market(), r.account(), r.lpShares(), r.idempotencyKey(), r.requestHash());
        } else if (e instanceof HaltChanged) {
            throw new MarketRejected(Reject.INVALID_FIELD, "type", "HaltChanged is written only by the engine: "
                    + "use mbp market halt / mbp market resume (price and oracle halts follow from the log)");
        } else {
            throw new MarketRejected(Reject.INVALID_FIELD, "type", at(-1, e).replace(": ", "")
                    + " is written only by the engine: use mbp market settle");
        }
        if (key != null && s.idempotency.containsKey(key)) {
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
            throw new MarketRejected(Reject.INVALID_FIELD, differingField(e, decided), "the engine decides "
                    + response(decided) + " for this " + at(-1, e).replace(": ", "") + " at " + ts + ", the line says "
                    + response(e));
        }
    }

    /** The first record component (snake_case) where two events of one type differ, for the message. */
    private static String differingField(MarketEvent offered, MarketEvent decided) {
        if (decided == null) {
            return "type";
        }
        try {
            for (java.lang.reflect.RecordComponent rc : offered.getClass().getRecordComponents()) {
                Object a = rc.getAccessor().invoke(offered);
                Object b = rc.getAccessor().invoke(decided);
                if (!java.util.Objects.equals(a, b)) {
                    return rc.getName().replaceAll("([A-Z])", "_$1").toLowerCase(java.util.Locale.ROOT);
                }
            }
        } catch (ReflectiveOperationException ignored) {
            // records' accessors are public; fall through to the whole payload
        }
        return "payload";
    }

    // ------------------------------------------------------------------ evolve

    /**
     * Applies one logged event at log position {@code seq} (or -1 while it is not yet appended).
     * Oracle events only record what markets need; events of other families are ignored.
     */
    public void evolve(MarketState s, EventPayload p, Instant ts, long seq) {
        s.events++;
        if (seq >= 0) {
            s.lastSeq = seq;
        }
        if (p instanceof MarketEvent me && !applicable(s, me, seq)) {
            return; // recorded as an I0 violation: the state stays loadable and check names the event
        }
        if (p instanceof MarketCreated m) {
            s.books.put(m.market(), new Book(m));
        } else if (p instanceof DepositReceived d) {
            s.ledger.post(Ledger.EXTERNAL, Ledger.cash(d.account()), d.amount());
            s.deposits = Math.addExact(s.deposits, d.amount());
            if (!s.e2eids.add(d.e2eid())) {
                s.stepViolations.add("I9: " + at(seq, p) + "e2eid " + d.e2eid() + " was already credited");
            }
            account(s, d.account());
            remember(s, d.idempotencyKey(), d.requestHash(), d);
        } else if (p instanceof WithdrawalRequested w) {
            s.ledger.post(Ledger.cash(w.account()), Ledger.WITHDRAWALS, w.amount());
            if (!s.withdrawalIds.add(w.withdrawalId())) {
                s.stepViolations.add("I9: " + at(seq, p) + "withdrawal_id " + w.withdrawalId() + " was already requested");
            }
            noNegativeCash(s, w.account(), seq, p);
            remember(s, w.idempotencyKey(), w.requestHash(), w);
        } else if (p instanceof OrderFilled o) {
            applyFill(s, o, ts, seq);
        } else if (p instanceof LiquidityAdded a) {
            Book b = s.books.get(a.market());
            Account acct = account(s, a.account());
            long[] pos = acct.positions.computeIfAbsent(a.market(), k -> new long[b.pool.length]);
            for (int j = 0; j < b.pool.length; j++) {
                long kept = a.kept().get(j);
                b.pool[j] = Math.addExact(b.pool[j], kept);
                pos[j] = Math.addExact(pos[j], a.amount() - kept);
            }
            s.ledger.post(acct.cashKey, Ledger.collateral(a.market()), a.amount());
            noNegativeCash(s, a.account(), seq, p);
            b.lpSupply = Math.addExact(b.lpSupply, a.lpShares());
            b.lpShares.merge(a.account(), a.lpShares(), Math::addExact);
            b.feePoolWeight = Math.addExact(b.feePoolWeight, a.feeWeight());
            b.withdrawnFees.merge(a.account(), a.feeWeight(), Math::addExact);
            b.totalWithdrawnFees = Math.addExact(b.totalWithdrawnFees, a.feeWeight());
            remember(s, a.idempotencyKey(), a.requestHash(), a);
        } else if (p instanceof LiquidityRemoved r) {
            Book b = s.books.get(r.market());
            Account acct = account(s, r.account());
            long[] pos = acct.positions.computeIfAbsent(r.market(), k -> new long[b.pool.length]);
            for (int j = 0; j < b.pool.length; j++) {
                long sent = r.sent().get(j);
                b.pool[j] = Math.subtractExact(b.pool[j], sent);
                pos[j] = Math.addExact(pos[j], sent - r.merged());
            }
            s.ledger.post(Ledger.collateral(r.market()), acct.cashKey, r.merged());
            s.ledger.post(Ledger.fees(r.market()), acct.cashKey, r.fees());
            b.withdrawnFees.merge(r.account(), r.fees() - r.feeWeight(), Math::addExact);
            b.totalWithdrawnFees = Math.addExact(b.totalWithdrawnFees, r.fees() - r.feeWeight());
            b.feePoolWeight = Math.subtractExact(b.feePoolWeight, r.feeWeight());
            b.lpSupply = Math.subtractExact(b.lpSupply, r.lpShares());
            long left = b.lpShares.merge(r.account(), -r.lpShares(), Math::addExact);
            if (left == 0) {
                b.lpShares.remove(r.account());
            } else if (left < 0) {
                s.stepViolations.add("I1: " + at(seq, p) + "account " + r.account() + " removes more LP shares of "
                        + r.market() + " than it holds (" + left + " left)");
            }
            remember(s, r.idempotencyKey(), r.requestHash(), r);
        } else if (p instanceof HaltChanged h) {
            Book b = s.books.get(h.market());
            int c = "price".equals(h.component()) ? MarketState.PRICE
                    : "oracle".equals(h.component()) ? MarketState.ORACLE : MarketState.MANUAL;
            b.components[c] = HaltLevel.parse("level", h.level());
            b.since[c] = ts;
            b.reopenDay = Math.floorDiv(ts.getEpochSecond(), 86_400);
            b.reopenings = h.reopenings();
        } else if (p instanceof MarketSettled st) {
            Book b = s.books.get(st.market());
            OracleStatus os = s.oracle.get(st.oracleEvent());
            if (os == null || os.finalized == null) {
                s.stepViolations.add("I5: market " + st.market() + " settled at seq " + seq
                        + " before its oracle event " + st.oracleEvent() + " finalized");
            }
            if (b.settlement != null) {
                s.stepViolations.add("I5: market " + st.market() + " settled twice (seq " + seq + ")");
            }
            b.settlement = st;
            java.util.Arrays.fill(b.pool, 0);
            b.lpShares.clear();
            b.lpSupply = 0;
            for (Account a : s.accounts.values()) {
                a.positions.remove(st.market());
            }
        } else if (p instanceof SettlementPayout pi) {
            s.ledger.post(Ledger.collateral(pi.market()), Ledger.PAYOUTS, Math.addExact(pi.positions(), pi.liquidity()));
            s.ledger.post(Ledger.fees(pi.market()), Ledger.PAYOUTS, pi.fees());
        } else if (p instanceof Finalized f) {
            OracleStatus os = s.oracle.computeIfAbsent(f.event(), k -> new OracleStatus());
            if (os.finalized == null) {
                os.finalized = f;
                os.finalizedSeq = seq;
            }
        } else if (p instanceof FailoverRolled r) {
            OracleStatus os = s.oracle.computeIfAbsent(r.event(), k -> new OracleStatus());
            os.mode = r.to();
            os.modeSince = ts;
        }
        // other families (oracle reports, later engines) do not move markets
    }

    /**
     * Whether {@code e} names things the state has (its market, outcome, pool shape). A log written
     * behind the engine's back (a raw append before issue 19, SQL) may hold one that does not: it
     * is recorded as an I0 violation naming seq, type and reason, and not applied, so replay never
     * dies on it and {@code market check} and the daemon's start report it (exit 3).
     */
    private static boolean applicable(MarketState s, MarketEvent e, long seq) {
        String problem = null;
        if (e instanceof MarketCreated m) {
            problem = s.books.containsKey(m.market()) ? "market " + m.market() + " already exists" : null;
        } else if (e instanceof OrderFilled o) {
            Book b = s.books.get(o.market());
            problem = b == null ? noMarket(o.market())
                    : b.outcomeIndex(o.outcome()) < 0 ? "market " + o.market() + " has no outcome \"" + o.outcome() + "\""
                    : !"buy".equals(o.side()) && !"sell".equals(o.side()) ? "side \"" + o.side() + "\" is neither buy nor sell"
                    : null;
        } else if (e instanceof LiquidityAdded a) {
            Book b = s.books.get(a.market());
            problem = b == null ? noMarket(a.market()) : a.kept().size() != b.pool.length
                    ? "kept has " + a.kept().size() + " entries, market " + a.market() + " has " + b.pool.length + " outcomes" : null;
        } else if (e instanceof LiquidityRemoved r) {
            Book b = s.books.get(r.market());
            problem = b == null ? noMarket(r.market()) : r.sent().size() != b.pool.length
                    ? "sent has " + r.sent().size() + " entries, market " + r.market() + " has " + b.pool.length + " outcomes" : null;
        } else if (e instanceof HaltChanged h) {
            problem = s.books.containsKey(h.market()) ? null : noMarket(h.market());
        } else if (e instanceof MarketSettled st) {
            problem = s.books.containsKey(st.market()) ? null : noMarket(st.market());
        }
        if (problem == null) {
            return true;
        }
        s.stepViolations.add("I0: " + at(seq, e) + problem + "; not applied");
        return false;
    }

    private static String noMarket(String market) {
        return "no market \"" + market + "\"";
    }

    /** "seq N Type: " for a violation's detail (the seq is unknown, -1, for an event not yet appended). */
    static String at(long seq, EventPayload p) {
        io.mbp.events.EventType t = p.getClass().getAnnotation(io.mbp.events.EventType.class);
        return (seq >= 0 ? "seq " + seq + " " : "") + (t == null ? p.getClass().getSimpleName() : t.value()) + ": ";
    }

    private static void noNegativeCash(MarketState s, String account, long seq, EventPayload p) {
        long cash = s.cash(account);
        if (cash < 0) {
            s.stepViolations.add("I1: " + at(seq, p) + Ledger.cash(account) + " goes negative: " + cash);
        }
    }

    private void applyFill(MarketState s, OrderFilled o, Instant ts, long seq) {
        Book b = s.books.get(o.market());
        if (b.level() == HaltLevel.HARD) {
            s.stepViolations.add("I8: order " + o.orderId() + " filled while market " + o.market() + " was halted (hard)");
        }
        int i = b.outcomeIndex(o.outcome());
        long[] before = b.prices();
        Account a = account(s, o.account());
        long[] pos = a.positions.computeIfAbsent(o.market(), k -> new long[b.pool.length]);
        String coll = b.collateralKey;
        String fees = b.feesKey;
        if ("buy".equals(o.side())) {
            long inv = o.amount() - o.fee();
            for (int j = 0; j < b.pool.length; j++) {
                b.pool[j] = Math.addExact(b.pool[j], inv);
            }
            b.pool[i] = Math.subtractExact(b.pool[i], o.shares());
            pos[i] = Math.addExact(pos[i], o.shares());
            s.ledger.post(a.cashKey, coll, inv);
            s.ledger.post(a.cashKey, fees, o.fee());
            noNegativeCash(s, o.account(), seq, o);
            if (b.pool[i] < 0) {
                s.stepViolations.add("I1: " + at(seq, o) + "the pool of " + o.market() + " holds " + b.pool[i] + " " + o.outcome());
            }
        } else {
            long burned = o.cost() + o.fee();
            for (int j = 0; j < b.pool.length; j++) {
                b.pool[j] = Math.subtractExact(b.pool[j], burned);
            }
            b.pool[i] = Math.addExact(b.pool[i], o.shares());
            pos[i] = Math.subtractExact(pos[i], o.shares());
            if (pos[i] < 0) {
                s.stepViolations.add("I1: " + at(seq, o) + "account " + o.account() + " sells " + o.shares() + " "
                        + o.outcome() + " shares of " + o.market() + " it does not hold (position " + pos[i] + ")");
            }
            s.ledger.post(coll, a.cashKey, o.cost());
            s.ledger.post(coll, fees, o.fee());
        }
        b.feePoolWeight = Math.addExact(b.feePoolWeight, o.fee());
        b.orders++;
        b.volume = Math.addExact(b.volume, o.cost());
        s.orders++;
        b.pricesStale = true;
        record(b, ts, before, b.prices());
        remember(s, o.idempotencyKey(), o.requestHash(), o);
    }

    private void record(Book b, Instant ts, long[] before, long[] after) {
        int n = b.pool.length;
        long sec = ts.getEpochSecond();
        long horizon = sec - policy.window().getSeconds();
        while (!b.window.isEmpty() && b.window.peekFirst()[0] <= horizon) {
            b.window.pollFirst();
        }
        long[] bucket = b.window.peekLast();
        if (bucket == null || bucket[0] != sec) {
            bucket = new long[1 + 2 * n];
            bucket[0] = sec;
            for (int i = 0; i < n; i++) {
                bucket[1 + i] = Math.min(before[i], after[i]);
                bucket[1 + n + i] = Math.max(before[i], after[i]);
            }
            b.window.addLast(bucket);
        } else {
            for (int i = 0; i < n; i++) {
                bucket[1 + i] = Math.min(bucket[1 + i], Math.min(before[i], after[i]));
                bucket[1 + n + i] = Math.max(bucket[1 + n + i], Math.max(before[i], after[i]));
            }
        }
    }

    private static void remember(MarketState s, String key, String hash, MarketEvent e) {
        if (key != null) {
            s.idempotency.put(key, new MarketState.Idem(hash, response(e)));
        }
    }

    /** The API's answer to the command that produced {@code e}: a function of the event alone. */
    public static Map<String, Object> response(MarketEvent e) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (e instanceof OrderFilled o) {
            m.put("order_id", o.orderId());
            m.put("market", o.market());
            m.put("account", o.account());
            m.put("outcome", o.outcome());
            m.put("side", o.side());
            m.put("amount", o.amount());
            m.put("filled_shares", o.shares());
            m.put("cost", o.cost());
            m.put("fee", o.fee());
        } else if (e instanceof DepositReceived d) {
            m.put("account", d.account());
            m.put("amount", d.amount());
            m.put("e2eid", d.e2eid());
        } else if (e instanceof WithdrawalRequested w) {
            m.put("withdrawal_id", w.withdrawalId());
            m.put("account", w.account());
            m.put("amount", w.amount());
        } else if (e instanceof LiquidityAdded a) {
            m.put("market", a.market());
            m.put("account", a.account());
            m.put("amount", a.amount());
            m.put("lp_shares", a.lpShares());
            m.put("kept", a.kept());
        } else if (e instanceof LiquidityRemoved r) {
            m.put("market", r.market());
            m.put("account", r.account());
            m.put("lp_shares", r.lpShares());
            m.put("sent", r.sent());
            m.put("merged", r.merged());
            m.put("fees", r.fees());
        } else {
            m.put("type", e.getClass().getSimpleName());
        }
        return m;
    }

    private static Account account(MarketState s, String id) {
        return s.accounts.computeIfAbsent(id, Account::new);
    }

    // ------------------------------------------------------------------ helpers

    private static Book bookOf(MarketState s, String market) {
        if (market == null || market.isBlank()) {
            throw new MarketRejected(Reject.MISSING_FIELD, "market", "market: missing");
        }
        Book b = s.books.get(market);
        if (b == null) {
            throw new MarketRejected(Reject.UNKNOWN_MARKET, "market", "no market \"" + market + "\" (see mbp market list)");
        }
        return b;
    }

    private static void requireTradable(Book b, Instant now) {
        String status = b.status(now);
        if ("settled".equals(status) || "closed".equals(status)) {
            throw new MarketRejected(Reject.MARKET_CLOSED, "market " + b.spec.market() + " is " + status
                    + (b.spec.closesAt() != null ? " (closed at " + b.spec.closesAt() + ")" : ""));
        }
        if ("scheduled".equals(status)) {
            throw new MarketRejected(Reject.MARKET_NOT_OPEN, "market " + b.spec.market() + " opens at " + b.spec.opensAt());
        }
    }

    private static void requireAmount(String field, long amount) {
        if (amount <= 0) {
            throw new MarketRejected(Reject.INVALID_FIELD, field, field + ": must be a positive integer, got " + amount);
        }
        if (amount > Fpmm.MAX_AMOUNT) {
            throw new MarketRejected(Reject.ORDER_TOO_LARGE, field, field + ": at most " + Fpmm.MAX_AMOUNT + " per command, got " + amount);
        }
    }

    private static void requireId(String field, String id) {
        if (id == null || id.isBlank()) {
            throw new MarketRejected(Reject.MISSING_FIELD, field, field + ": missing");
        }
        Identifier.require(field, id);
    }

    static List<Long> boxed(long[] a) {
        List<Long> l = new ArrayList<>(a.length);
        for (long x : a) {
            l.add(x);
        }
        return l;
    }
}

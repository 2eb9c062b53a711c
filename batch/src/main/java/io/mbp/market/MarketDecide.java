package io.mbp.market;

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
import io.mbp.oracle.Finalized;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The market engine's {@code decide}: a command against the state it reads and never writes, to the
 * events the command causes or a {@link MarketRejected}. Halt commands and the halt transitions an
 * order or a tick makes due are decided by {@link Halts}; the state moves only through
 * {@link MarketEvolve} (docs/adr/0301).
 */
final class MarketDecide {
    private final HaltPolicy policy;
    private final Halts halts;

    MarketDecide(HaltPolicy policy, Halts halts) {
        this.policy = policy;
        this.halts = halts;
    }

    List<MarketEvent> decide(MarketState s, MarketCommand c, Instant now) {
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
                return halts.halt(s, h, now);
            } else if (c instanceof Resume r) {
                return halts.resume(s, r, now);
            } else if (c instanceof Settle st) {
                return settle(s, st);
            } else if (c instanceof MarketCommand.ApplyParams a) {
                return MarketParamsApplied.decide(bookOf(s, a.market()), a);
            } else {
                return halts.tick(s, bookOf(s, ((Tick) c).market()), now, new ArrayList<>());
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
        if (w.payee() == null) {
            throw new MarketRejected(Reject.MISSING_FIELD, "pix_key_ref", "a withdrawal needs a destination (the PIX key's reference)");
        }
        if (s.withdrawalIds.contains(w.withdrawalId())) {
            throw new MarketRejected(Reject.INVALID_FIELD, "withdrawal_id", "withdrawal " + w.withdrawalId() + " exists");
        }
        long cash = s.cash(w.account());
        if (cash < w.amount()) {
            throw new MarketRejected(Reject.INSUFFICIENT_FUNDS, "amount", "account " + w.account() + " has " + cash
                    + " centavos, cannot withdraw " + w.amount());
        }
        return List.of(new WithdrawalRequested(w.withdrawalId(), w.account(), w.amount(), w.payee(), w.idempotencyKey(),
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
        HaltLevel level = halts.tickInto(s, b, now, out);
        if (level == HaltLevel.HARD) {
            throw new MarketRejected(Reject.MARKET_HALTED, "market " + o.market() + " is halted (hard): no trades");
        }
        if (level == HaltLevel.SOFT && buy) {
            throw new MarketRejected(Reject.MARKET_SOFT_HALTED, "market " + o.market()
                    + " is in a soft halt: only sells and liquidity removal");
        }
        String orderId = "ord-" + (s.orders + 1);
        // The fill names market, outcome and account with the state's strings, not the request's copies: the state
        // keeps every answered fill (idempotency), and what each order keeps the collector copies (ADR 0158)
        String market = b.spec.market();
        String outcome = b.spec.outcomes().get(i);
        Account known = s.accounts.get(o.account());
        String account = known == null ? o.account() : known.id;
        OrderFilled fill;
        long[] after;
        if (buy) {
            long cash = s.cash(o.account());
            if (cash < o.amount()) {
                throw new MarketRejected(Reject.INSUFFICIENT_FUNDS, "amount", "account " + o.account() + " has " + cash
                        + " centavos, the order needs " + o.amount());
            }
            Fpmm.BuyQuote q = Fpmm.buy(b.pool, i, o.amount(), b.feeBps());
            // a buy spends exactly its amount: what the price changes is the shares it gets (docs/adr/0308)
            if (o.limit() > 0 && q.shares() < o.limit()) {
                throw new MarketRejected(Reject.SLIPPAGE_EXCEEDED, "min_shares", "the buy gets " + q.shares()
                        + " shares, below min_shares " + o.limit());
            }
            fill = new OrderFilled(orderId, market, account, outcome, "buy", o.amount(), q.shares(),
                    o.amount(), q.fee(), o.idempotencyKey(), o.requestHash());
            after = q.after();
        } else {
            long[] pos = known == null ? null : known.positions.get(market);
            long held = pos == null ? 0 : pos[i];
            if (held < o.amount()) {
                throw new MarketRejected(Reject.INSUFFICIENT_SHARES, "amount", "account " + o.account() + " holds " + held
                        + " " + o.outcome() + " shares, cannot sell " + o.amount());
            }
            Fpmm.SellQuote q = Fpmm.sell(b.pool, i, o.amount(), b.feeBps());
            if (q.returned() < o.limit()) {
                throw new MarketRejected(Reject.SLIPPAGE_EXCEEDED, "min_return", "the sell returns " + q.returned()
                        + " centavos, below min_return " + o.limit());
            }
            fill = new OrderFilled(orderId, market, account, outcome, "sell", o.amount(), o.amount(),
                    q.returned(), q.fee(), o.idempotencyKey(), o.requestHash());
            after = q.after();
        }
        out.add(fill);
        long metric = halts.metric(b, now, b.prices(), Fpmm.pricesBps(after));
        HaltLevel target = b.bands.halt(policy).levelFor(metric); // the market's release's bands (ADR 0322)
        if (target.ordinal() > Halts.currentPrice(b, out).ordinal()) {
            HaltLevel before = Halts.effective(b, MarketState.PRICE, Halts.currentPrice(b, out));
            HaltLevel now2 = Halts.effective(b, MarketState.PRICE, target);
            out.add(new HaltChanged(o.market(), "price", target.wire(), before.wire(), now2.wire(), "price_band",
                    metric, halts.reopeningsToday(b, now)));
        }
        return out;
    }

    private List<MarketEvent> addLiquidity(MarketState s, AddLiquidity a, Instant now) {
        Book b = bookOf(s, a.market());
        requireTradable(b, now);
        requireId("account", a.account());
        requireAmount("amount", a.amount());
        List<MarketEvent> out = new ArrayList<>();
        HaltLevel level = halts.tickInto(s, b, now, out);
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
        HaltLevel level = halts.tickInto(s, b, now, out);
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
    static long withdrawableFees(Book b, String account) {
        long lp = b.lpShares.getOrDefault(account, 0L);
        if (lp == 0 || b.lpSupply == 0) {
            return 0;
        }
        long raw = Fpmm.mulDiv(b.feePoolWeight, lp, b.lpSupply);
        return Math.max(0, raw - b.withdrawnFees.getOrDefault(account, 0L));
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
                        + " is categorical but oracle event " + f.event() + " finalized a numeric value; a market on a numeric oracle event needs a threshold");
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
    static void requireNewMarket(MarketState s, String market) {
        if (s.books.containsKey(market)) {
            throw new MarketRejected(Reject.MARKET_EXISTS, "market", "market " + market + " already exists");
        }
    }
    static Book bookOf(MarketState s, String market) {
        if (market == null || market.isBlank()) {
            throw new MarketRejected(Reject.MISSING_FIELD, "market", "market: missing");
        }
        Book b = s.books.get(market);
        if (b == null) {
            throw new MarketRejected(Reject.UNKNOWN_MARKET, "market", "no market \"" + market + "\" (see mbp market list)");
        }
        return b;
    }

    static void requireTradable(Book b, Instant now) {
        String status = b.status(now);
        if ("settled".equals(status) || "closed".equals(status)) {
            throw new MarketRejected(Reject.MARKET_CLOSED, "market " + b.spec.market() + " is " + status
                    + (b.spec.closesAt() != null ? " (closed at " + b.spec.closesAt() + ")" : ""));
        }
        if ("scheduled".equals(status)) {
            throw new MarketRejected(Reject.MARKET_NOT_OPEN, "market " + b.spec.market() + " opens at " + b.spec.opensAt());
        }
    }

    static void requireAmount(String field, long amount) {
        if (amount <= 0) {
            throw new MarketRejected(Reject.INVALID_FIELD, field, field + ": must be a positive integer, got " + amount);
        }
        if (amount > Fpmm.MAX_AMOUNT) {
            throw new MarketRejected(Reject.ORDER_TOO_LARGE, field, field + ": at most " + Fpmm.MAX_AMOUNT + " per command, got " + amount);
        }
    }

    static void requireId(String field, String id) {
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

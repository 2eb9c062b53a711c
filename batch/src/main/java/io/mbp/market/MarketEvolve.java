package io.mbp.market;

import io.mbp.events.EventPayload;
import io.mbp.market.MarketState.Account;
import io.mbp.market.MarketState.Book;
import io.mbp.market.MarketState.OracleStatus;
import io.mbp.oracle.FailoverRolled;
import io.mbp.oracle.Finalized;
import java.time.Instant;

/**
 * The market engine's {@code evolve}: the one place that changes a {@link MarketState} (docs/adr/0301).
 * Live operation and replay both apply logged events here, so replay equals live by construction.
 * A fill also records its price range in the book's window, which {@link Halts} reads for the price-move metric.
 */
final class MarketEvolve {
    private final HaltPolicy policy;

    MarketEvolve(HaltPolicy policy) {
        this.policy = policy;
    }

    /**
     * Applies one logged event at log position {@code seq} (or -1 while it is not yet appended).
     * Oracle events only record what markets need; events of other families are ignored.
     */
    void evolve(MarketState s, EventPayload p, Instant ts, long seq) {
        s.events++;
        if (seq >= 0) {
            s.lastSeq = seq;
        }
        if (p instanceof MarketEvent me && !applicable(s, me, seq)) {
            return; // recorded as an I0 violation: the state stays loadable and check names the event
        }
        if (p instanceof MarketCreated m) {
            s.books.put(m.market(), new Book(m));
        } else if (p instanceof MarketParamsApplied a) {
            Book b = s.books.get(a.market());
            b.release = a.release();
            b.fee = a.feeBps();
            b.bands = a.bands();
        } else if (p instanceof DepositReceived d) {
            s.ledger.post(Ledger.EXTERNAL, Ledger.cash(d.account()), d.amount());
            s.deposits = Math.addExact(s.deposits, d.amount());
            if (!s.addE2eid(d.e2eid())) {
                s.stepViolations.add("I9: " + at(seq, p) + "e2eid " + d.e2eid() + " was already credited");
            }
            account(s, d.account());
            remember(s, d.idempotencyKey(), d.requestHash(), d);
        } else if (p instanceof WithdrawalRequested w) {
            s.ledger.post(Ledger.cash(w.account()), Ledger.WITHDRAWALS, w.amount());
            if (!s.addWithdrawalId(w.withdrawalId())) {
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
            b.held.clear();
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
        } else if (e instanceof MarketParamsApplied a) {
            problem = s.books.containsKey(a.market()) ? null : noMarket(a.market());
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
        long[] pos = b.held.get(a);
        if (pos == null) {
            pos = a.positions.computeIfAbsent(o.market(), k -> new long[b.pool.length]);
            b.held.put(a, pos);
        }
        Ledger.Cell cash = cashCell(s, a);
        if (b.collateralCell == null) {
            b.collateralCell = s.ledger.cell(b.collateralKey);
            b.feesCell = s.ledger.cell(b.feesKey);
        }
        if ("buy".equals(o.side())) {
            long inv = o.amount() - o.fee();
            for (int j = 0; j < b.pool.length; j++) {
                b.pool[j] = Math.addExact(b.pool[j], inv);
            }
            b.pool[i] = Math.subtractExact(b.pool[i], o.shares());
            pos[i] = Math.addExact(pos[i], o.shares());
            s.ledger.post(cash, b.collateralCell, inv);
            s.ledger.post(cash, b.feesCell, o.fee());
            if (cash.balance < 0) {
                s.stepViolations.add("I1: " + at(seq, o) + a.cashKey + " goes negative: " + cash.balance);
            }
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
            s.ledger.post(b.collateralCell, cash, o.cost());
            s.ledger.post(b.collateralCell, b.feesCell, o.fee());
        }
        b.feePoolWeight = Math.addExact(b.feePoolWeight, o.fee());
        b.orders++;
        b.volume = Math.addExact(b.volume, o.cost());
        s.orders++;
        b.pricesStale = true;
        record(b, ts, before, b.prices());
        if (o.idempotencyKey() != null) {
            s.remember(new MarketState.Idem(o.idempotencyKey(), o.requestHash(), o), b.spec.market(), a.id,
                    b.spec.outcomes().get(i));
        }
    }

    /** Adds a fill's price range to the book's per-second buckets, dropping those older than the policy window. */
    void record(Book b, Instant ts, long[] before, long[] after) {
        int n = b.pool.length;
        long sec = ts.getEpochSecond();
        long horizon = sec - policy.window().getSeconds();
        while (!b.window.isEmpty() && b.window.peekFirst()[0] <= horizon) {
            b.window.pollFirst();
        }
        HaltWindow extremes = b.extremes;
        if (extremes != null) {
            extremes.expired(horizon);
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
        if (extremes != null) {
            extremes.updated(bucket);
            if (extremes.unordered()) {
                b.extremes = null; // rebuilt from the window by the next metric that needs it
            }
        }
    }

    private static void remember(MarketState s, String key, String hash, MarketEvent e) {
        if (key != null) {
            s.remember(new MarketState.Idem(key, hash, e));
        }
    }
    private static Account account(MarketState s, String id) {
        return s.accounts.computeIfAbsent(id, Account::new);
    }

    /** The account's cash cell in the ledger, bound once (ADR 0119). */
    private static Ledger.Cell cashCell(MarketState s, Account a) {
        if (a.cashCell == null) {
            a.cashCell = s.ledger.cell(a.cashKey);
        }
        return a.cashCell;
    }
}

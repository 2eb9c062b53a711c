package io.mbp.cli.market;

import io.mbp.market.DepositReceived;
import io.mbp.market.Fpmm;
import io.mbp.market.LiquidityAdded;
import io.mbp.market.LiquidityRemoved;
import io.mbp.market.MarketEngine;
import io.mbp.market.MarketEvent;
import io.mbp.market.MarketState;
import io.mbp.market.MarketState.Book;
import io.mbp.market.OrderFilled;
import io.mbp.market.WithdrawalRequested;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** JSON-ready views of markets and accounts, shared by the CLI and the daemon. */
public final class Views {
    private Views() {
    }

    public static Map<String, Object> market(Book b, Instant now, boolean detail) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("market", b.spec.market());
        m.put("oracle_event", b.spec.oracleEvent());
        m.put("outcomes", b.spec.outcomes());
        m.put("fee_bps", b.feeBps());
        m.put("opens_at", b.spec.opensAt());
        m.put("closes_at", b.spec.closesAt());
        m.put("threshold", b.spec.threshold());
        m.put("status", b.status(now));
        m.put("halt", b.level().wire());
        Map<String, Object> halt = new LinkedHashMap<>();
        halt.put("price", b.components[MarketState.PRICE].wire());
        halt.put("oracle", b.components[MarketState.ORACLE].wire());
        halt.put("manual", b.components[MarketState.MANUAL].wire());
        halt.put("reopenings_today", b.reopenings);
        m.put("halt_components", halt);
        m.put("pool", toList(b.pool));
        m.put("prices_bps", toList(b.settlement == null && b.pool[0] > 0 ? Fpmm.pricesBps(b.pool) : new long[b.pool.length]));
        m.put("lp_supply", b.lpSupply);
        m.put("orders", b.orders);
        m.put("volume", b.volume);
        if (detail) {
            Map<String, Object> lps = new LinkedHashMap<>();
            b.lpShares.forEach((a, s) -> lps.put(a, Map.of("lp_shares", s, "fees_withdrawable", MarketEngine.withdrawableFees(b, a))));
            m.put("liquidity_providers", lps);
            m.put("fee_pool_weight", b.feePoolWeight);
        }
        if (b.settlement != null) {
            Map<String, Object> st = new LinkedHashMap<>();
            st.put("numerators", b.settlement.numerators());
            st.put("denominator", b.settlement.denominator());
            st.put("result", b.settlement.result());
            st.put("finalized_seq", b.settlement.finalizedSeq());
            m.put("settlement", st);
        }
        return m;
    }

    public static Map<String, Object> account(MarketState s, String id) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("account", id);
        m.put("cash", s.cash(id));
        Map<String, Object> positions = new LinkedHashMap<>();
        MarketState.Account a = s.account(id);
        if (a != null) {
            a.positions.forEach((market, pos) -> {
                Book b = s.book(market);
                Map<String, Long> p = new LinkedHashMap<>();
                for (int i = 0; i < pos.length; i++) {
                    if (pos[i] != 0) {
                        p.put(b.spec.outcomes().get(i), pos[i]);
                    }
                }
                if (!p.isEmpty()) {
                    positions.put(market, p);
                }
            });
        }
        m.put("positions", positions);
        Map<String, Object> lp = new LinkedHashMap<>();
        for (Book b : s.books().values()) {
            Long shares = b.lpShares.get(id);
            if (shares != null) {
                lp.put(b.spec.market(), shares);
            }
        }
        m.put("lp_shares", lp);
        return m;
    }

    /**
     * The API's answer to the write that produced {@code e} (docs/openapi.yaml): a function of the event
     * alone, so a retry with the same Idempotency-Key, even after a restart, gets the same answer.
     */
    public static Map<String, Object> answer(MarketEvent e) {
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

    static List<Long> toList(long[] a) {
        List<Long> l = new ArrayList<>(a.length);
        for (long x : a) {
            l.add(x);
        }
        return l;
    }
}

package io.mbp.cli.market;

import io.mbp.market.Fpmm;
import io.mbp.market.MarketEngine;
import io.mbp.market.MarketState;
import io.mbp.market.MarketState.Book;
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
        m.put("fee_bps", b.spec.feeBps());
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

    static List<Long> toList(long[] a) {
        List<Long> l = new ArrayList<>(a.length);
        for (long x : a) {
            l.add(x);
        }
        return l;
    }
}

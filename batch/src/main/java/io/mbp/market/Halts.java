package io.mbp.market;

import io.mbp.events.FieldException;
import io.mbp.market.MarketCommand.Halt;
import io.mbp.market.MarketCommand.Resume;
import io.mbp.market.MarketState.Book;
import io.mbp.market.MarketState.OracleStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Halts (docs/adr/0306): deciding the manual halt and resume commands, the transitions due at a time
 * (oracle mode, cooldowns with hysteresis, ADR 0404), and the price-move metric over the window of
 * price ranges that {@link MarketEvolve} records as fills are applied. Reads the state, never writes
 * it: the components change when {@link MarketEvolve} applies the HaltChanged events (docs/adr/0301).
 */
final class Halts {
    private final HaltPolicy policy;

    Halts(HaltPolicy policy) {
        this.policy = policy;
    }

    // ------------------------------------------------------------------ commands

    List<MarketEvent> halt(MarketState s, Halt h, Instant now) {
        Book b = MarketDecide.bookOf(s, h.market());
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

    List<MarketEvent> resume(MarketState s, Resume r, Instant now) {
        Book b = MarketDecide.bookOf(s, r.market());
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

    List<MarketEvent> tick(MarketState s, Book b, Instant now, List<MarketEvent> out) {
        if (b.settlement == null) {
            tickInto(s, b, now, out);
        }
        return out;
    }

    /**
     * Appends the halt transitions due at {@code now} (oracle mode, cooldowns with hysteresis) and
     * returns the effective level after them.
     */
    HaltLevel tickInto(MarketState s, Book b, Instant now, List<MarketEvent> out) {
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
                && b.bands.halt(policy).levelFor(m + policy.hysteresisBps()).ordinal() < price.ordinal()) {
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

    long reopeningsToday(Book b, Instant now) {
        return b.reopenDay == Math.floorDiv(now.getEpochSecond(), 86_400) ? b.reopenings : 0;
    }

    /** The effective level if {@code component} were {@code level}. */
    static HaltLevel effective(Book b, int component, HaltLevel level) {
        HaltLevel[] c = b.components.clone();
        c[component] = level;
        return max(c);
    }

    static HaltLevel currentPrice(Book b, List<MarketEvent> pending) {
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

    /**
     * The price-move metric at {@code now}: widest range of any outcome's price in the window, the
     * {@code extra} prices (a decision's before and after) included. O(outcomes) per call through the
     * window's sliding extremes (ADR 0151); the scan of every bucket when the window is out of time order.
     */
    long metric(Book b, Instant now, long[]... extra) {
        int n = b.pool.length;
        HaltWindow w = b.extremes;
        if (w == null) {
            w = HaltWindow.of(b.window, n);
            if (w.unordered()) {
                return scannedMetric(b, now, extra);
            }
            b.extremes = w;
        }
        long horizon = now.getEpochSecond() - policy.window().getSeconds();
        long[] range = new long[2];
        long worst = 0;
        for (int i = 0; i < n; i++) {
            w.range(i, horizon, range);
            worst = widest(worst, range[0], range[1], extra, i);
        }
        return worst;
    }

    /** The metric as the scan of every bucket in the window computes it: what {@link #metric} must equal (tests). */
    long scannedMetric(Book b, Instant now, long[]... extra) {
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
            worst = widest(worst, lo, hi, extra, i);
        }
        return worst;
    }

    /** {@code worst} or outcome {@code i}'s range [lo, hi] widened by the {@code extra} prices, whichever is wider. */
    private static long widest(long worst, long lo, long hi, long[][] extra, int i) {
        for (long[] p : extra) {
            lo = Math.min(lo, p[i]);
            hi = Math.max(hi, p[i]);
        }
        return hi >= lo ? Math.max(worst, hi - lo) : worst;
    }
}

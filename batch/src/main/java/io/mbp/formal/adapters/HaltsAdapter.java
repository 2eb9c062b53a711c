package io.mbp.formal.adapters;

import io.mbp.formal.SpecAdapter;
import io.mbp.formal.SpecState;
import io.mbp.market.Fpmm;
import io.mbp.market.HaltChanged;
import io.mbp.market.HaltLevel;
import io.mbp.market.HaltPolicy;
import io.mbp.market.MarketCommand;
import io.mbp.market.MarketEngine;
import io.mbp.market.MarketEvent;
import io.mbp.market.MarketRejected;
import io.mbp.market.MarketState;
import io.mbp.market.OrderFilled;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Holds the market engine's halts, {@link MarketEngine#decide} + {@link MarketEngine#evolve} on a real
 * market, to {@code halts_semi_sync_conformance.tla} (halts_semi_sync with the engine's environment:
 * no delay, no drift, the metric moved only by trades and by the window sliding).
 *
 * <p>Time: spec tick {@code n} is {@code T0 + n * 10 s} on the engine's injected clock; the window
 * tau is 5 s (shorter than a tick), the cooldown 20 s (2 ticks), bands the production
 * 1000/2000/3000 bps with 500 bps hysteresis, at most {@link #MAX_REOPENINGS} re-opening a day.
 *
 * <p>Refinement mapping (Java state -> spec variables):
 * <ul>
 *   <li>{@code level}: the book's effective {@link HaltLevel} (oracle and manual components stay Normal);</li>
 *   <li>{@code seen}: {@code policy.levelFor(engine.metric(book, now))}, the band of the price-range metric;</li>
 *   <li>{@code lastChange}: the price component's {@code since}, in ticks (0 before any change);</li>
 *   <li>{@code reopens}: the book's {@code reopenings} (all runs stay inside one UTC day);</li>
 *   <li>{@code hardEntries}: {@link HaltChanged} events to Hard the engine produced;</li>
 *   <li>{@code now}, {@code moves}, {@code status}, {@code queue}, {@code fills}: the environment and the
 *       API's order queue, kept here; an order is a 100-centavo buy ("open") or a 100-share sell
 *       ("close"), too small to move the metric a band; a Move is one buy sized so the price moves
 *       1100-1400, 2100-2400 or 3200-4000 bps (Warn, Soft, Hard).</li>
 * </ul>
 * Enabled actions are read from the engine: Relax iff a {@code Tick} command would produce events, an
 * order (Move, Process) only when no relaxation is due (the engine applies a due one first, which the
 * spec writes as a separate Relax step), Move only if the engine would fill a buy.
 */
public final class HaltsAdapter implements SpecAdapter {
    public static final long TICK_SECONDS = 10;
    public static final int MAX_TIME = 6;
    public static final int MAX_MOVES = 3;
    public static final int MAX_REOPENINGS = 1;
    static final Instant T0 = Instant.parse("2026-11-27T12:00:00Z");
    private static final String M = "H";
    private static final long LIQUIDITY = 1_000_000;
    private static final String[] KIND = {"open", "close"};

    private MarketEngine engine;
    private MarketState s;
    private int now;
    private int moves;
    private int hardEntries;
    private String[] status;
    private final List<Integer> queue = new ArrayList<>();
    private final TreeSet<Integer> fills = new TreeSet<>();
    private final HaltPolicy policy;

    public HaltsAdapter() {
        this(MAX_REOPENINGS);
    }

    /** An engine whose daily re-opening cap differs from the cfg's MaxReopenings must fail the run (harness self-test). */
    public HaltsAdapter(long maxReopeningsPerDay) {
        policy = new HaltPolicy(Duration.ofSeconds(5), 1_000, 2_000, 3_000, 500, Duration.ofSeconds(2 * TICK_SECONDS),
                maxReopeningsPerDay);
    }

    @Override
    public String spec() {
        return "halts_semi_sync_conformance";
    }

    @Override
    public void reset(SpecState init) {
        engine = new MarketEngine(policy);
        s = new MarketState();
        Instant setup = T0.minusSeconds(600); // outside the window of every spec tick
        run(new MarketCommand.CreateMarket(M, "EV-" + M, List.of("YES", "NO"), 0, null, null, null, "lp",
                LIQUIDITY, "E-LP"), setup);
        run(new MarketCommand.Deposit("mover", 100_000_000_000L, "E-MOVER", null, null), setup);
        run(new MarketCommand.Deposit("trader", 1_000_000, "E-TRADER", null, null), setup);
        run(new MarketCommand.PlaceOrder(M, "trader", "YES", "buy", 1_000, 0, null, null), setup);
        now = 0;
        moves = 0;
        hardEntries = 0;
        status = new String[] {"new", "new"};
        queue.clear();
        fills.clear();
    }

    private Instant clock() {
        return T0.plusSeconds(now * TICK_SECONDS);
    }

    private MarketState.Book book() {
        return s.book(M);
    }

    private List<MarketEvent> run(MarketCommand c, Instant at) {
        List<MarketEvent> events = engine.decide(s, c, at);
        for (MarketEvent e : events) {
            engine.evolve(s, e, at, -1);
            if (e instanceof HaltChanged h && "hard".equals(h.level())) {
                hardEntries++;
            }
        }
        return events;
    }

    private boolean relaxDue() {
        return !engine.decide(s, new MarketCommand.Tick(M), clock()).isEmpty();
    }

    private int seen() {
        return policy.levelFor(engine.metric(book(), clock())).ordinal();
    }

    private boolean buyFills() {
        try {
            engine.decide(s, new MarketCommand.PlaceOrder(M, "mover", "YES", "buy", 100, 0, null, null), clock());
            return true;
        } catch (MarketRejected r) {
            return false;
        }
    }

    @Override
    public Set<String> enabledActions() {
        Set<String> a = new TreeSet<>();
        boolean relax = relaxDue();
        if (relax) {
            a.add("Relax");
        }
        if (now < MAX_TIME) {
            a.add("Tick");
        }
        if (moves < MAX_MOVES && seen() == 0 && !relax && buyFills()) {
            a.add("Move");
        }
        for (String st : status) {
            if (st.equals("new")) {
                a.add("Submit");
            }
        }
        if (!queue.isEmpty() && !relax) {
            a.add("Process");
        }
        return a;
    }

    @Override
    public void apply(String action, SpecState target) {
        switch (action) {
            case "Tick" -> now++;
            case "Relax" -> {
                if (run(new MarketCommand.Tick(M), clock()).isEmpty()) {
                    throw new IllegalStateException("the engine has no relaxation due");
                }
            }
            case "Move" -> move(Integer.parseInt(target.vars().get("seen")));
            case "Submit" -> {
                String[] next = statuses(target.vars().get("status"));
                int o = -1;
                for (int i = 0; i < status.length; i++) {
                    if (status[i].equals("new") && !next[i].equals("new")) {
                        o = i;
                    }
                }
                if (o < 0) {
                    throw new IllegalStateException("no new order is submitted in " + target);
                }
                if (queue.isEmpty()) {
                    status[o] = "queued";
                    queue.add(o);
                } else {
                    status[o] = "rejected"; // queue capacity 1
                }
            }
            case "Process" -> {
                int o = queue.remove(0);
                int levelBefore = book().level().ordinal();
                boolean open = KIND[o].equals("open");
                try {
                    run(new MarketCommand.PlaceOrder(M, "trader", "YES", open ? "buy" : "sell", 100, 0, null, null), clock());
                    status[o] = "filled";
                    fills.add(2 * levelBefore + (open ? 0 : 1));
                } catch (MarketRejected r) {
                    status[o] = "rejected";
                }
            }
            default -> throw new IllegalArgumentException("halts_semi_sync_conformance has no action " + action);
        }
    }

    /** One buy of the cheaper outcome that moves its price into the band of severity {@code sev}. */
    private void move(int sev) {
        long lo = sev == 1 ? 1_100 : sev == 2 ? 2_100 : 3_200;
        long hi = sev == 1 ? 1_400 : sev == 2 ? 2_400 : 4_000;
        long[] pool = book().pool.clone();
        long[] before = Fpmm.pricesBps(pool);
        int i = before[0] <= before[1] ? 0 : 1;
        long a = 1;
        long b = 20 * LIQUIDITY;
        long amount = -1;
        while (a <= b) { // the price move grows with the amount: bisect for one inside [lo, hi]
            long mid = (a + b) >>> 1;
            long d;
            try {
                d = Fpmm.pricesBps(Fpmm.buy(pool, i, mid, 0).after())[i] - before[i];
            } catch (RuntimeException degenerate) { // would drain the pool: too large
                d = Long.MAX_VALUE;
            }
            if (d < lo) {
                a = mid + 1;
            } else if (d > hi) {
                b = mid - 1;
            } else {
                amount = mid;
                break;
            }
        }
        if (amount < 0) {
            throw new IllegalStateException("no buy moves the price " + lo + "-" + hi + " bps from " + before[i]);
        }
        int levelBefore = book().level().ordinal();
        List<MarketEvent> ev = run(new MarketCommand.PlaceOrder(M, "mover", i == 0 ? "YES" : "NO", "buy", amount, 0,
                null, null), clock());
        if (ev.stream().noneMatch(e -> e instanceof OrderFilled)) {
            throw new IllegalStateException("the move did not fill: " + ev);
        }
        moves++;
        fills.add(2 * levelBefore);
    }

    private static String[] statuses(String tla) {
        String t = tla.replace("<<", "").replace(">>", "").replace("\"", "");
        String[] parts = t.split(",");
        for (int i = 0; i < parts.length; i++) {
            parts[i] = parts[i].strip();
        }
        return parts;
    }

    @Override
    public SpecState abstraction() {
        MarketState.Book b = book();
        Instant since = b.since[MarketState.PRICE];
        long lastChange = since == null ? 0 : (since.getEpochSecond() - T0.getEpochSecond()) / TICK_SECONDS;
        StringBuilder st = new StringBuilder("<<");
        for (int i = 0; i < status.length; i++) {
            st.append(i == 0 ? "" : ", ").append('"').append(status[i]).append('"');
        }
        StringBuilder q = new StringBuilder("<<");
        for (int i = 0; i < queue.size(); i++) {
            q.append(i == 0 ? "" : ", ").append(queue.get(i) + 1);
        }
        StringBuilder f = new StringBuilder("{");
        for (int x : fills) {
            f.append(f.length() == 1 ? "" : ", ").append(x);
        }
        return SpecState.builder()
                .num("now", now)
                .num("seen", seen())
                .num("level", b.level().ordinal())
                .num("lastChange", lastChange)
                .num("hardEntries", hardEntries)
                .num("reopens", b.reopenings)
                .num("moves", moves)
                .raw("status", st.append(">>").toString())
                .raw("queue", q.append(">>").toString())
                .raw("fills", f.append("}").toString())
                .build();
    }
}

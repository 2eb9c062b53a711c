package io.mbp.bench;

import io.mbp.market.HaltPolicy;
import io.mbp.market.MarketCommand;
import io.mbp.market.MarketEngine;
import io.mbp.market.MarketEvent;
import io.mbp.market.MarketRejected;
import io.mbp.market.MarketService;
import io.mbp.market.MarketState;
import io.mbp.catalog.EventCatalog;
import io.mbp.events.EventLog;
import io.mbp.events.EventTypes;
import io.mbp.events.NewEvent;
import io.mbp.sql.Database;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Measures the market engine without I/O (decide + evolve per order) and the replay of a log of
 * market events from a database file (what the daemon does at start).
 */
public final class MarketBench {
    public record Result(String name, long count, double seconds, double perSecond, String note) {
    }

    private static final Instant T0 = Instant.parse("2026-11-27T12:00:00Z");

    /** A state with {@code markets} binary markets and {@code accounts} funded accounts, as events. */
    static List<MarketEvent> seed(MarketEngine engine, MarketState s, int markets, int accounts) {
        List<MarketEvent> out = new ArrayList<>();
        for (int m = 0; m < markets; m++) {
            out.addAll(apply(engine, s, new MarketCommand.CreateMarket("BENCH-" + m, "EV-" + m, List.of("YES", "NO"), 200,
                    null, null, null, "lp", 10_000_000_000L, "E-LP-" + m)));
        }
        for (int a = 0; a < accounts; a++) {
            out.addAll(apply(engine, s, new MarketCommand.Deposit("acct-" + a, 1_000_000_000L, "E-" + a, null, null)));
        }
        return out;
    }

    static List<MarketEvent> apply(MarketEngine engine, MarketState s, MarketCommand c) {
        return apply(engine, s, c, T0);
    }

    static List<MarketEvent> apply(MarketEngine engine, MarketState s, MarketCommand c, Instant ts) {
        List<MarketEvent> ev = engine.decide(s, c, ts);
        for (MarketEvent e : ev) {
            engine.evolve(s, e, ts, -1);
        }
        return ev;
    }

    static MarketCommand randomOrder(SplittableRandom r, int markets, int accounts, MarketState s, long i) {
        String m = "BENCH-" + r.nextInt(markets);
        String a = "acct-" + r.nextInt(accounts);
        String outcome = r.nextBoolean() ? "YES" : "NO";
        MarketState.Account acct = s.account(a);
        long[] pos = acct == null ? null : acct.positions.get(m);
        int idx = "YES".equals(outcome) ? 0 : 1;
        if (pos != null && pos[idx] > 2_000 && r.nextInt(3) == 0) {
            return new MarketCommand.PlaceOrder(m, a, outcome, "sell", 1 + r.nextLong(pos[idx] / 2), 0, null, null);
        }
        return new MarketCommand.PlaceOrder(m, a, outcome, "buy", 500 + r.nextLong(20_000), 0, null, null);
    }

    /** decide + evolve of {@code n} random orders in memory. */
    public Result engine(long n, int markets, int accounts) {
        MarketEngine engine = new MarketEngine(new HaltPolicy(java.time.Duration.ofMinutes(5), 100_000, 100_000, 100_000,
                500, java.time.Duration.ofSeconds(60), 3)); // bands out of reach: measure trading, not halts
        MarketState s = new MarketState();
        seed(engine, s, markets, accounts);
        SplittableRandom r = new SplittableRandom(42);
        long refused = 0;
        long start = System.nanoTime();
        for (long i = 0; i < n; i++) {
            try {
                apply(engine, s, randomOrder(r, markets, accounts, s, i));
            } catch (MarketRejected e) {
                refused++;
            }
        }
        double sec = (System.nanoTime() - start) / 1e9;
        return new Result("engine: decide+evolve, " + markets + " markets, " + accounts + " accounts", n, sec, n / sec,
                refused + " refused");
    }

    /** Writes a log of about {@code n} market events to {@code url}, then replays it; events/s of the replay. */
    public Result replay(String url, long n, int markets, int accounts) {
        return replayBesideEvolve(url, n, markets, accounts).get(1);
    }

    /**
     * Writes a log of about {@code n} market events to {@code url}, then measures two things over the
     * same events: the engine's evolve alone (the events already decoded, in memory: no read, no
     * decode; the limit a replay can approach) and the replay from the store (read + decode + evolve).
     * Returns [evolve only, replay].
     */
    public List<Result> replayBesideEvolve(String url, long n, int markets, int accounts) {
        EventTypes types = EventCatalog.standard();
        MarketEngine engine = new MarketEngine(new HaltPolicy(java.time.Duration.ofMinutes(5), 100_000, 100_000, 100_000,
                500, java.time.Duration.ofSeconds(60), 3));
        MarketState s = new MarketState();
        List<MarketEvent> events = new ArrayList<>();
        List<Instant> stamps = new ArrayList<>();
        try (Database db = Database.openMigrated(url)) {
            EventLog log = new EventLog(db);
            List<NewEvent> batch = new ArrayList<>();
            for (MarketEvent e : seed(engine, s, markets, accounts)) {
                batch.add(NewEvent.of(types, e.streamId(), T0, e));
                events.add(e);
                stamps.add(T0);
            }
            SplittableRandom r = new SplittableRandom(7);
            long written = batch.size();
            while (written < n) {
                try {
                    Instant ts = T0.plusMillis(written);
                    for (MarketEvent e : apply(engine, s, randomOrder(r, markets, accounts, s, written), ts)) {
                        batch.add(NewEvent.of(types, e.streamId(), ts, e));
                        events.add(e);
                        stamps.add(ts);
                        written++;
                    }
                } catch (MarketRejected e) {
                    continue;
                }
                if (batch.size() >= 5_000) {
                    log.append(batch);
                    batch.clear();
                }
            }
            log.append(batch);
            // The limit: the same events evolved from memory, cold once, then warm (the rate).
            evolveAll(engine, events, stamps);
            long e0 = System.nanoTime();
            MarketState evolved = evolveAll(engine, events, stamps);
            double evolveSec = (System.nanoTime() - e0) / 1e9;
            Result limit = new Result("engine: evolve only (events in memory: no read, no decode), " + markets + " markets, "
                    + accounts + " accounts", events.size(), evolveSec, events.size() / evolveSec,
                    evolved.digest().equals(s.digest()) ? "state == live state" : "STATE DIFFERS FROM LIVE");
            MarketService svc = new MarketService(db, engine, Clock.fixed(T0, ZoneOffset.UTC));
            // A cold start (what a daemon without a snapshot pays), then the same replay warm: the rate.
            long cold = System.nanoTime();
            svc.load();
            double coldSec = (System.nanoTime() - cold) / 1e9;
            long start = System.nanoTime();
            svc.load();
            double sec = (System.nanoTime() - start) / 1e9;
            boolean same = svc.state().digest().equals(s.digest());
            return List.of(limit, new Result("replay: read + decode + evolve from " + db.engine().name().toLowerCase() + " file",
                    svc.logSize(), sec, svc.logSize() / sec, (same ? "state == live state" : "STATE DIFFERS FROM LIVE")
                            + String.format("; second pass (first, cold JIT: %,.0f /s)", svc.logSize() / coldSec)));
        }
    }

    private static MarketState evolveAll(MarketEngine engine, List<MarketEvent> events, List<Instant> stamps) {
        MarketState fresh = new MarketState();
        for (int i = 0; i < events.size(); i++) {
            engine.evolve(fresh, events.get(i), stamps.get(i), i);
        }
        return fresh;
    }
}

package io.mbp.canary;

import io.mbp.events.Event;
import io.mbp.events.EventLog;
import io.mbp.market.Invariants;
import io.mbp.market.MarketEngine;
import io.mbp.market.MarketService;
import io.mbp.market.MarketState;
import io.mbp.market.ParamBands;
import io.mbp.sql.Database;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Invariant I10, a rollback is consistent (docs/adr/0318): every unsettled market runs its stable
 * release's parameters again, and did so through events; nothing was rewritten (each stored leaf
 * hash still matches its event); two replays of the log from scratch give the same state, equal to
 * the state loaded from the newest snapshot; and the market invariants (I0-I9) hold on it.
 */
public final class Consistency {
    public record Report(boolean paramsRestored, boolean logIntact, boolean replayIdentical, boolean invariantsHold,
                         List<String> problems) {
        public boolean consistent() {
            return paramsRestored && logIntact && replayIdentical && invariantsHold;
        }
    }

    private Consistency() {
    }

    private static String describe(ParamBands b) {
        return b.text().isEmpty() ? "(default halt bands and oracle parameters)" : "(" + b.text() + ")";
    }

    public static Report check(Database db, String release, Map<String, String> stableRelease, Map<String, Long> stableFee,
                               Map<String, ParamBands> stableBands) {
        List<String> problems = new ArrayList<>();
        MarketState once = new MarketService(db, new MarketEngine(), Clock.systemUTC()).load();
        boolean params = true;
        for (Map.Entry<String, Long> e : stableFee.entrySet()) {
            MarketState.Book b = once.book(e.getKey());
            String want = stableRelease.get(e.getKey());
            boolean releaseOk = b.release == null ? !release.equals(want) : b.release.equals(want);
            ParamBands bands = stableBands.getOrDefault(e.getKey(), ParamBands.NONE);
            if (b.settlement == null && (b.feeBps() != e.getValue() || !releaseOk || !b.bands.equals(bands))) {
                params = false;
                problems.add("I10: market " + e.getKey() + " runs " + b.release + " fee " + b.feeBps() + " bps " + describe(b.bands)
                        + ", stable is " + want + " fee " + e.getValue() + " bps " + describe(bands));
            }
        }
        boolean intact = true;
        long size = new EventLog(db).size();
        for (long from = 0; from < size && intact; from += EventLog.PAGE) {
            long f = from;
            List<Event> page = db.read(dsl -> EventLog.page(dsl, f, Math.min(size, f + EventLog.PAGE)));
            for (Event ev : page) {
                if (!Arrays.equals(ev.leafHash(), ev.computeLeafHash())) {
                    intact = false;
                    problems.add("I10: seq " + ev.seq() + " no longer matches its stored leaf hash: the log was rewritten");
                    break;
                }
            }
        }
        MarketService again = new MarketService(db, new MarketEngine(), Clock.systemUTC());
        MarketState twice = again.load();
        MarketService snap = new MarketService(db, new MarketEngine(), Clock.systemUTC());
        snap.loadFromSnapshot();
        boolean replay = once.digest().equals(twice.digest()) && once.digest().equals(snap.state().digest());
        if (!replay) {
            problems.add("I10: replaying the log twice (or from the snapshot) gave different states");
        }
        List<String> broken = new ArrayList<>(once.stepViolations());
        Invariants.check(once).forEach(v -> broken.add(v.toString()));
        problems.addAll(broken);
        return new Report(params, intact, replay, broken.isEmpty(), List.copyOf(problems));
    }
}

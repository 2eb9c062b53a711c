package io.mbp.canary;

import io.mbp.events.Event;
import io.mbp.events.EventLog;
import io.mbp.events.EventPayload;
import io.mbp.market.MarketCreated;
import io.mbp.market.MarketParamsApplied;
import io.mbp.market.MarketSettled;
import io.mbp.market.ParamBands;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The canary projection, a fold of the log (docs/adr/0318): the stable release, the running canary
 * (its phase, since when, its last analysis, each market's stable parameters when it started), and
 * each market's release and fee. A market never moved runs its own fee under the stable release.
 */
public final class CanaryState {
    /** The stable release's name before any release was promoted. */
    public static final String INITIAL = "initial";
    static final List<String> TYPES = List.of("CanaryStarted", "CanaryPhaseAnalyzed", "CanaryPromoted", "CanaryRolledBack",
            "MarketCreated", "MarketParamsApplied", "MarketSettled");

    /** A market's parameters: {@code release} null while it runs the stable release it never left. */
    public static final class Market {
        public final String id;
        public final long ownFeeBps;
        public String release;
        public long feeBps;
        /** Its halt bands and oracle parameters; NONE: the stable defaults (ADR 0322). */
        public ParamBands bands = ParamBands.NONE;
        public boolean settled;

        Market(String id, long ownFeeBps) {
            this.id = id;
            this.ownFeeBps = ownFeeBps;
            this.feeBps = ownFeeBps;
        }
    }

    /** The canary in progress. */
    public static final class Active {
        public final CanaryStarted started;
        public final Instant startedAt;
        public long percent;
        public Instant phaseSince;
        public CanaryPhaseAnalyzed analysis;
        public long analysisSeq = -1;
        /** Each market's (release, fee) when the canary started: where a rollback returns it. */
        final Map<String, String> stableRelease = new TreeMap<>();
        final Map<String, Long> stableFee = new TreeMap<>();
        final Map<String, ParamBands> stableBands = new TreeMap<>();

        Active(CanaryStarted started, Instant at) {
            this.started = started;
            this.startedAt = at;
            this.percent = started.phases().get(0);
            this.phaseSince = at;
        }
    }

    String stable = INITIAL;
    Active active;
    /** The release last promoted to 100%, its fee and the markets there were then: each must run it (a crash may leave some behind). */
    CanaryStarted promoted;
    /** The canary last rolled back: its markets must be back on their stable parameters (a crash may leave some behind). */
    Active rolledBack;
    final java.util.Set<String> promotedMarkets = new java.util.TreeSet<>();
    final Map<String, Market> markets = new TreeMap<>();
    final List<String> history = new ArrayList<>();
    /** The seq after the last event folded: where {@link #catchUp} reads on from. */
    private long next;

    public static CanaryState load(EventLog log) {
        CanaryState s = new CanaryState();
        log.forEachOfTypes(TYPES, s::apply);
        return s;
    }

    /**
     * Folds the canary events appended since the last fold (a daemon owning a cohort follows
     * promotions and rollbacks this way, docs/adr/0321); returns whether any was folded.
     */
    public boolean catchUp(io.mbp.sql.Database db) {
        long before = next;
        db.read(dsl -> EventLog.forEachOfTypes(dsl, TYPES, before, this::apply));
        return next != before;
    }

    void apply(Event e) {
        next = Math.max(next, e.seq() + 1);
        EventPayload p = CanaryEvents.FOLDED.decode(e.type(), e.payload());
        // phases and soak windows run in whole seconds: a phase that began at 00:00:00.4 soaks from 00:00:00
        Instant ts = Instant.parse(e.ts()).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        if (p instanceof MarketCreated c) {
            markets.put(c.market(), new Market(c.market(), c.feeBps()));
        } else if (p instanceof MarketParamsApplied a && markets.containsKey(a.market())) {
            Market m = markets.get(a.market());
            m.release = a.release();
            m.feeBps = a.feeBps();
            m.bands = a.bands();
        } else if (p instanceof MarketSettled st && markets.containsKey(st.market())) {
            markets.get(st.market()).settled = true;
        } else if (p instanceof CanaryStarted c) {
            promoted = null;
            promotedMarkets.clear();
            rolledBack = null;
            active = new Active(c, ts);
            for (Market m : markets.values()) {
                active.stableRelease.put(m.id, m.release == null ? stable : m.release);
                active.stableFee.put(m.id, m.feeBps);
                active.stableBands.put(m.id, m.bands);
            }
        } else if (p instanceof CanaryPhaseAnalyzed a && active != null) {
            active.analysis = a;
            active.analysisSeq = e.seq();
        } else if (p instanceof CanaryPromoted pr && active != null) {
            active.percent = pr.to();
            active.phaseSince = ts;
            active.analysis = null;
            active.analysisSeq = -1;
            if (pr.to() == 100) {
                history.add(pr.release() + " promoted to 100% at " + e.ts());
                stable = pr.release();
                promoted = active.started;
                promotedMarkets.addAll(markets.keySet());
                active = null;
            }
        } else if (p instanceof CanaryRolledBack r && active != null) {
            history.add(r.release() + " rolled back at " + r.percent() + "% at " + e.ts() + (r.automatic() ? " (automatic: " : " (")
                    + r.reason() + ")");
            rolledBack = active;
            active = null;
        }
    }

    public String stable() {
        return stable;
    }

    public Active active() {
        return active;
    }

    public Map<String, Market> markets() {
        return java.util.Collections.unmodifiableMap(markets);
    }

    public List<String> history() {
        return List.copyOf(history);
    }

    /** The release a market's events are produced under now (the per-market release projection). */
    public String releaseOf(String market) {
        Market m = markets.get(market);
        return m == null || m.release == null ? stable : m.release;
    }

    /** Where a rollback returns {@code market}: its release and fee when the canary started (own fee, stable release if newer). */
    String stableReleaseOf(Active a, String market) {
        return a.stableRelease.getOrDefault(market, a.started.stable());
    }

    ParamBands stableBandsOf(Active a, String market) {
        return a.stableBands.getOrDefault(market, ParamBands.NONE);
    }

    long stableFeeOf(Active a, String market) {
        Long f = a.stableFee.get(market);
        return f != null ? f : markets.get(market).ownFeeBps;
    }
}

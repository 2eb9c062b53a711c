package io.mbp.market;

import io.mbp.oracle.Finalized;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The market engine's state: a function of the log, built only by {@link MarketEngine#evolve}.
 * It is mutable for speed (the daemon evolves hundreds of thousands of events a second); only the
 * engine mutates it, and {@link #digest()} gives a canonical view to compare replay with live.
 */
public final class MarketState {
    /** A market and its pool. */
    public static final class Book {
        public final MarketCreated spec;
        public final long[] pool;
        public long lpSupply;
        public final TreeMap<String, Long> lpShares = new TreeMap<>();
        /** Gnosis fee accumulator: fee pool weight, per-LP withdrawn fees and their total. */
        public long feePoolWeight;
        public final TreeMap<String, Long> withdrawnFees = new TreeMap<>();
        public long totalWithdrawnFees;
        public final HaltLevel[] components = {HaltLevel.NORMAL, HaltLevel.NORMAL, HaltLevel.NORMAL};
        public final Instant[] since = new Instant[3];
        public long reopenDay = -1;
        public long reopenings;
        /** Per-second price buckets in the halt window: [second, min_0..min_n-1, max_0..max_n-1]. */
        public final ArrayDeque<long[]> window = new ArrayDeque<>();
        /** The window's sliding extremes (ADR 0151): a cache of {@link #window}, built on first use, never state. */
        HaltWindow extremes;
        public MarketSettled settlement;
        final String collateralKey;
        final String feesKey;
        /** The ledger cells of collateralKey and feesKey, bound on the book's first fill (ADR 0119). */
        Ledger.Cell collateralCell;
        Ledger.Cell feesCell;
        /**
         * Each trader's position array in this market, the same array as in its account's positions,
         * found by the account's identity instead of a walk of that sorted map (ADR 0119); a cache,
         * filled on a fill's first miss and cleared when the market settles.
         */
        final HashMap<Account, long[]> held = new HashMap<>();
        boolean pricesStale = true;
        private long[] prices;

        /** Marginal prices in basis points, cached between pool changes. */
        public long[] prices() {
            if (pricesStale) {
                prices = Fpmm.pricesBps(pool);
                pricesStale = false;
            }
            return prices;
        }
        public long orders;
        public long volume;
        /** The release whose parameters the market runs (null: the stable one, never moved; docs/adr/0318). */
        public String release;
        long fee;
        /** The release's halt bands and oracle parameters for this market; {@link ParamBands#NONE}: the stable defaults. */
        public ParamBands bands = ParamBands.NONE;

        /** The fee the engine charges now: the release's when one was applied, else the market's own. */
        public long feeBps() {
            return fee;
        }

        Book(MarketCreated spec) {
            this.spec = spec;
            this.fee = spec.feeBps();
            this.pool = new long[spec.outcomes().size()];
            this.collateralKey = Ledger.collateral(spec.market());
            this.feesKey = Ledger.fees(spec.market());
        }

        public int outcomeIndex(String outcome) {
            return spec.outcomes().indexOf(outcome);
        }

        public HaltLevel level() {
            HaltLevel l = HaltLevel.NORMAL;
            for (HaltLevel c : components) {
                l = HaltLevel.max(l, c);
            }
            return l;
        }

        public String status(Instant now) {
            if (settlement != null) {
                return "settled";
            }
            if (spec.closesAt() != null && !now.isBefore(Instant.parse(spec.closesAt()))) {
                return "closed";
            }
            if (spec.opensAt() != null && now.isBefore(Instant.parse(spec.opensAt()))) {
                return "scheduled";
            }
            return "open";
        }
    }

    /** A trader's or LP's holdings (cash lives in the ledger). */
    public static final class Account {
        public final String id;
        public final String cashKey;
        public final TreeMap<String, long[]> positions = new TreeMap<>();
        /** The ledger cell of cashKey, bound on first use by the engine (ADR 0119). */
        Ledger.Cell cashCell;

        Account(String id) {
            this.id = id;
            this.cashKey = Ledger.cash(id);
        }
    }

    /** What the oracle said about one of its events. */
    public static final class OracleStatus {
        public Finalized finalized;
        public long finalizedSeq = -1;
        public String mode = "consensus";
        public Instant modeSince;
    }

    /**
     * An idempotency key's request hash and the event that answered its command: a retry gets the
     * answer rendered from it again (the daemon's view renders it, the state holds no API shape).
     */
    public record Idem(String key, String requestHash, MarketEvent answer) {
    }

    public static final int PRICE = 0;
    public static final int ORACLE = 1;
    public static final int MANUAL = 2;
    static final String[] COMPONENT = {"price", "oracle", "manual"};

    final TreeMap<String, Book> books = new TreeMap<>();
    final HashMap<String, Account> accounts = new HashMap<>();
    final HashMap<String, OracleStatus> oracle = new HashMap<>();
    /** The keys' answers in the order they came, indexed by key; a prefix renders a snapshot off the engine thread (ADR 0127, 0159). */
    final AnsweredKeys answers = new AnsweredKeys();
    final Set<String> e2eids = new HashSet<>();
    final Set<String> withdrawalIds = new HashSet<>();
    /** The ids in the order they came: what a snapshot renders off the engine thread (ADR 0127). */
    final Appended<String> e2eOrder = new Appended<>();
    final Appended<String> withdrawalOrder = new Appended<>();
    final Ledger ledger = new Ledger();
    /** Event-order invariant breaches (I5, I8) noticed while evolving a log. */
    final List<String> stepViolations = new ArrayList<>();
    long deposits;
    long orders;
    long events;
    long lastSeq = -1;

    public Book book(String market) {
        return books.get(market);
    }

    public Map<String, Book> books() {
        return java.util.Collections.unmodifiableMap(books);
    }

    public Account account(String id) {
        return accounts.get(id);
    }

    public Map<String, Account> accounts() {
        return java.util.Collections.unmodifiableMap(accounts);
    }

    public OracleStatus oracle(String event) {
        return oracle.get(event);
    }

    public Idem idempotent(String key) {
        return answers.get(key);
    }

    boolean answered(String key) {
        return answers.contains(key);
    }

    /**
     * Keeps a key's answer (a key answered twice, never in a valid log, renders twice; the later wins on load). A
     * fill keeps the state's own market, account and outcome strings, not the event's copies (ADR 0159).
     */
    void remember(Idem answer) {
        if (answer.answer() instanceof OrderFilled f) {
            Book b = books.get(f.market());
            Account a = accounts.get(f.account());
            int i = b == null ? -1 : b.outcomeIndex(f.outcome());
            remember(answer, b == null ? f.market() : b.spec.market(), a == null ? f.account() : a.id,
                    i < 0 ? f.outcome() : b.spec.outcomes().get(i));
        } else {
            answers.add(answer, null, null, null);
        }
    }

    /** Keeps a fill's answer with the state's strings for its market, account and outcome. */
    void remember(Idem answer, String market, String account, String outcome) {
        answers.add(answer, market, account, outcome);
    }

    /** False when the e2eid was seen already. */
    boolean addE2eid(String id) {
        if (!e2eids.add(id)) {
            return false;
        }
        e2eOrder.add(id);
        return true;
    }

    /** False when the withdrawal id was seen already. */
    boolean addWithdrawalId(String id) {
        if (!withdrawalIds.add(id)) {
            return false;
        }
        withdrawalOrder.add(id);
        return true;
    }

    public Ledger ledger() {
        return ledger;
    }

    public long cash(String account) {
        return ledger.balance(Ledger.cash(account));
    }

    public long lastSeq() {
        return lastSeq;
    }

    public long events() {
        return events;
    }

    public long deposits() {
        return deposits;
    }

    public List<String> stepViolations() {
        return List.copyOf(stepViolations);
    }

    /**
     * Forgets the violations noticed so far. For a fold that never reports them (the evidence reports'
     * replays, ADR 0138): a log whose every event is refused would otherwise hold one string per event.
     */
    public void forgetStepViolations() {
        stepViolations.clear();
    }

    /** Canonical, order-independent view of everything the state holds (replay == live compares this). */
    public Map<String, Object> digest() {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("ledger", new TreeMap<>(ledger.balances()));
        Map<String, Object> bs = new TreeMap<>();
        for (Book b : books.values()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("pool", java.util.Arrays.toString(b.pool));
            m.put("lp", b.lpSupply + " " + b.lpShares);
            m.put("fees", b.feePoolWeight + " " + b.totalWithdrawnFees + " " + b.withdrawnFees);
            m.put("halt", java.util.Arrays.toString(b.components) + " " + java.util.Arrays.toString(b.since)
                    + " " + b.reopenDay + "/" + b.reopenings);
            StringBuilder w = new StringBuilder();
            for (long[] bucket : b.window) {
                w.append(java.util.Arrays.toString(bucket));
            }
            m.put("window", w.toString());
            m.put("settled", String.valueOf(b.settlement));
            m.put("orders", b.orders + " " + b.volume);
            if (b.release != null) { // absent for markets never moved: old logs keep their digest
                m.put("params", b.release + " " + b.fee + (b.bands.text().isEmpty() ? "" : " " + b.bands.text()));
            }
            bs.put(b.spec.market(), m);
        }
        d.put("books", bs);
        Map<String, Object> as = new TreeMap<>();
        for (Account a : accounts.values()) {
            StringBuilder p = new StringBuilder();
            a.positions.forEach((k, v) -> p.append(k).append(java.util.Arrays.toString(v)));
            as.put(a.id, p.toString());
        }
        d.put("accounts", as);
        Map<String, Object> idem = new TreeMap<>();
        answers.prefix().forEach(v -> idem.put(v.key(), v.requestHash() + " " + v.answer())); // the later wins, as kept
        d.put("idempotency", idem);
        d.put("counters", deposits + " " + orders + " " + new TreeMap<>(Map.of("e2e", e2eids.size(), "wd", withdrawalIds.size())));
        return d;
    }
}

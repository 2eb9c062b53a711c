package io.mbp.market;


import io.mbp.events.EventLog;
import io.mbp.events.EventPayload;
import io.mbp.events.EventTypes;
import io.mbp.events.NewEvent;
import io.mbp.oracle.FailoverRolled;
import io.mbp.oracle.Finalized;
import io.mbp.sql.Database;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.jooq.DSLContext;

/**
 * Runs market commands against the log: the state is rebuilt by replaying the log, and a batch of
 * commands is decided and appended in one transaction that holds the log's writer lock, after
 * catching up with whatever other writers (the oracle's jobs, an operator's CLI) appended since.
 * So a decision always sees every earlier event, and its events commit together or not at all.
 */
public final class MarketService {
    /** The families the market state folds: its own and the oracle's (finalization, failover). */
    static final EventTypes FOLDED = EventTypes.of(MarketEvent.class, io.mbp.oracle.OracleEvent.class);

    /** Event types the market state depends on; others are skipped without decoding. */
    static final Set<String> RELEVANT = Set.of("MarketCreated", "DepositReceived", "OrderFilled", "WithdrawalRequested",
            "LiquidityAdded", "LiquidityRemoved", "HaltChanged", "MarketSettled", "SettlementPayout", "Finalized",
            "FailoverRolled", "MarketParamsApplied");

    private final Database db;
    private final MarketEngine engine;
    private final Clock clock;
    private final EventTypes types = FOLDED;
    private MarketState state = new MarketState();
    private long size;
    private java.util.function.Predicate<String> shard = Shard.ALL::owns;

    /** One command's fate in a batch: its events, or why it was refused. */
    public record Outcome(MarketCommand command, List<MarketEvent> events, MarketRejected rejected,
                          MarketEvent replayed) {
        public Outcome(MarketCommand command, List<MarketEvent> events, MarketRejected rejected) {
            this(command, events, rejected, null);
        }

        public boolean ok() {
            return rejected == null;
        }
    }

    /** What a committed batch did: outcomes in order, foreign events it caught up with, log size. */
    public record Committed(List<Outcome> outcomes, List<EventPayload> foreign, long logSize) {
    }

    public MarketService(Database db, MarketEngine engine, Clock clock) {
        this.db = db;
        this.engine = engine;
        this.clock = clock;
    }

    /**
     * Limits the commands this service raises by itself (settlements, halt ticks) to {@code shard}'s
     * markets, so sharded daemons do not race to settle the same market (docs/adr/0309). The state
     * still folds every market: account cash spans them.
     */
    public void restrictTo(Shard shard) {
        this.shard = shard::owns;
    }

    /**
     * As {@link #restrictTo(Shard)}, for an ownership that moves while the service runs (a daemon
     * owning a canary cohort, docs/adr/0321); {@code owns} is asked on the engine thread.
     */
    public void restrictTo(java.util.function.Predicate<String> owns) {
        this.shard = owns;
    }

    public MarketState state() {
        return state;
    }

    public MarketEngine engine() {
        return engine;
    }

    public long logSize() {
        return size;
    }

    private final Snapshots snapshots = new Snapshots();

    /**
     * Rebuilds the state from the newest snapshot consistent with the log plus the log's tail (the
     * daemon's start); without a usable snapshot, from the whole log. Returns the seq replay started at.
     */
    public long loadFromSnapshot() {
        MarketState[] st = {null};
        long[] n = {0};
        long[] from = {0};
        db.read(dsl -> {
            long logSize = EventLog.size(dsl);
            Snapshots.Loaded l = snapshots.latest(dsl, logSize);
            MarketState s = l == null ? new MarketState() : l.state();
            from[0] = l == null ? 0 : l.covers();
            n[0] = replay(dsl, s, from[0], e -> { });
            st[0] = s;
            return null;
        });
        state = st[0];
        size = Math.max(n[0], from[0]);
        return from[0];
    }

    /**
     * The state at the head of the log, read inside the caller's transaction (under the writer
     * lock, so it cannot move): the newest snapshot consistent with the log plus the tail after it,
     * as the daemon starts. For validating raw appends ({@code io.mbp.ingest.EventImport}).
     */
    public MarketState stateIn(DSLContext dsl, long logSize) {
        Snapshots.Loaded l = snapshots.latest(dsl, logSize);
        MarketState s = l == null ? new MarketState() : l.state();
        replay(dsl, s, l == null ? 0 : l.covers(), null);
        return s;
    }

    /** Writes a snapshot of the current state (covering the log up to {@link #logSize()}). */
    public void snapshot() {
        FrozenSnapshot f = freezeSnapshot();
        saveSnapshot(f, f.encode());
    }

    /** The current state held apart, to encode on any thread and write with {@link #saveSnapshot} (ADR 0127). */
    public FrozenSnapshot freezeSnapshot() {
        return new FrozenSnapshot(size, clock.instant(), snapshots.freeze(state));
    }

    /**
     * Writes a snapshot encoded from {@code f} through {@code own}, a connection other than the service's,
     * part by part in short transactions with {@code pause} between them, so the service's commits go on
     * meanwhile (the daemon's snapshot thread, ADR 0127). Stops, leaving a snapshot that is never read,
     * when the thread is interrupted.
     */
    public void saveSnapshotApart(Database own, FrozenSnapshot f, String text, java.time.Duration pause) {
        snapshots.save(unit -> {
            if (Thread.currentThread().isInterrupted()) {
                throw new IllegalStateException("interrupted while writing the snapshot covering " + f.covers() + " events");
            }
            own.inTransaction(dsl -> {
                EventLog.lockWritersOnSqlite(dsl);
                unit.accept(dsl);
                return null;
            });
            try {
                Thread.sleep(pause);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, text, f.covers(), f.takenAt(), Snapshots.APART_CHUNK);
    }

    /** Writes a snapshot encoded from {@code f} ({@link FrozenSnapshot#encode()}) in one transaction. */
    public void saveSnapshot(FrozenSnapshot f, String text) {
        db.inTransaction(dsl -> {
            EventLog.lockWritersOnSqlite(dsl); // reads the covered leaf hash, then replaces the snapshot
            snapshots.save(dsl, text, f.covers(), f.takenAt());
            return null;
        });
    }

    /** Replays the whole log into a fresh state. */
    public MarketState load() {
        MarketState fresh = new MarketState();
        long[] n = {0};
        db.read(dsl -> {
            n[0] = replay(dsl, fresh, 0, e -> { });
            return null;
        });
        state = fresh;
        size = n[0];
        return state;
    }

    /** Sees each relevant event with the state just before it is applied. */
    public interface Observer {
        void before(MarketState state, EventPayload event, Instant ts);
    }

    /** Replays the whole log into a fresh state, showing {@code observer} each event first. */
    public MarketState replayObserved(Observer observer) {
        MarketState fresh = new MarketState();
        db.read(dsl -> replay(dsl, fresh, 0, null, observer));
        return fresh;
    }

    /** Replays a log's tail on this thread: a commit's catch-up, mostly a few rows, needs no second thread. */
    long catchUp(DSLContext dsl, MarketState s, long from, Consumer<EventPayload> sink) {
        long[] next = {from};
        ReplayClock times = new ReplayClock(); // parses each distinct second once (ADR 0119)
        io.mbp.events.ReplayScan.scan(dsl, from, RELEVANT::contains, (seq, type, tsText, payload) -> {
            fold(s, seq, payload == null ? null : StoredPayloads.decode(type, payload, null), payload == null ? null : times.parse(tsText),
                    sink, null);
            next[0] = seq + 1;
        });
        return next[0];
    }

    long replay(DSLContext dsl, MarketState s, long from, Consumer<EventPayload> sink) {
        return replay(dsl, s, from, sink, null);
    }

    /** A replay's table of id Strings (markets, outcomes, sides): 16,384 slots, 64 KiB of references. */
    private static final int IDS_BITS = 14;

    /**
     * Applies log events from {@code from} on to {@code s}, read and decoded on a second thread while
     * this one folds (ADR 0134); returns the next seq.
     */
    long replay(DSLContext dsl, MarketState s, long from, Consumer<EventPayload> sink, Observer observer) {
        StoredFills.Ids ids = new StoredFills.Ids(IDS_BITS); // the reader's alone
        return OverlappedReplay.run(dsl, from, RELEVANT::contains, (type, payload) -> StoredPayloads.decode(type, payload, ids),
                (seq, p, ts) -> fold(s, seq, p, ts, sink, observer));
    }

    /** One row of a replay: a relevant event evolves the state, another only moves its last seq. */
    private void fold(MarketState s, long seq, EventPayload p, Instant ts, Consumer<EventPayload> sink, Observer observer) {
        if (p == null) {
            s.lastSeq = seq;
            return;
        }
        if (observer != null) {
            observer.before(s, p, ts);
        }
        engine.evolve(s, p, ts, seq);
        if (sink != null) {
            sink.accept(p);
        }
    }

    /** Runs one command on its own (the CLI's way); refusals throw {@link MarketRejected}. */
    public List<MarketEvent> execute(MarketCommand command) {
        Committed c = commit(List.of(command), false);
        Outcome o = c.outcomes().get(0);
        if (!o.ok()) {
            throw o.rejected();
        }
        return o.events();
    }

    /**
     * Decides and appends a batch in one transaction (group commit). With {@code react}, the batch
     * also settles markets whose oracle event just finalized and re-evaluates halts of markets whose
     * oracle failed over. If the transaction fails, the in-memory state is rebuilt from the log and
     * the exception propagates: nothing of the batch was acknowledged.
     */
    public Committed commit(List<MarketCommand> commands, boolean react) {
        long t0 = System.nanoTime();
        long[] at = new long[4]; // catch-up done, decide done, append done; nanos spent canonicalizing
        try {
            Committed done = db.inTransaction(dsl -> {
                EventLog.appendIn(dsl, Collections.emptyIterator()); // takes the writers' lock
                List<EventPayload> foreign = new ArrayList<>();
                size = catchUp(dsl, state, size, foreign::add);
                at[0] = System.nanoTime();
                Instant now = clock.instant();
                List<MarketCommand> all = new ArrayList<>(commands.size() + 4);
                if (react) {
                    all.addAll(reactions(foreign));
                }
                all.addAll(commands);
                List<Outcome> outcomes = new ArrayList<>(all.size());
                List<NewEvent> toAppend = new ArrayList<>();
                long seq = size;
                for (MarketCommand cmd : all) {
                    String[] key = idempotency(cmd);
                    if (key != null && key[0] != null) {
                        MarketState.Idem seen = state.idempotent(key[0]);
                        if (seen != null) {
                            outcomes.add(seen.requestHash().equals(key[1])
                                    ? new Outcome(cmd, List.of(), null, seen.answer())
                                    : new Outcome(cmd, List.of(), new MarketRejected(Reject.IDEMPOTENCY_KEY_REUSED,
                                            "Idempotency-Key " + key[0] + " was used with a different request body")));
                            continue;
                        }
                    }
                    List<MarketEvent> events;
                    try {
                        events = engine.decide(state, cmd, now);
                    } catch (MarketRejected r) {
                        outcomes.add(new Outcome(cmd, List.of(), r));
                        continue;
                    }
                    for (MarketEvent e : events) {
                        engine.evolve(state, e, now, seq++);
                        long c0 = System.nanoTime();
                        toAppend.add(NewEvent.of(types, e.streamId(), now, e));
                        at[3] += System.nanoTime() - c0;
                    }
                    outcomes.add(new Outcome(cmd, events, null));
                }
                at[1] = System.nanoTime();
                EventLog.appendIn(dsl, toAppend.iterator());
                at[2] = System.nanoTime();
                size = seq;
                return new Committed(outcomes, foreign, size);
            });
            lastStages = new CommitStages(at[0] - t0, at[1] - at[0] - at[3], at[3], at[2] - at[1], System.nanoTime() - at[2]);
            return done;
        } catch (RuntimeException e) {
            load(); // memory may be ahead of the log now; the log is the truth
            throw e;
        }
    }

    /**
     * Where the last {@link #commit}'s wall time went, in nanoseconds: taking the writers' lock and
     * catching up with other writers' events; deciding and applying the commands; canonicalizing
     * their events; leaf-hashing and inserting them; and the commit itself (on SQLite the WAL fsync,
     * on H2 the CHECKPOINT SYNC after it).
     */
    public record CommitStages(long catchUp, long decide, long canonicalize, long append, long sync) {
    }

    private volatile CommitStages lastStages = new CommitStages(0, 0, 0, 0, 0);

    /** The stages of the last successful {@link #commit} (the daemon's /metrics). */
    public CommitStages lastStages() {
        return lastStages;
    }

    private static String[] idempotency(MarketCommand c) {
        if (c instanceof MarketCommand.PlaceOrder o) {
            return new String[] {o.idempotencyKey(), o.requestHash()};
        } else if (c instanceof MarketCommand.Deposit d) {
            return new String[] {d.idempotencyKey(), d.requestHash()};
        } else if (c instanceof MarketCommand.Withdraw w) {
            return new String[] {w.idempotencyKey(), w.requestHash()};
        } else if (c instanceof MarketCommand.AddLiquidity a) {
            return new String[] {a.idempotencyKey(), a.requestHash()};
        } else if (c instanceof MarketCommand.RemoveLiquidity r) {
            return new String[] {r.idempotencyKey(), r.requestHash()};
        }
        return null;
    }

    /** Settle and Tick commands the oracle's events call for. */
    List<MarketCommand> reactions(List<EventPayload> foreign) {
        List<MarketCommand> out = new ArrayList<>();
        for (EventPayload p : foreign) {
            if (p instanceof Finalized f) {
                for (MarketState.Book b : state.books.values()) {
                    if (b.spec.oracleEvent().equals(f.event()) && b.settlement == null && shard.test(b.spec.market())) {
                        out.add(new MarketCommand.Settle(b.spec.market()));
                    }
                }
            } else if (p instanceof FailoverRolled r) {
                for (MarketState.Book b : state.books.values()) {
                    if (b.spec.oracleEvent().equals(r.event()) && b.settlement == null && shard.test(b.spec.market())) {
                        out.add(new MarketCommand.Tick(b.spec.market()));
                    }
                }
            }
        }
        return out;
    }

    /** Ticks for every halted, unsettled market (cooldowns expire with time, not with events). */
    public List<MarketCommand> dueTicks() {
        List<MarketCommand> out = new ArrayList<>();
        for (MarketState.Book b : state.books.values()) {
            if (b.settlement == null && b.level() != HaltLevel.NORMAL && shard.test(b.spec.market())) {
                out.add(new MarketCommand.Tick(b.spec.market()));
            }
        }
        return out;
    }

    /** Settles every market whose oracle event has finalized; returns what each attempt did. */
    public List<Outcome> settleFinalized() {
        load();
        List<MarketCommand> cmds = new ArrayList<>();
        for (MarketState.Book b : state.books.values()) {
            MarketState.OracleStatus os = state.oracle(b.spec.oracleEvent());
            if (b.settlement == null && os != null && os.finalized != null) {
                cmds.add(new MarketCommand.Settle(b.spec.market()));
            }
        }
        return cmds.isEmpty() ? List.of() : commit(cmds, false).outcomes();
    }
}

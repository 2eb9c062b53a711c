package io.mbp.cli.daemon;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mbp.cli.market.Views;
import io.mbp.events.CanonicalJson;
import io.mbp.events.LeafHash;
import io.mbp.market.Invariants;
import io.mbp.market.MarketCommand;
import io.mbp.market.MarketEngine;
import io.mbp.market.MarketEvent;
import io.mbp.market.MarketRejected;
import io.mbp.market.MarketService;
import io.mbp.market.MarketService.Committed;
import io.mbp.market.MarketService.Outcome;
import io.mbp.market.MarketState;
import io.mbp.market.Reject;
import io.mbp.sql.Database;
import io.mbp.sql.Engine;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * The settlement daemon: a JSON API on 127.0.0.1 ({@link HttpLayer}, Jetty), in front of one
 * engine thread that owns the market state. HTTP threads parse and validate, then queue work; the
 * engine thread drains the queue, decides a whole batch and appends its events in one transaction
 * (group commit), and only then answers every request of the batch. Reads are served by the same
 * thread between batches, so they see exactly the committed state. No HTTP thread waits for the
 * engine: a route returns a future that the engine thread completes.
 */
public final class Daemon implements AutoCloseable {
    private static final Logger LOG = LogManager.getLogger(Daemon.class);
    /** No answer from the engine in this long: 503, retry with the same Idempotency-Key. */
    private static final long ENGINE_ANSWER_SECONDS = 30;

    /**
     * Tunables, with the defaults `mbp daemon` uses. The HTTP bounds (docs/adr/0307): a connection
     * silent for {@code readTimeout} is closed; a request not read whole {@code requestTimeout} after
     * its first byte is closed; one client address holds at most {@code maxConnectionsPerClient}.
     */
    public record Options(int port, int maxBatch, double ordersPerSecond, double writesPerSecond, double readsPerSecond,
                          boolean fsync, int httpThreads, long snapshotEvery, Duration readTimeout, Duration requestTimeout,
                          int maxConnectionsPerClient) {
        public static final Duration READ_TIMEOUT = Duration.ofSeconds(10);
        public static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(20);
        public static final int MAX_CONNECTIONS_PER_CLIENT = 256;

        public Options {
            if (readTimeout.isNegative() || readTimeout.isZero() || requestTimeout.isNegative() || requestTimeout.isZero()
                    || maxConnectionsPerClient < 1) {
                throw new IllegalArgumentException("HTTP timeouts must be positive and the per-client cap at least 1");
            }
        }

        public Options(int port, int maxBatch, double ordersPerSecond, double writesPerSecond, double readsPerSecond,
                       boolean fsync, int httpThreads, long snapshotEvery) {
            this(port, maxBatch, ordersPerSecond, writesPerSecond, readsPerSecond, fsync, httpThreads, snapshotEvery,
                    READ_TIMEOUT, REQUEST_TIMEOUT, MAX_CONNECTIONS_PER_CLIENT);
        }

        public Options(int port, int maxBatch, double ordersPerSecond, double writesPerSecond, double readsPerSecond,
                       boolean fsync, int httpThreads) {
            this(port, maxBatch, ordersPerSecond, writesPerSecond, readsPerSecond, fsync, httpThreads, 200_000);
        }

        public static Options defaults(int port) {
            return new Options(port, 2000, 50_000, 5_000, 20_000, false, 64, 200_000);
        }

        public Options withHttpLimits(Duration read, Duration request, int perClient) {
            return new Options(port, maxBatch, ordersPerSecond, writesPerSecond, readsPerSecond, fsync, httpThreads, snapshotEvery,
                    read, request, perClient);
        }
    }

    /** The engine's answer to a request: HTTP status and JSON body. */
    record Reply(int status, Object body, Map<String, String> headers) {
        Reply(int status, Object body) {
            this(status, body, Map.of());
        }
    }

    private record Work(MarketCommand command, Function<MarketState, Reply> read, CompletableFuture<Reply> reply) {
    }

    private final Options opts;
    private final Database db;
    private final MarketService svc;
    private final HttpLayer http;
    private final BlockingQueue<Work> queue = new ArrayBlockingQueue<>(100_000);
    private final Map<String, TokenBucket> buckets = new LinkedHashMap<>();
    private final Thread engineThread;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private long lastSnapshot;
    private volatile long commits;
    private volatile long commands;
    private volatile long commitNanos;
    private volatile boolean draining;
    private final java.util.concurrent.atomic.AtomicBoolean closing = new java.util.concurrent.atomic.AtomicBoolean();
    private volatile boolean engineStop;
    private volatile String fatal;
    private final Clock clock;

    public Daemon(String dbUrl, Options opts, Clock clock) throws IOException {
        this(dbUrl, opts, clock, io.mbp.market.HaltPolicy.DEFAULT);
    }

    public Daemon(String dbUrl, Options opts, Clock clock, io.mbp.market.HaltPolicy policy) throws IOException {
        this.opts = opts;
        this.clock = clock;
        this.db = Database.openMigrated(dbUrl);
        if (db.engine() == Engine.H2) {
            // H2 keeps committed pages in memory up to WRITE_DELAY ms (default 500): an acknowledged
            // order could die with the process. 0 writes the store at every commit (docs/adr/0302).
            // -Dmbp.daemon.h2WriteDelayMs exists only to reproduce the loss in the durability experiment.
            try (Statement st = db.connection().createStatement()) {
                st.execute("SET WRITE_DELAY " + Integer.getInteger("mbp.daemon.h2WriteDelayMs", 0));
            } catch (java.sql.SQLException e) {
                throw new io.mbp.error.InfrastructureException("cannot set WRITE_DELAY on " + dbUrl + ": " + e.getMessage(), e);
            }
        }
        this.svc = new MarketService(db, new MarketEngine(policy), clock);
        long t0 = System.nanoTime();
        long from = svc.loadFromSnapshot();
        lastSnapshot = from;
        LOG.info("state rebuilt from {} in {} ms: log size {}", from == 0 ? "the whole log" : "the snapshot at " + from
                + " plus the tail", (System.nanoTime() - t0) / 1_000_000, svc.logSize());
        List<Invariants.Violation> v = Invariants.check(svc.state());
        if (!v.isEmpty()) {
            db.close();
            throw new io.mbp.error.VerificationFailedException("refusing to start: invariant " + v.get(0));
        }
        buckets.put("orders", new TokenBucket(Math.max(1, opts.ordersPerSecond()), opts.ordersPerSecond()));
        buckets.put("writes", new TokenBucket(Math.max(1, opts.writesPerSecond()), opts.writesPerSecond()));
        buckets.put("reads", new TokenBucket(Math.max(1, opts.readsPerSecond()), opts.readsPerSecond()));
        this.http = new HttpLayer(opts.port(), opts, this::serve);
        this.engineThread = new Thread(this::engineLoop, "market-engine");
    }

    public void start() {
        engineThread.start();
        http.start();
    }

    /** Group commits so far and the API commands they carried (for the benchmark's average batch). */
    public long[] counters() {
        return new long[] {commits, commands, commitNanos};
    }

    public int port() {
        return http.port();
    }

    /** Why the daemon stopped itself, or null while it runs or after a clean stop. */
    public String fatalReason() {
        return fatal;
    }

    /** Blocks until the daemon stopped; returns the fatal reason, or null after a clean stop. */
    public String awaitStop() throws InterruptedException {
        stopped.await();
        return fatal;
    }

    /** Drains: refuse new requests, let in-flight ones finish, commit what is queued, close. */
    @Override
    public void close() {
        if (!closing.compareAndSet(false, true)) {
            try {
                stopped.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return;
        }
        draining = true;
        http.close();
        engineStop = true;
        try {
            engineThread.join(30_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        db.close();
        stopped.countDown();
    }

    // ------------------------------------------------------------------ engine thread

    private void engineLoop() {
        List<Work> batch = new ArrayList<>();
        long lastCheck = System.nanoTime();
        long lastTick = System.nanoTime();
        while (true) {
            batch.clear();
            try {
                Work first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first != null) {
                    batch.add(first);
                    queue.drainTo(batch, opts.maxBatch() - 1);
                }
            } catch (InterruptedException e) {
                break;
            }
            if (batch.isEmpty() && engineStop) {
                break;
            }
            try {
                List<Work> writes = new ArrayList<>(batch.size());
                for (Work w : batch) {
                    if (w.read() != null) {
                        w.reply().complete(w.read().apply(svc.state()));
                    } else {
                        writes.add(w);
                    }
                }
                List<MarketCommand> cmds = new ArrayList<>(writes.size() + 4);
                for (Work w : writes) {
                    cmds.add(w.command());
                }
                boolean tickDue = System.nanoTime() - lastTick > 1_000_000_000L;
                if (tickDue) {
                    cmds.addAll(0, svc.dueTicks());
                    lastTick = System.nanoTime();
                }
                if (System.nanoTime() - lastCheck > 1_000_000_000L) {
                    lastCheck = System.nanoTime();
                    if (violated()) {
                        return;
                    }
                }
                if (cmds.isEmpty() && !logMoved()) {
                    continue;
                }
                long c0 = System.nanoTime();
                Committed c = svc.commit(cmds, true);
                commitNanos += System.nanoTime() - c0;
                commits++;
                commands += writes.size();
                if (opts.fsync() && db.engine() == Engine.H2) {
                    try (Statement st = db.connection().createStatement()) {
                        st.execute("CHECKPOINT SYNC");
                    }
                }
                answer(c, writes);
                if (svc.logSize() - lastSnapshot >= opts.snapshotEvery()) {
                    svc.snapshot();
                    lastSnapshot = svc.logSize();
                }
            } catch (RuntimeException | java.sql.SQLException e) {
                LOG.error("batch of {} failed; nothing of it was acknowledged: {}", batch.size(), e.toString());
                for (Work w : batch) {
                    w.reply().complete(error(Reject.STORAGE_UNAVAILABLE, null, "the event log could not be written: "
                            + e.getMessage() + "; retry with the same Idempotency-Key"));
                }
                sleepQuietly(200);
            }
        }
        for (Work w : queue) {
            w.reply().complete(error(Reject.SHUTTING_DOWN, null, "the daemon stopped"));
        }
        if (fatal == null && !violated() && svc.logSize() > lastSnapshot) {
            try {
                svc.snapshot(); // the next start replays only what comes after
            } catch (RuntimeException e) {
                LOG.warn("no snapshot at shutdown: {}", e.toString());
            }
        }
    }

    /** Checks the invariants on the committed state; on a violation stops the daemon with the report. */
    private boolean violated() {
        List<Invariants.Violation> v = Invariants.check(svc.state());
        if (v.isEmpty()) {
            return false;
        }
        fail("invariant " + v.get(0) + " (log size " + svc.logSize() + ")");
        return true;
    }

    private long lastHeadCheck;

    /** Cheap poll of the log head: did another writer (oracle jobs, CLI) append? */
    private boolean logMoved() {
        long now = System.nanoTime();
        if (now - lastHeadCheck < 200_000_000L) {
            return false;
        }
        lastHeadCheck = now;
        Long size = db.read(dsl -> dsl.select(io.mbp.sql.schema.Tables.LOG_HEAD.SIZE).from(io.mbp.sql.schema.Tables.LOG_HEAD)
                .fetchOne(io.mbp.sql.schema.Tables.LOG_HEAD.SIZE));
        return size != null && size > svc.logSize();
    }

    private void answer(Committed c, List<Work> writes) {
        // outcomes = reactions (ticks, settlements) first, then one per write, in order
        int offset = c.outcomes().size() - writes.size();
        for (int k = 0; k < offset; k++) {
            Outcome o = c.outcomes().get(k);
            if (!o.ok() && o.rejected().code() != Reject.NOT_HALTED) {
                LOG.warn("{} refused: {}", o.command(), o.rejected().getMessage());
            } else if (!o.events().isEmpty()) {
                LOG.info("{} -> {} events", o.command(), o.events().size());
            }
        }
        for (int k = 0; k < writes.size(); k++) {
            Outcome o = c.outcomes().get(offset + k);
            Reply r;
            if (o.replayed() != null) {
                r = new Reply(201, o.replayed(), Map.of("Idempotent-Replayed", "true"));
            } else if (!o.ok()) {
                r = error(o.rejected().code(), o.rejected().field(), o.rejected().getMessage());
            } else {
                r = new Reply(201, primary(o));
            }
            writes.get(k).reply().complete(r);
        }
    }

    private static Object primary(Outcome o) {
        for (MarketEvent e : o.events()) {
            if (!(e instanceof io.mbp.market.HaltChanged) && !(e instanceof io.mbp.market.MarketCreated)) {
                return MarketEngine.response(e);
            }
        }
        return MarketEngine.response(o.events().get(0));
    }

    private void fail(String why) {
        fatal = why;
        LOG.error("STOPPING: {}", why);
        draining = true;
        new Thread(this::close, "daemon-stop").start();
    }

    // ------------------------------------------------------------------ HTTP

    /** The API's answer to one request; the future never fails (errors are answers too). */
    private CompletableFuture<Reply> serve(ApiRequest ex) {
        try {
            return route(ex).exceptionally(x -> {
                Throwable cause = x instanceof CompletionException && x.getCause() != null ? x.getCause() : x;
                if (cause instanceof TimeoutException) {
                    return error(Reject.STORAGE_UNAVAILABLE, null, "no answer from the engine in " + ENGINE_ANSWER_SECONDS
                            + " s; retry with the same Idempotency-Key");
                }
                return internal(ex, cause);
            });
        } catch (ApiError e) {
            return CompletableFuture.completedFuture(error(e));
        } catch (MarketRejected e) {
            return CompletableFuture.completedFuture(error(e.code(), e.field(), e.getMessage()));
        } catch (RuntimeException e) {
            return CompletableFuture.completedFuture(internal(ex, e));
        }
    }

    private static Reply internal(ApiRequest ex, Throwable e) {
        LOG.error("unexpected error on {} {}", ex.method(), ex.path(), e);
        return new Reply(500, Map.of("error", Map.of("code", "INTERNAL", "message", String.valueOf(e.getMessage()))));
    }

    private CompletableFuture<Reply> route(ApiRequest ex) {
        String method = ex.method();
        String path = ex.path();
        if (path == null) {
            throw new ApiError(Reject.MALFORMED_REQUEST, null, "the path is not valid (a bad % escape?)");
        }
        String[] parts = (path.startsWith("/") ? path.substring(1) : path).split("/");
        if (draining) {
            throw new ApiError(Reject.SHUTTING_DOWN, null, "the daemon is shutting down");
        }
        Set<String> allowed = Routes.methods(parts);
        if (allowed.isEmpty()) {
            throw new ApiError(Reject.NOT_FOUND, null, "no route " + path + " (see docs/openapi.yaml)");
        }
        if (!allowed.contains(method)) {
            throw new MethodNotAllowed(method, path, allowed);
        }
        boolean get = "GET".equals(method);
        String route = parts.length >= 2 ? parts[1] : "";
        limit(get ? "reads" : "orders".equals(route) ? "orders" : "writes");
        if (parts.length == 2 && route.equals("health") && get) {
            return read(s -> {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("status", "ok");
                m.put("log_size", svc.logSize());
                m.put("markets", s.books().size());
                m.put("group_commits", commits);
                m.put("commands_committed", commands);
                return new Reply(200, m);
            });
        }
        if (route.equals("markets")) {
            if (parts.length == 2 && get) {
                Instant now = clock.instant();
                return read(s -> new Reply(200, s.books().values().stream().map(b -> Views.market(b, now, false)).toList()));
            }
            if (parts.length == 2) {
                ObjectNode b = body(ex, Set.of("market", "oracle_event", "outcomes", "fee_bps", "liquidity", "lp_account",
                        "threshold", "opens_at", "closes_at", "e2eid"));
                List<String> outcomes = new ArrayList<>();
                JsonNode o = b.get("outcomes");
                if (o == null || !o.isArray()) {
                    throw new ApiError(Reject.MISSING_FIELD, "outcomes", "outcomes: an array of outcome names is required");
                }
                o.forEach(n -> outcomes.add(n.asText()));
                String market = text(b, "market", true);
                return write(new MarketCommand.CreateMarket(market, text(b, "oracle_event", true), outcomes,
                        b.has("fee_bps") ? integer(b, "fee_bps") : 200, text(b, "opens_at", false), text(b, "closes_at", false),
                        text(b, "threshold", false), text(b, "lp_account", true), integer(b, "liquidity"),
                        b.has("e2eid") ? text(b, "e2eid", true) : "LIQ-" + market));
            }
            if (parts.length == 3 && get) {
                String id = parts[2];
                Instant now = clock.instant();
                return read(s -> s.book(id) == null
                        ? error(Reject.UNKNOWN_MARKET, null, "no market \"" + id + "\"")
                        : new Reply(200, Views.market(s.book(id), now, true)));
            }
        }
        if (route.equals("accounts") && parts.length == 3 && get) {
            String id = parts[2];
            return read(s -> new Reply(200, Views.account(s, id)));
        }
        if (route.equals("orders") && parts.length == 2 && !get) {
            ObjectNode b = body(ex, Set.of("market", "account", "outcome", "side", "amount", "max_cost", "min_shares", "min_return"));
            String side = text(b, "side", true);
            long limit = slippageLimit(b, side);
            String[] key = idempotency(ex, b);
            return write(new MarketCommand.PlaceOrder(text(b, "market", true), text(b, "account", true), text(b, "outcome", true),
                    side, integer(b, "amount"), limit, key[0], key[1]));
        }
        if (route.equals("deposits") && parts.length == 2 && !get) {
            ObjectNode b = body(ex, Set.of("account", "amount", "e2eid"));
            String[] key = idempotency(ex, b);
            return write(new MarketCommand.Deposit(text(b, "account", true), integer(b, "amount"),
                    b.has("e2eid") ? text(b, "e2eid", true) : "API-" + key[0], key[0], key[1]));
        }
        if (route.equals("withdrawals") && parts.length == 2 && !get) {
            ObjectNode b = body(ex, Set.of("account", "amount", "pix_key", "withdrawal_id"));
            String[] key = idempotency(ex, b);
            return write(new MarketCommand.Withdraw(b.has("withdrawal_id") ? text(b, "withdrawal_id", true) : "WD-" + key[0],
                    text(b, "account", true), integer(b, "amount"), text(b, "pix_key", true), key[0], key[1]));
        }
        if (route.equals("liquidity") && parts.length == 2 && !get) {
            ObjectNode b = body(ex, Set.of("market", "account", "action", "amount", "lp_shares"));
            String[] key = idempotency(ex, b);
            String action = b.has("action") ? text(b, "action", true) : "add";
            if ("add".equals(action)) {
                return write(new MarketCommand.AddLiquidity(text(b, "market", true), text(b, "account", true), integer(b, "amount"),
                        key[0], key[1]));
            }
            if ("remove".equals(action)) {
                return write(new MarketCommand.RemoveLiquidity(text(b, "market", true), text(b, "account", true),
                        integer(b, "lp_shares"), key[0], key[1]));
            }
            throw new ApiError(Reject.INVALID_FIELD, "action", "action: \"add\" or \"remove\", got \"" + action + "\"");
        }
        throw new IllegalStateException("Routes lists " + method + " " + path + " but no handler serves it");
    }

    /**
     * An order's slippage limit as the engine takes it (docs/adr/0308): a buy's {@code min_shares}
     * (the fewest outcome shares it accepts for its amount, Gnosis's minOutcomeTokensToBuy), a sell's
     * {@code min_return}; 0 for none. {@code max_cost} stays accepted on buys for compatibility but
     * cannot bound the price (a buy spends exactly {@code amount}): it must be at least 1 and at
     * least {@code amount}.
     */
    private static long slippageLimit(ObjectNode b, String side) {
        boolean buy = "buy".equals(side);
        for (String f : buy ? new String[] {"min_return"} : new String[] {"max_cost", "min_shares"}) {
            if (b.has(f)) {
                throw new ApiError(Reject.INVALID_FIELD, f, f + ": applies to " + (buy ? "sells" : "buys")
                        + "; a buy takes min_shares, a sell min_return");
            }
        }
        if (!buy) {
            return b.has("min_return") ? integer(b, "min_return") : 0;
        }
        if (b.has("max_cost")) {
            long maxCost = integer(b, "max_cost");
            if (maxCost < 1) {
                throw new ApiError(Reject.INVALID_FIELD, "max_cost", "max_cost: must be at least 1 centavo, got " + maxCost
                        + " (omit it for no cap; bound the price with min_shares)");
            }
            long amount = integer(b, "amount");
            if (amount > maxCost) {
                throw new ApiError(Reject.INVALID_FIELD, "max_cost", "max_cost: a buy spends exactly its amount (" + amount
                        + " centavos), above max_cost " + maxCost + "; bound the price with min_shares");
            }
        }
        if (!b.has("min_shares")) {
            return 0;
        }
        long minShares = integer(b, "min_shares");
        if (minShares < 1) {
            throw new ApiError(Reject.INVALID_FIELD, "min_shares", "min_shares: must be at least 1 share, got " + minShares
                    + " (omit it for no bound)");
        }
        return minShares;
    }

    private void limit(String bucket) {
        long wait = buckets.get(bucket).take();
        if (wait > 0) {
            throw new RateLimited(wait);
        }
    }

    /** 429 with Retry-After; carried as an ApiError so the handler renders it from the catalogue. */
    private static final class RateLimited extends ApiError {
        RateLimited(long seconds) {
            super(Reject.RATE_LIMITED, null, "rate limit reached; retry after " + seconds + " s");
            this.seconds = seconds;
        }

        final long seconds;
    }

    /** 405 with the Allow header naming what the route does serve. */
    private static final class MethodNotAllowed extends ApiError {
        MethodNotAllowed(String method, String path, Set<String> allowed) {
            super(Reject.METHOD_NOT_ALLOWED, null, method + " is not served on " + path + "; use " + String.join(" or ", allowed));
            this.allow = String.join(", ", allowed);
        }

        final String allow;
    }

    private CompletableFuture<Reply> read(Function<MarketState, Reply> f) {
        return submit(new Work(null, f, new CompletableFuture<>()));
    }

    private CompletableFuture<Reply> write(MarketCommand c) {
        return submit(new Work(c, null, new CompletableFuture<>()));
    }

    private CompletableFuture<Reply> submit(Work w) {
        if (!queue.offer(w)) {
            throw new ApiError(Reject.RATE_LIMITED, null, "the engine queue is full; retry shortly");
        }
        return w.reply().orTimeout(ENGINE_ANSWER_SECONDS, TimeUnit.SECONDS);
    }

    private static ObjectNode body(ApiRequest ex, Set<String> allowed) {
        JsonNode n;
        try {
            if (ex.bodyTooLarge()) {
                throw new ApiError(Reject.MALFORMED_JSON, null, "request body over 64 KiB");
            }
            n = CanonicalJson.readTree(ex.body());
        } catch (IOException e) {
            throw new ApiError(Reject.MALFORMED_JSON, null, "request body is not valid JSON: " + firstLine(e.getMessage()));
        }
        if (n == null || !n.isObject()) {
            throw new ApiError(Reject.MALFORMED_JSON, null, "request body must be a JSON object");
        }
        Iterator<String> names = n.fieldNames();
        while (names.hasNext()) {
            String f = names.next();
            if (!allowed.contains(f)) {
                throw new ApiError(Reject.INVALID_FIELD, f, f + ": unknown field (expected: " + String.join(", ", new java.util.TreeSet<>(allowed)) + ")");
            }
        }
        return (ObjectNode) n;
    }

    private static String[] idempotency(ApiRequest ex, ObjectNode body) {
        String key = ex.header("Idempotency-Key");
        if (key == null || key.isBlank()) {
            throw new ApiError(Reject.IDEMPOTENCY_KEY_REQUIRED, null, "writes need an Idempotency-Key header (a unique string per intended operation)");
        }
        if (key.length() > 128) {
            throw new ApiError(Reject.INVALID_FIELD, "Idempotency-Key", "Idempotency-Key: at most 128 characters");
        }
        // the canonical form, so whitespace or key order do not make "a different body"
        String canonical = CanonicalJson.canonicalize(body);
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8));
            return new String[] {key, LeafHash.hex(h).substring(0, 32)};
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String text(ObjectNode b, String field, boolean required) {
        JsonNode n = b.get(field);
        if (n == null || n.isNull()) {
            if (required) {
                throw new ApiError(Reject.MISSING_FIELD, field, field + ": required");
            }
            return null;
        }
        if (!n.isTextual()) {
            throw new ApiError(Reject.INVALID_FIELD, field, field + ": must be a string, got " + n);
        }
        return n.textValue();
    }

    private static long integer(ObjectNode b, String field) {
        JsonNode n = b.get(field);
        if (n == null || n.isNull()) {
            throw new ApiError(Reject.MISSING_FIELD, field, field + ": required");
        }
        if (!n.isIntegralNumber() || !n.canConvertToLong()) {
            throw new ApiError(Reject.INVALID_FIELD, field, field + ": must be an integer (centavos or share units), got " + n);
        }
        return n.longValue();
    }

    static Reply error(Reject code, String field, String message) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("code", code.name());
        e.put("message", message);
        if (field != null) {
            e.put("field", field);
        }
        return new Reply(code.status(), Map.of("error", e), code == Reject.RATE_LIMITED ? Map.of("Retry-After", "1") : Map.of());
    }

    private Reply error(ApiError e) {
        Reply r = error(e.code, e.field, e.getMessage());
        if (e instanceof RateLimited rl) {
            return new Reply(r.status(), r.body(), Map.of("Retry-After", Long.toString(rl.seconds)));
        }
        if (e instanceof MethodNotAllowed m) {
            return new Reply(r.status(), r.body(), Map.of("Allow", m.allow));
        }
        return r;
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    private static void sleepQuietly(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

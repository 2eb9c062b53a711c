package io.mbp.cli.daemon;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
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
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Statement;
import java.time.Clock;
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
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * The settlement daemon: a JSON API on 127.0.0.1 over the JDK's HTTP server, in front of one
 * engine thread that owns the market state. HTTP threads parse and validate, then queue work; the
 * engine thread drains the queue, decides a whole batch and appends its events in one transaction
 * (group commit), and only then answers every request of the batch. Reads are served by the same
 * thread between batches, so they see exactly the committed state.
 */
public final class Daemon implements AutoCloseable {
    private static final Logger LOG = LogManager.getLogger(Daemon.class);
    private static final ObjectMapper JSON = JsonMapper.builder().build();

    static {
        // The JDK server writes headers and body in separate segments; with Nagle on, the client's
        // delayed ACK adds ~40 ms to every response. Must be set before the server classes load.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    /** Tunables, with the defaults `mbp daemon` uses. */
    public record Options(int port, int maxBatch, double ordersPerSecond, double writesPerSecond, double readsPerSecond,
                          boolean fsync, int httpThreads, long snapshotEvery) {
        public Options(int port, int maxBatch, double ordersPerSecond, double writesPerSecond, double readsPerSecond,
                       boolean fsync, int httpThreads) {
            this(port, maxBatch, ordersPerSecond, writesPerSecond, readsPerSecond, fsync, httpThreads, 200_000);
        }

        public static Options defaults(int port) {
            return new Options(port, 2000, 50_000, 5_000, 20_000, false, 64, 200_000);
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
    private final HttpServer server;
    private final ExecutorService httpPool;
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
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", opts.port()), 1024);
        this.httpPool = Executors.newFixedThreadPool(opts.httpThreads());
        server.setExecutor(httpPool);
        server.createContext("/v2/", this::handle);
        this.engineThread = new Thread(this::engineLoop, "market-engine");
    }

    public void start() {
        engineThread.start();
        server.start();
    }

    /** Group commits so far and the API commands they carried (for the benchmark's average batch). */
    public long[] counters() {
        return new long[] {commits, commands, commitNanos};
    }

    public int port() {
        return server.getAddress().getPort();
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
        server.stop(2);
        engineStop = true;
        try {
            engineThread.join(30_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        httpPool.shutdownNow();
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

    private void handle(HttpExchange ex) throws IOException {
        Reply r;
        try {
            r = route(ex);
        } catch (ApiError e) {
            r = error(e);
        } catch (MarketRejected e) {
            r = error(e.code(), e.field(), e.getMessage());
        } catch (RuntimeException e) {
            LOG.error("unexpected error on {} {}", ex.getRequestMethod(), ex.getRequestURI(), e);
            r = new Reply(500, Map.of("error", Map.of("code", "INTERNAL", "message", String.valueOf(e.getMessage()))));
        }
        byte[] body = JSON.writeValueAsBytes(r.body());
        ex.getResponseHeaders().set("Content-Type", "application/json");
        r.headers().forEach((k, v) -> ex.getResponseHeaders().set(k, v));
        ex.sendResponseHeaders(r.status(), body.length);
        try (OutputStream os = ex.getResponseBody()) {
            os.write(body);
        }
    }

    private Reply route(HttpExchange ex) {
        String method = ex.getRequestMethod();
        String path = ex.getRequestURI().getPath();
        String[] parts = path.substring(1).split("/");
        if (draining) {
            throw new ApiError(Reject.SHUTTING_DOWN, null, "the daemon is shutting down");
        }
        boolean get = "GET".equals(method);
        if (!get && !"POST".equals(method)) {
            throw new ApiError(Reject.METHOD_NOT_ALLOWED, null, method + " is not served; use GET or POST");
        }
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
            ObjectNode b = body(ex, Set.of("market", "account", "outcome", "side", "amount", "max_cost", "min_return"));
            String side = text(b, "side", true);
            long limit;
            if ("buy".equals(side)) {
                if (b.has("min_return")) {
                    throw new ApiError(Reject.INVALID_FIELD, "min_return", "min_return: applies to sells; a buy takes max_cost");
                }
                limit = b.has("max_cost") ? integer(b, "max_cost") : 0;
            } else {
                if (b.has("max_cost")) {
                    throw new ApiError(Reject.INVALID_FIELD, "max_cost", "max_cost: applies to buys; a sell takes min_return");
                }
                limit = b.has("min_return") ? integer(b, "min_return") : 0;
            }
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
        boolean known = Set.of("health", "markets", "accounts", "orders", "deposits", "withdrawals", "liquidity").contains(route);
        throw new ApiError(known ? Reject.METHOD_NOT_ALLOWED : Reject.NOT_FOUND, null,
                (known ? method + " is not served on " : "no route ") + path + " (see docs/openapi.yaml)");
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

    private Reply read(Function<MarketState, Reply> f) {
        return submit(new Work(null, f, new CompletableFuture<>()));
    }

    private Reply write(MarketCommand c) {
        return submit(new Work(c, null, new CompletableFuture<>()));
    }

    private Reply submit(Work w) {
        if (!queue.offer(w)) {
            throw new ApiError(Reject.RATE_LIMITED, null, "the engine queue is full; retry shortly");
        }
        try {
            return w.reply().get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiError(Reject.SHUTTING_DOWN, null, "interrupted");
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new ApiError(Reject.STORAGE_UNAVAILABLE, null, "no answer from the engine in 30 s; retry with the same Idempotency-Key");
        }
    }

    private static ObjectNode body(HttpExchange ex, Set<String> allowed) {
        JsonNode n;
        try (InputStream in = ex.getRequestBody()) {
            byte[] bytes = in.readNBytes(64 * 1024 + 1);
            if (bytes.length > 64 * 1024) {
                throw new ApiError(Reject.MALFORMED_JSON, null, "request body over 64 KiB");
            }
            n = CanonicalJson.MAPPER.readTree(bytes);
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

    private static String[] idempotency(HttpExchange ex, ObjectNode body) {
        String key = ex.getRequestHeaders().getFirst("Idempotency-Key");
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

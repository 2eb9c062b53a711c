package io.mbp.cli.daemon;

import io.mbp.apiclient.ApiKeyRing;
import io.mbp.apiclient.ApiKeyService;
import io.mbp.events.EventLog;
import io.mbp.market.HaltPolicy;
import io.mbp.market.Invariants;
import io.mbp.market.MarketEngine;
import io.mbp.market.MarketService;
import io.mbp.market.Shard;
import io.mbp.sql.Database;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * The settlement daemon, assembled from three parts: the HTTP layer on 127.0.0.1 ({@link HttpLayer},
 * Jetty) with the API's routes ({@link ApiRoutes}) and rate limits ({@link RateLimiter}) on HTTP
 * threads, and one {@link EngineLoop} thread that owns the market state and group-commits. This class
 * opens the database, rebuilds the state (snapshot plus tail), refuses to start on a broken invariant,
 * and starts and drains the parts.
 */
public final class Daemon implements AutoCloseable {
    private static final Logger LOG = LogManager.getLogger(Daemon.class);

    /**
     * Tunables, with the defaults `mbp daemon` uses. The HTTP bounds (docs/adr/0307): a connection
     * silent for {@code readTimeout} is closed; a request not read whole {@code requestTimeout} after
     * its first byte is closed; one client address holds at most {@code maxConnectionsPerClient}.
     * {@code fsync} is accepted for compatibility and changes nothing: every group commit is already
     * synced to disk by {@link Database} (docs/adr/0004). {@code shard}: the markets this daemon decides
     * when several share one log (docs/adr/0309).
     */
    public record Options(int port, int maxBatch, double ordersPerSecond, double writesPerSecond, double readsPerSecond,
                          boolean fsync, int httpThreads, long snapshotEvery, Duration readTimeout, Duration requestTimeout,
                          int maxConnectionsPerClient, Shard shard, io.mbp.privacy.KeyEncryptionKey apiKek, String bind,
                          TlsFiles tls, String cohort) {
        public static final Duration READ_TIMEOUT = Duration.ofSeconds(10);
        public static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(20);
        public static final int MAX_CONNECTIONS_PER_CLIENT = 256;
        public static final String LOOPBACK = "127.0.0.1";

        public Options {
            if (readTimeout.isNegative() || readTimeout.isZero() || requestTimeout.isNegative() || requestTimeout.isZero()
                    || maxConnectionsPerClient < 1 || shard == null || bind == null) {
                throw new IllegalArgumentException("HTTP timeouts must be positive and the per-client cap at least 1");
            }
        }

        public Options(int port, int maxBatch, double ordersPerSecond, double writesPerSecond, double readsPerSecond,
                       boolean fsync, int httpThreads, long snapshotEvery) {
            this(port, maxBatch, ordersPerSecond, writesPerSecond, readsPerSecond, fsync, httpThreads, snapshotEvery,
                    READ_TIMEOUT, REQUEST_TIMEOUT, MAX_CONNECTIONS_PER_CLIENT, Shard.ALL, null, LOOPBACK, null, null);
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
                    read, request, perClient, shard, apiKek, bind, tls, cohort);
        }

        /** Decide only {@code s}'s markets (docs/adr/0309); the default is {@link Shard#ALL}. */
        public Options withShard(Shard s) {
            return new Options(port, maxBatch, ordersPerSecond, writesPerSecond, readsPerSecond, fsync, httpThreads, snapshotEvery,
                    readTimeout, requestTimeout, maxConnectionsPerClient, s, apiKek, bind, tls, cohort);
        }

        /**
         * Decide only the markets of one cohort, "canary" or "stable", of the log's current canary
         * (docs/adr/0321), instead of a shard; null: the shard decides.
         */
        public Options withCohort(String side) {
            if (side != null && shard.count() > 1) {
                throw new IllegalArgumentException("a daemon owns a shard or a cohort, not both");
            }
            return new Options(port, maxBatch, ordersPerSecond, writesPerSecond, readsPerSecond, fsync, httpThreads, snapshotEvery,
                    readTimeout, requestTimeout, maxConnectionsPerClient, shard, apiKek, bind, tls, side);
        }

        /**
         * Listen on {@code address} with {@code tls} (docs/adr/0313): TLS 1.3, client certificates when
         * it names a client CA. Plain HTTP ({@code tls} null) only on a loopback address.
         */
        public Options withTransport(String address, TlsFiles transport) {
            return new Options(port, maxBatch, ordersPerSecond, writesPerSecond, readsPerSecond, fsync, httpThreads, snapshotEvery,
                    readTimeout, requestTimeout, maxConnectionsPerClient, shard, apiKek, address, transport, cohort);
        }

        /**
         * The vault key the API keys' secrets are wrapped under (ADR 0311): without it no signed request
         * verifies, and only the public routes answer.
         */
        public Options withApiKeys(io.mbp.privacy.KeyEncryptionKey kek) {
            return new Options(port, maxBatch, ordersPerSecond, writesPerSecond, readsPerSecond, fsync, httpThreads, snapshotEvery,
                    readTimeout, requestTimeout, maxConnectionsPerClient, shard, kek, bind, tls, cohort);
        }
    }

    private final Database db;
    private final QualityDesk quality;
    private final HttpLayer http;
    private final EngineLoop engine;
    private final ApiRoutes routes;
    private final DaemonPayees payees;
    private final KycDesk kyc;
    private final PublicReads reads;
    private final WebhookDesk webhooks;
    private final ApiKeyRing keyRing;
    private final Database cohortDb;
    private final WalCheckpointer checkpointer;
    private boolean fsyncOffEngine;
    private WalFile walFile;
    private DurableAcks acks;
    private final java.util.concurrent.ScheduledExecutorService keyRefresh = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "api-keys");
        t.setDaemon(true);
        return t;
    });
    private final Ownership owner;
    private final CohortWatch cohortWatch;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final AtomicBoolean closing = new AtomicBoolean();

    public Daemon(String dbUrl, Options opts, Clock clock) throws IOException {
        this(dbUrl, opts, clock, HaltPolicy.DEFAULT);
    }

    public Daemon(String dbUrl, Options opts, Clock clock, HaltPolicy policy) throws IOException {
        this(dbUrl, opts, clock, policy, KycDesk.Settings.none());
    }

    /**
     * With KYC: the vault's key-encryption key (onboarding), the provider's URL and timeout, and the
     * secret the vendor signs callbacks with; each may be null (docs/adr/0708).
     */
    public Daemon(String dbUrl, Options opts, Clock clock, io.mbp.privacy.KeyEncryptionKey kek, String providerUrl,
                  Duration providerTimeout, boolean liveness, byte[] callbackSecret) throws IOException {
        this(dbUrl, opts, clock, HaltPolicy.DEFAULT, new KycDesk.Settings(kek, providerUrl, providerTimeout, liveness, callbackSecret));
    }

    private Daemon(String dbUrl, Options opts, Clock clock, HaltPolicy policy, KycDesk.Settings kycSettings) throws IOException {
        // Database opens H2 with WRITE_DELAY=0 and syncs after every appending transaction (docs/adr/0004):
        // an acknowledged order survives kill -9 and power loss without anything set here.
        this.db = Database.openMigrated(dbUrl);
        MarketService svc = new MarketService(db, new MarketEngine(policy), clock);
        this.owner = opts.cohort() == null ? Ownership.of(opts.shard()) : Ownership.of(Ownership.Side.parse(opts.cohort()));
        owner.refresh(db);
        svc.restrictTo(owner::owns);
        long t0 = System.nanoTime();
        long from = svc.loadFromSnapshot();
        LOG.info("state rebuilt from {} in {} ms: log size {}", from == 0 ? "the whole log" : "the snapshot at " + from
                + " plus the tail", (System.nanoTime() - t0) / 1_000_000, svc.logSize());
        String jar = io.mbp.release.Builds.jarSha256(Daemon.class); // which release's code this is (ADR 0321)
        LOG.info("build {} jar sha256 {}: release {}", io.mbp.cli.VersionProvider.toolVersion(), jar == null ? "none (not a jar)" : jar,
                java.util.Objects.requireNonNullElse(io.mbp.release.Builds.releaseOf(io.mbp.release.Builds.cuts(new EventLog(db)), jar),
                        "none cut in this log"));
        // follow() runs on the refresh thread: its own connection, like the key ring's below
        this.cohortDb = owner.side() == null ? null : Database.open(dbUrl);
        this.cohortWatch = owner.side() == null ? null : new CohortWatch(owner, jar, cohortDb);
        if (cohortWatch != null) {
            cohortWatch.announce();
        }
        List<Invariants.Violation> v = Invariants.check(svc.state());
        if (!v.isEmpty()) {
            db.close();
            throw new io.mbp.error.VerificationFailedException("refusing to start: invariant " + v.get(0));
        }
        this.payees = new DaemonPayees(dbUrl, clock);
        this.engine = new EngineLoop(svc, new EventLog(db), opts.maxBatch(), opts.snapshotEvery(), from, this::fail);
        engine.writeSnapshotsApart(dbUrl);
        try {
            this.kyc = new KycDesk(dbUrl, kycSettings, clock);
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
        engine.owner = owner;
        DaemonMetrics metrics = new DaemonMetrics();
        engine.metrics = metrics;
        engine.clock = clock;
        RateLimiter limiter = new RateLimiter(opts.ordersPerSecond(), opts.writesPerSecond(), opts.readsPerSecond());
        limiter.metrics = metrics;
        // its own connection: the ring refreshes on HTTP threads and a timer, and a connection shared with the
        // engine thread shares its transaction (a refresh could commit or roll back half a batch, ADR 0323)
        this.keyRing = opts.apiKek() == null ? null : ApiKeyRing.open(dbUrl, d -> new ApiKeyService(d, new io.mbp.privacy.Vault(opts.apiKek(),
                clock), clock));
        if (keyRing == null) {
            LOG.warn("no vault key for API keys: signed routes answer UNAUTHENTICATED (set $MBP_VAULT_PASSPHRASE; docs/api-auth.md)");
        } else {
            keyRing.refresh();
        }
        this.routes = new ApiRoutes(engine, limiter, clock, payees, kyc, new ShardGuard(owner), new ApiAccess(keyRing, clock));
        this.quality = new QualityDesk(dbUrl, clock);
        routes.useQuality(quality);
        this.reads = new PublicReads(dbUrl);
        routes.reads = reads;
        this.webhooks = new WebhookDesk(dbUrl, clock);
        routes.webhooks = webhooks;
        this.http = new HttpLayer(opts.port(), opts, routes, metrics);
        this.checkpointer = WalCheckpointer.forEngine(db); // SQLite: checkpoints off the commit path (ADR 0125)
    }

    /** The API key ring (null without a vault key); tests in this package hold its lock to keep it from refreshing. */
    ApiKeyRing keyRing() {
        return keyRing;
    }

    /** Also serve GET /v2/noop, the benchmarks' anchor on the same HTTP stack (`--bench-routes`). */
    public void enableBenchRoutes() {
        routes.enableBenchRoutes();
    }

    /**
     * On SQLite, fsync the log on a thread of its own before the answers instead of inside each group
     * commit, so the engine writes the next batch meanwhile (call before {@link #start()};
     * `--fsync-off-engine`, docs/adr/0124: slower with few requests in flight, faster with many only in some runs here).
     */
    public void fsyncOffEngine() {
        fsyncOffEngine = true;
    }

    public void start() {
        walFile = fsyncOffEngine ? WalFile.forEngine(db) : null;
        if (walFile != null) {
            acks = new DurableAcks(walFile);
            acks.metrics = engine.metrics;
            engine.acks = acks;
            acks.start();
        }
        if (keyRing != null) {
            // keys made, rotated or revoked by `mbp api-keys` take effect within a second
            keyRefresh.scheduleWithFixedDelay(this::refreshKeys, 1, 1, TimeUnit.SECONDS);
        }
        if (cohortWatch != null) {
            // promotions and rollbacks move the cohort: followed within a second (docs/adr/0321)
            keyRefresh.scheduleWithFixedDelay(cohortWatch::follow, 1, 1, TimeUnit.SECONDS);
        }
        checkpointer.start();
        engine.start();
        http.start();
        kyc.start(http.port());
        webhooks.start();
    }

    /**
     * Turns webhooks on (call before {@link #start()}): secrets derive from {@code secrets}' key, failed
     * deliveries retry by {@code policy}, and the delivery worker looks for due ones every {@code tick}.
     */
    public void webhooks(io.mbp.webhooks.WebhookSecrets secrets, io.mbp.webhooks.DeliveryPolicy policy, Duration tick) {
        webhooks.configure(secrets, policy, tick);
    }

    /** Group commits so far and the API commands they carried (for the benchmark's average batch). */
    public long[] counters() {
        return engine.counters();
    }

    public int port() {
        return http.port();
    }

    /**
     * Fault injection for SLO and chaos drills: from now on every {@code n}-th API request is answered
     * 503 STORAGE_UNAVAILABLE without reaching the engine (0 turns it off). Counted in /metrics like any answer.
     */
    public void failEvery(long n) {
        http.failEvery(n);
    }

    /** Why the daemon stopped itself, or null while it runs or after a clean stop. */
    public String fatalReason() {
        return engine.fatal();
    }

    /** Blocks until the daemon stopped; returns the fatal reason, or null after a clean stop. */
    public String awaitStop() throws InterruptedException {
        stopped.await();
        return engine.fatal();
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
        routes.drain();
        keyRefresh.shutdownNow();
        http.close();
        kyc.close();
        quality.close();
        reads.close();
        webhooks.close();
        try {
            engine.stop();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (acks != null) {
            acks.close(); // what the engine committed last is answered after its fsync
            walFile.close();
        }
        payees.close();
        if (cohortDb != null) {
            cohortDb.close();
        }
        if (keyRing != null) {
            keyRing.close();
        }
        checkpointer.close();
        engine.metrics.close();
        db.close();
        stopped.countDown();
    }

    private void refreshKeys() {
        try {
            keyRing.refresh();
        } catch (RuntimeException e) {
            LOG.warn("API keys not refreshed: {}", e.getMessage());
        }
    }

    /** An invariant broke (the engine loop has stopped): refuse requests and close. */
    private void fail(String why) {
        LOG.error("STOPPING: {}", why);
        routes.drain();
        new Thread(this::close, "daemon-stop").start();
    }
}

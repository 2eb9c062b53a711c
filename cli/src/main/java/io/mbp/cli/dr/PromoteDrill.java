package io.mbp.cli.dr;

import io.mbp.cli.TextResult;
import io.mbp.cli.daemon.Daemon;
import io.mbp.error.BadInputException;
import io.mbp.error.InfrastructureException;
import io.mbp.events.EventLog;
import io.mbp.market.MarketCommand;
import io.mbp.market.MarketEngine;
import io.mbp.market.MarketService;
import io.mbp.market.MarketState;
import io.mbp.sql.Database;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The promotion drill. Orders stream into a daemon on the primary; at the failover instant T the
 * replica is promoted (pg_promote) while the load still runs, as when a primary dies with WAL not yet
 * shipped. RPO: orders acknowledged before T that the promoted replica does not hold (looked up by
 * their Idempotency-Key in the replica's replayed state), and how far before T the oldest of them was
 * acknowledged. RTO: from T to the first order a new daemon on the promoted replica acknowledges
 * (promotion, daemon start and state rebuild included; failure detection, which is the operator's
 * or the orchestrator's, is not).
 */
final class PromoteDrill {
    record Report(String replication, String schema, long acknowledged, long acknowledgedBeforeFailover, long eventsLost,
                  double rpoSeconds, double rtoSeconds, long primaryLogSize, long replicaLogSize, String failoverAt,
                  String firstOrderAt, boolean verified, String verification) implements TextResult {
        @Override
        public void printText(PrintWriter out) {
            out.printf("promote drill (%s replication, schema %s): %d orders acknowledged before the failover, %d lost%n",
                    replication, schema, acknowledgedBeforeFailover, eventsLost);
            out.printf("RPO %.3f s (%d acknowledged events missing on the promoted replica), RTO %.3f s (failover at %s, first order %s)%n",
                    rpoSeconds, eventsLost, rtoSeconds, failoverAt, firstOrderAt);
            out.printf("log sizes: old primary %d, promoted replica %d%n", primaryLogSize, replicaLogSize);
            out.printf("promoted replica %s: %s%n", verified ? "verified" : "FAILED verification", verification);
            out.flush();
        }
    }

    private final Clock clock;
    /** The drill's admin API key, made on the primary (and so on the replica) when the drill seeds it. */
    private io.mbp.cli.daemon.OperatorKey key;

    /** Signs the drill's orders with {@code k} (a drill that seeds its own database makes the key itself). */
    void useKey(io.mbp.cli.daemon.OperatorKey k) {
        key = k;
    }

    PromoteDrill(Clock clock) {
        this.clock = clock;
    }

    Report run(String primary, String replica, String replicaAdmin, int clients, double seconds) throws Exception {
        if (!queryBoolean(replicaAdmin, "SELECT pg_is_in_recovery()")) {
            throw new BadInputException("--replica is not a standby (pg_is_in_recovery() is false): it was promoted already? "
                    + "scripts/postgres replica create makes a new one");
        }
        String replication = querySynchronous(primary);
        String schema = "drill_" + Long.toHexString(clock.millis());
        execute(primary, "CREATE SCHEMA " + schema);
        String p = withSchema(primary, schema);
        String r = withSchema(replica, schema);
        seed(p, clients);
        // the replica gets the key with everything else: the promoted daemon verifies the same key
        key = io.mbp.cli.daemon.OperatorKey.provision(p, clock);
        Map<String, Long> acked = new ConcurrentHashMap<>();
        long failoverNanos;
        Instant failoverAt;
        Daemon d = new Daemon(p, key.on(Daemon.Options.defaults(0)), clock);
        d.start();
        AtomicBoolean stop = new AtomicBoolean();
        Thread[] load = new Thread[clients];
        try {
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            io.mbp.cli.daemon.SigningClient uri = key.client(d.port(), clock);
            for (int c = 0; c < clients; c++) {
                int client = c;
                load[c] = new Thread(() -> {
                    for (long i = 0; !stop.get(); i++) {
                        String key = "drill-" + client + "-" + i;
                        if (send(http, uri, key, client, i)) {
                            acked.put(key, System.nanoTime());
                        }
                    }
                }, "drill-client-" + c);
                load[c].start();
            }
            Thread.sleep((long) (seconds * 1000));
            failoverNanos = System.nanoTime();
            failoverAt = clock.instant();
            if (!queryBoolean(replicaAdmin, "SELECT pg_promote(true, 60)")) {
                throw new InfrastructureException("pg_promote() did not finish within 60 s on the replica").about("database");
            }
        } finally {
            stop.set(true);
            for (Thread t : load) {
                if (t != null) {
                    t.join();
                }
            }
            d.close();
        }
        long[] rto = firstOrder(r, clients, failoverNanos);
        Instant firstOrderAt = failoverAt.plusNanos(rto[0]);
        long before = 0;
        long lost = 0;
        long oldestLost = Long.MAX_VALUE;
        long replicaSize;
        io.mbp.cli.backup.RestoreCheck.Check leaves;
        try (Database db = Database.openMigrated(r)) {
            MarketService svc = new MarketService(db, new MarketEngine(), clock);
            MarketState s = svc.load();
            replicaSize = svc.logSize();
            leaves = io.mbp.cli.backup.RestoreCheck.leaves(db);
            for (Map.Entry<String, Long> a : acked.entrySet()) {
                if (a.getValue() < failoverNanos) {
                    before++;
                    if (s.idempotent(a.getKey()) == null) {
                        lost++;
                        oldestLost = Math.min(oldestLost, a.getValue());
                    }
                }
            }
        }
        long primarySize;
        try (Database db = Database.openMigrated(p)) {
            primarySize = new EventLog(db).size();
        }
        double rpo = lost == 0 ? 0 : (failoverNanos - oldestLost) / 1e9;
        return new Report(replication, schema, acked.size(), before, lost, rpo, rto[0] / 1e9, primarySize, replicaSize,
                failoverAt.toString(), firstOrderAt.toString(), leaves.ok(), leaves.detail());
    }

    /** The drill's market and one funded account per client, on the primary (the replica receives them by streaming). */
    void seed(String url, int clients) {
        try (Database db = Database.openMigrated(url)) {
            MarketService svc = new MarketService(db, new MarketEngine(), clock);
            svc.load();
            List<MarketCommand> cmds = new java.util.ArrayList<>();
            cmds.add(new MarketCommand.CreateMarket("DRILL", "EV-DRILL", List.of("YES", "NO"), 200, null, null, null, "lp",
                    100_000_000_000L, "E-LP"));
            for (int c = 0; c <= clients; c++) {
                cmds.add(new MarketCommand.Deposit("drill-" + c, 100_000_000_000L, "E-DRILL-" + c, null, null));
            }
            svc.commit(cmds, false);
        }
    }

    static boolean send(HttpClient http, io.mbp.cli.daemon.SigningClient api, String key, int client, long i) {
        String body = "{\"market\":\"DRILL\",\"account\":\"drill-" + client + "\",\"outcome\":\"" + ((i & 1) == 0 ? "YES" : "NO")
                + "\",\"side\":\"buy\",\"amount\":" + (1_000 + (i % 100_000)) + "}";
        try {
            HttpResponse<String> res = http.send(api.request("POST", "/v2/orders", body.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                    .header("Idempotency-Key", key).build(), HttpResponse.BodyHandlers.ofString());
            return res.statusCode() == 201;
        } catch (java.io.IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Starts a daemon on the promoted replica and sends orders until one is acknowledged; nanoseconds since the failover. */
    long[] firstOrder(String url, int clients, long failoverNanos) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        Daemon d = new Daemon(url, key.on(Daemon.Options.defaults(0)), clock);
        d.start();
        try {
            io.mbp.cli.daemon.SigningClient uri = key.client(d.port(), clock);
            for (int attempt = 0; attempt < 600; attempt++) {
                if (send(http, uri, "drill-after-" + attempt, clients, attempt)) {
                    return new long[] {System.nanoTime() - failoverNanos};
                }
                Thread.sleep(100);
            }
            throw new InfrastructureException("no order was accepted on the promoted replica within 60 s").about("database");
        } finally {
            d.close();
        }
    }

    static String withSchema(String url, String schema) {
        return url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }

    /** synchronous_commit and synchronous_standby_names of the primary: "asynchronous" unless a standby must confirm. */
    private static String querySynchronous(String url) {
        try (Connection c = connect(url); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT current_setting('synchronous_standby_names')")) {
            rs.next();
            return rs.getString(1).isBlank() ? "asynchronous" : "synchronous (" + rs.getString(1) + ")";
        } catch (SQLException e) {
            throw unreachable(url, e);
        }
    }

    private static boolean queryBoolean(String url, String sql) {
        try (Connection c = connect(url); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getBoolean(1);
        } catch (SQLException e) {
            throw unreachable(url, e);
        }
    }

    private static void execute(String url, String sql) {
        try (Connection c = connect(url); Statement st = c.createStatement()) {
            st.execute(sql);
        } catch (SQLException e) {
            throw unreachable(url, e);
        }
    }

    private static Connection connect(String url) throws SQLException {
        return DriverManager.getConnection(url);
    }

    private static InfrastructureException unreachable(String url, SQLException e) {
        return (InfrastructureException) new InfrastructureException("PostgreSQL at " + redact(url) + ": " + e.getMessage(), e).about("database");
    }

    static String redact(String url) {
        return url.replaceAll("(?i)(password=)[^&;]*", "$1***");
    }
}

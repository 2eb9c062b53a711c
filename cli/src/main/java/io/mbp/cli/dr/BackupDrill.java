package io.mbp.cli.dr;

import io.mbp.cli.TextResult;
import io.mbp.cli.backup.Backups;
import io.mbp.cli.backup.RestoreCheck;
import io.mbp.custody.NoteSigner;
import io.mbp.custody.SealService;
import io.mbp.error.BadInputException;
import io.mbp.error.InfrastructureException;
import io.mbp.events.EventLog;
import io.mbp.market.MarketEngine;
import io.mbp.market.MarketService;
import io.mbp.market.MarketState;
import io.mbp.sql.Database;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The backup-and-restore drill on an embedded engine. A daemon in a child process takes orders on a
 * fresh drill database; every interval the log is sealed and backed up online; then the daemon is
 * killed with SIGKILL mid-load and its storage counts as lost. Recovery restores the newest backup
 * into a fresh database, verifies it, and starts a daemon on it that takes an order.
 * RPO: orders acknowledged before the kill that the restored log lacks, and the age of the oldest.
 * RTO: from the kill to that first order (restore, verification, start and replay included;
 * detecting the failure is not).
 */
public final class BackupDrill {
    /** What to drill: engine (h2 or sqlite), output folder, load and backup schedule. */
    public record Request(String engine, Path out, int clients, double seconds, double backupEvery) {
    }

    /**
     * One scheduled backup: when its seal began (seconds into the load), the seal's and the backup's
     * durations, and whether it was complete before the kill (only those are restored from).
     */
    public record Backup(String dir, double startedAfterSeconds, double sealSeconds, long logSize, double seconds,
                         boolean completeBeforeFailure, @com.fasterxml.jackson.annotation.JsonIgnore long completedNanos) {
    }

    public record Report(String engine, String mode, long acknowledged, long acknowledgedBeforeFailure, long eventsLost,
                         double rpoSeconds, Double rtoSeconds, boolean verified, double backupIntervalSeconds, List<Backup> backups,
                         String restoredFrom, double restoreSeconds, long primaryLogSize, long restoredLogSize,
                         List<RestoreCheck.Check> checks, String failureAt, String firstOrderAt) implements TextResult {
        @Override
        public void printText(PrintWriter out) {
            out.printf("DR drill (%s, %s): %d orders acknowledged before the primary was killed, %d lost%n", engine, mode,
                    acknowledgedBeforeFailure, eventsLost);
            out.printf("RPO %.3f s (%d acknowledged events missing after the restore), RTO %s (killed at %s, first order %s)%n",
                    rpoSeconds, eventsLost, rtoSeconds == null ? "NOT REACHED" : String.format("%.3f s", rtoSeconds), failureAt,
                    firstOrderAt == null ? "none" : firstOrderAt);
            out.printf("%d backups every %.1f s; restored %s in %.3f s: %s%n", backups.size(), backupIntervalSeconds, restoredFrom,
                    restoreSeconds, verified ? "verified" : "FAILED verification");
            out.flush();
        }
    }

    private static final String KEY_NAME = "mbp-drill";
    private final Clock clock;

    public BackupDrill(Clock clock) {
        this.clock = clock;
    }

    public Report run(Request q) throws Exception {
        Path primaryDir = q.out().resolve("primary");
        if (Files.exists(primaryDir) || Files.exists(q.out().resolve("restored"))) {
            throw new BadInputException("--out " + q.out() + " holds a drill already (primary/ or restored/); give a new folder");
        }
        String primary = url(q.engine(), primaryDir, true);
        String restored = url(q.engine(), q.out().resolve("restored"), false);
        byte[] seed = new byte[32];
        new SecureRandom().nextBytes(seed);
        NoteSigner signer = new NoteSigner(KEY_NAME, seed);
        Files.writeString(q.out().resolve("drill-key.pub"), signer.verifier().text() + "\n");
        PromoteDrill shared = new PromoteDrill(clock);
        shared.seed(primary, q.clients());
        seal(primary, signer);

        Map<String, Long> acked = new ConcurrentHashMap<>();
        List<Backup> backups = java.util.Collections.synchronizedList(new ArrayList<>());
        io.mbp.cli.daemon.OperatorKey.ForProcess keys = io.mbp.cli.daemon.OperatorKey.provisionFile(primary, q.out(), clock);
        shared.useKey(keys.key()); // the restored copy holds the same key: its first order is signed with it
        Process daemon = startDaemon(primary, q.out().resolve("primary-daemon.log"), keys);
        long start;
        long failureNanos;
        Instant failureAt;
        AtomicBoolean stop = new AtomicBoolean();
        Thread[] load = new Thread[q.clients()];
        Thread scheduler = null;
        java.util.concurrent.atomic.AtomicReference<RuntimeException> backupError = new java.util.concurrent.atomic.AtomicReference<>();
        try {
            int port = port(daemon);
            start = System.nanoTime(); // the schedule runs from the moment the daemon listens
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            io.mbp.cli.daemon.SigningClient uri = keys.key().client(port, java.time.Clock.systemUTC()); // the process runs on the real clock
            for (int c = 0; c < q.clients(); c++) {
                int client = c;
                load[c] = new Thread(() -> {
                    for (long i = 0; !stop.get(); i++) {
                        String key = "drill-" + client + "-" + i;
                        if (PromoteDrill.send(http, uri, key, client, i)) {
                            acked.put(key, System.nanoTime());
                        }
                    }
                }, "drill-client-" + c);
                load[c].start();
            }
            long end = start + (long) (q.seconds() * 1e9);
            long t0 = start;
            scheduler = new Thread(() -> {
                try {
                    backups(q, primary, signer, t0, end, backups, stop);
                } catch (RuntimeException e) {
                    backupError.set(e); // a backup that failed while the primary lived: the drill fails with it
                }
            }, "drill-backups");
            scheduler.start();
            Thread.sleep(Math.max(0, (end - System.nanoTime()) / 1_000_000));
            failureNanos = System.nanoTime();
            failureAt = clock.instant();
            stop.set(true); // first, so a backup the kill breaks is read as cut short, not as a failure
            daemon.destroyForcibly(); // SIGKILL: no drain, no shutdown hook, as when the machine dies
            daemon.waitFor(30, TimeUnit.SECONDS);
        } finally {
            daemon.destroyForcibly();
            stop.set(true);
            for (Thread t : load) {
                if (t != null) {
                    t.join();
                }
            }
            if (scheduler != null) {
                scheduler.join();
            }
        }
        // a backup still running at the kill died with the machine: only those complete before it count
        List<Backup> usable = backups.stream().filter(Backup::completeBeforeFailure).toList();
        if (backupError.get() != null) {
            throw backupError.get();
        }
        if (usable.isEmpty()) {
            throw new BadInputException("no backup completed before the kill: give --seconds room for at least one"
                    + " --backup-every interval plus a seal and a backup");
        }
        long primarySize = logSize(primary);
        Backup newest = usable.get(usable.size() - 1);
        Backups.Restored r = Backups.restore(Path.of(newest.dir()), restored, List.of(signer.verifier()));
        Double rto = null;
        String firstOrderAt = null;
        long restoredSize = logSize(restored);
        if (r.verified()) {
            long[] first = shared.firstOrder(restored, q.clients(), failureNanos);
            rto = first[0] / 1e9;
            firstOrderAt = failureAt.plusNanos(first[0]).toString();
        }
        long before = 0;
        long lost = 0;
        long oldestLost = Long.MAX_VALUE;
        try (Database db = Database.openMigrated(restored)) {
            MarketState s = new MarketService(db, new MarketEngine(), clock).load();
            for (Map.Entry<String, Long> a : acked.entrySet()) {
                if (a.getValue() < failureNanos) {
                    before++;
                    if (s.idempotent(a.getKey()) == null) {
                        lost++;
                        oldestLost = Math.min(oldestLost, a.getValue());
                    }
                }
            }
        }
        double rpo = lost == 0 ? 0 : (failureNanos - oldestLost) / 1e9;
        return new Report(q.engine(), "backup-restore", acked.size(), before, lost, rpo, rto, r.verified(), q.backupEvery(), backups,
                newest.dir(), r.seconds(), primarySize, restoredSize, r.checks(), failureAt.toString(), firstOrderAt);
    }

    /** The schedule: seal, then back up, every interval until the kill; one cut short by it is recorded as such. */
    private void backups(Request q, String primary, NoteSigner signer, long start, long end, List<Backup> out, AtomicBoolean stop) {
        for (int n = 1; !stop.get(); n++) {
            long next = start + (long) (n * q.backupEvery() * 1e9);
            if (next >= end) {
                return;
            }
            try {
                Thread.sleep(Math.max(0, (next - System.nanoTime()) / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            long began = System.nanoTime();
            try {
                seal(primary, signer);
                double sealSeconds = (System.nanoTime() - began) / 1e9;
                Backups.Created b = Backups.create(primary, q.out().resolve("backups").resolve(String.format("%03d", n)), clock);
                long done = System.nanoTime();
                out.add(new Backup(b.dir().toString(), (began - start) / 1e9, sealSeconds, b.manifest().logSize(), b.seconds(),
                        done <= end, done));
            } catch (RuntimeException e) {
                if (!stop.get()) {
                    throw e;
                }
                // the primary died under it: nothing usable, as on a real machine loss
                return;
            }
        }
    }

    static String url(String engine, Path dir, boolean shared) {
        Path file = dir.resolve("mbp").toAbsolutePath();
        return switch (engine) {
            // AUTO_SERVER: the drill seals and backs up from this process while the daemon's holds the file
            case "h2" -> "jdbc:h2:file:" + file + (shared ? ";AUTO_SERVER=TRUE" : "");
            case "sqlite" -> "jdbc:sqlite:" + file + ".sqlite";
            default -> throw new BadInputException("--engine " + engine + ": the backup drill runs on h2 or sqlite"
                    + " (PostgreSQL: pass --replica for the promotion drill)");
        };
    }

    private void seal(String url, NoteSigner signer) {
        try (Database db = Database.open(url)) {
            new SealService(db, clock).seal(signer);
        }
    }

    private static long logSize(String url) {
        try (Database db = Database.open(url)) {
            return new EventLog(db).size();
        } catch (RuntimeException e) {
            return -1; // the dead primary's files may not open; the report says -1
        }
    }

    private static Process startDaemon(String url, Path log, io.mbp.cli.daemon.OperatorKey.ForProcess keys) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(io.mbp.cli.daemon.DaemonJvm.command(List.of(), "--port", "0", "--rate-orders",
                "1000000000", "--rate-writes", "1000000000", "--rate-reads", "1000000000"));
        pb.environment().put("MBP_DB", url);
        keys.env(pb.environment());
        pb.redirectError(log.toFile());
        return pb.start();
    }

    private static int port(Process p) throws IOException {
        BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String line = r.readLine();
        if (line == null || !line.startsWith("listening on 127.0.0.1:")) {
            throw new InfrastructureException("the drill's daemon " + (line == null ? "exited before listening" : "printed '" + line + "'")
                    + "; see primary-daemon.log in --out");
        }
        return Integer.parseInt(line.substring(line.lastIndexOf(':') + 1).strip());
    }
}

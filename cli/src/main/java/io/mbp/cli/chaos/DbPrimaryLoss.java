package io.mbp.cli.chaos;

import io.mbp.chaos.Check.Phase;
import io.mbp.chaos.ScenarioSpec;
import io.mbp.cli.daemon.Daemon;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The database primary dies under load: the DR drill (backup on a schedule, kill mid-load, restore or
 * promote, resume) run as a game day, judged against the roadmap's targets. The drill is reached
 * through {@link DrDrill}; without one the game day is SKIPPED, never passed.
 */
final class DbPrimaryLoss implements Scenario {
    static final double RPO_TARGET_SECONDS = 300;
    static final double RTO_TARGET_SECONDS = 1_800;

    private final DrDrill drill;
    private final String dbUrl;

    /** {@code dbUrl}: the primary to drill; null for a scratch H2 database in the run's folder. */
    DbPrimaryLoss(DrDrill drill, String dbUrl) {
        this.drill = drill;
        this.dbUrl = dbUrl;
    }

    @Override
    public ScenarioSpec spec() {
        return new ScenarioSpec("db-primary-loss",
                "Losing the database primary while the daemon takes orders loses at most " + (long) RPO_TARGET_SECONDS
                        + " s of acknowledged events (RPO) and service is back and verified within " + (long) RTO_TARGET_SECONDS
                        + " s (RTO), by restore or replica promotion.",
                "the drill's own daemon and database (a scratch H2 database in the run's folder unless --drill-db names one)",
                "the drill fails or cannot verify the restored log",
                List.of("a daemon on the primary answers health and accepts an order"));
    }

    @Override
    public void run(Trial t) throws Exception {
        String url = dbUrl != null ? dbUrl : "jdbc:h2:file:" + t.scratch().resolve("primary").toAbsolutePath();
        if (dbUrl == null) {
            Orders.seed(url, 2, t.clock());
            io.mbp.cli.daemon.OperatorKey key = io.mbp.cli.daemon.OperatorKey.provision(url, t.clock());
            try (Daemon d = new Daemon(url, key.on(Daemon.Options.defaults(0)), t.clock())) {
                d.start();
                HttpClient http = HttpClient.newHttpClient();
                int health = Orders.get(http, URI.create("http://127.0.0.1:" + d.port() + "/v2/health"));
                int order = Orders.send(http, key.client(d.port(), t.clock()), "steady-0", 0, 0);
                t.check(Phase.BEFORE, "a daemon on the primary answers health and accepts an order", health == 200 && order == 201,
                        "health " + health + ", order " + order);
            }
        }
        Path out = Files.createDirectories(t.scratch().resolve("drill"));
        DrDrill.Result r;
        try {
            r = drill.run(url, out, t.bounds().seconds());
        } catch (DrDrill.Unavailable e) {
            t.skip(e.getMessage());
            return;
        } catch (Exception e) {
            t.abort("the drill failed: " + e.getMessage());
            return;
        }
        t.measure("rpo_seconds", String.format(Locale.ROOT, "%.3f", r.rpoSeconds()));
        t.measure("rto_seconds", String.format(Locale.ROOT, "%.3f", r.rtoSeconds()));
        t.measure("events_lost", r.eventsLost());
        t.measure("verified", r.verified());
        t.measure("drill_report", t.scratch().relativize(r.report()));
        if (!r.verified()) {
            t.abort("the restored log did not verify");
        }
        t.check(Phase.AFTER, "restored service verified", r.verified(), "verified " + r.verified());
        t.check(Phase.AFTER, "RPO within " + (long) RPO_TARGET_SECONDS + " s", r.rpoSeconds() <= RPO_TARGET_SECONDS,
                String.format(Locale.ROOT, "%.3f s, %d events lost", r.rpoSeconds(), r.eventsLost()));
        t.check(Phase.AFTER, "RTO within " + (long) RTO_TARGET_SECONDS + " s", r.rtoSeconds() <= RTO_TARGET_SECONDS,
                String.format(Locale.ROOT, "%.3f s", r.rtoSeconds()));
    }
}

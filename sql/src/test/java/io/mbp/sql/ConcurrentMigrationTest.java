package io.mbp.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.mbp.sql.testing.EveryEngine;
import io.mbp.sql.testing.TestDatabase;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Processes that open one database together (a daemon restarting on a new jar while cron starts a job,
 * sharded daemons on a fresh file) each migrate it: every one of them must succeed, and every migration
 * must be applied once. Separate connections in one JVM lock an H2 or SQLite file against each other as
 * separate processes do.
 */
class ConcurrentMigrationTest {
    private static final int OPENERS = 4;

    @EveryEngine
    void openersOfAFreshDatabaseAllSucceedAndEachMigrationIsAppliedOnce(TestDatabase engine) throws Exception {
        assertEveryOpenerSucceeds(engine.url(), Migrations.ALL.stream().map(Migration::version).toList());
    }

    @EveryEngine
    void openersOfAnOlderDatabaseAllSucceedAndEachPendingMigrationIsAppliedOnce(TestDatabase engine) throws Exception {
        int older = Migrations.ALL.get(Migrations.ALL.size() / 2).version();
        try (Database db = Database.open(engine.url())) {
            new Migrator(db.connection(), db.engine()).migrateUpTo(older);
            db.connection().commit();
        }
        assertEveryOpenerSucceeds(engine.url(),
                Migrations.ALL.stream().map(Migration::version).filter(v -> v > older).toList());
    }

    private static void assertEveryOpenerSucceeds(String url, List<Integer> pending) throws Exception {
        CyclicBarrier start = new CyclicBarrier(OPENERS);
        ExecutorService pool = Executors.newFixedThreadPool(OPENERS);
        List<Future<List<Integer>>> openers = new ArrayList<>();
        try {
            for (int i = 0; i < OPENERS; i++) {
                openers.add(pool.submit(() -> {
                    try (Database db = Database.open(url)) {
                        start.await(30, TimeUnit.SECONDS);
                        return db.migrate().applied();
                    }
                }));
            }
            List<Integer> appliedByAll = new ArrayList<>();
            for (Future<List<Integer>> opener : openers) {
                appliedByAll.addAll(opener.get(120, TimeUnit.SECONDS)); // throws if that opener failed
            }
            appliedByAll.sort(null);
            assertEquals(pending, appliedByAll, "each pending migration applied by exactly one opener");
        } finally {
            pool.shutdownNow();
        }
        try (Database db = Database.open(url);
             Statement st = db.connection().createStatement();
             ResultSet rs = st.executeQuery("SELECT COUNT(*), COUNT(DISTINCT version), MAX(version) FROM schema_version")) {
            rs.next();
            assertEquals(Migrations.ALL.size(), rs.getInt(1));
            assertEquals(Migrations.ALL.size(), rs.getInt(2));
            assertEquals(Migrations.latestVersion(), rs.getInt(3));
            db.connection().commit();
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
        try (Database db = Database.open(url)) {
            assertEquals(List.of(), db.migrate().applied(), "a later opener finds nothing to do");
        }
    }
}

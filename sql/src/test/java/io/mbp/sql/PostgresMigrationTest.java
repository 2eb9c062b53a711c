package io.mbp.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.mbp.sql.testing.PostgresServer;
import io.mbp.sql.testing.TestDatabase;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Several processes (sharded daemons, a nightly) may open a fresh PostgreSQL database at the same moment:
 * exactly one applies the migrations, the others wait for it and find the schema current.
 */
class PostgresMigrationTest {
    @Test
    void concurrentFirstOpensMigrateOnceAndAllSucceed() throws Exception {
        PostgresServer.urlOrSkip();
        int openers = 4;
        for (int round = 0; round < 3; round++) {
            try (TestDatabase pg = new TestDatabase(Engine.POSTGRESQL)) {
                String url = pg.url();
                CyclicBarrier start = new CyclicBarrier(openers);
                ExecutorService pool = Executors.newFixedThreadPool(openers);
                try {
                    List<Future<MigrationResult>> results = new ArrayList<>();
                    for (int i = 0; i < openers; i++) {
                        Callable<MigrationResult> open = () -> {
                            try (Database db = Database.open(url)) {
                                start.await(10, TimeUnit.SECONDS);
                                return db.migrate();
                            }
                        };
                        results.add(pool.submit(open));
                    }
                    int applied = 0;
                    for (Future<MigrationResult> r : results) {
                        MigrationResult m = r.get(60, TimeUnit.SECONDS);
                        assertEquals(Migrations.latestVersion(), m.schemaVersion());
                        applied += m.applied().size();
                    }
                    assertEquals(Migrations.ALL.size(), applied, "each migration applied once, by one opener");
                } finally {
                    pool.shutdownNow();
                }
            }
        }
    }
}

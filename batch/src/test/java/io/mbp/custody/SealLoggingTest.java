package io.mbp.custody;

import io.mbp.sql.testing.EveryEngine;
import io.mbp.sql.testing.TestDatabase;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mbp.sql.Database;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HexFormat;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.WriterAppender;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.layout.PatternLayout;
import org.junit.jupiter.api.io.TempDir;

/** Seal says at info what it sealed (size, root, key id) and never the key. */
class SealLoggingTest {
    @TempDir
    Path tmp;

    @EveryEngine
    void sealLogsSizeRootAndKeyIdButNoSecret(TestDatabase engine) {
        StringWriter lines = new StringWriter();
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        WriterAppender appender = WriterAppender.newBuilder().setName("seal-capture").setTarget(lines)
                .setLayout(PatternLayout.newBuilder().withPattern("%-5level %c{1} - %msg%n").build()).build();
        appender.start();
        LoggerConfig root = context.getConfiguration().getRootLogger();
        Level previous = root.getLevel();
        root.addAppender(appender, Level.INFO, null);
        root.setLevel(Level.INFO);
        context.updateLoggers();
        try (Database db = Database.openMigrated(engine.url())) {
            SealServiceTest.append(db, 0, 5);
            StoredCheckpoint cp = new SealService(db, Clock.systemUTC()).seal(SealServiceTest.SIGNER).checkpoint();
            StoredCheckpoint next = new SealService(db, Clock.systemUTC()).seal(SealServiceTest.SIGNER).checkpoint();
            String log = lines.toString();
            assertTrue(log.contains("INFO  SealService - sealed checkpoint #" + cp.id() + ": size 5, root " + cp.rootHex()
                    + ", key mbp.example/log (" + cp.keyId() + ")"), log);
            assertTrue(log.contains("sealed checkpoint #" + next.id() + ": size 6, root " + next.rootHex()), log);
            assertTrue(log.contains("previous size 5"), log);
            assertFalse(log.contains(HexFormat.of().formatHex(new byte[] {1, 2, 3, 4, 5, 6, 7, 8})), "the key seed leaked: " + log);
        } finally {
            root.removeAppender(appender.getName());
            root.setLevel(previous);
            context.updateLoggers();
            appender.stop();
        }
    }
}

package io.mbp.custody;

import io.mbp.sql.testing.EveryEngine;
import io.mbp.sql.testing.TestDatabase;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mbp.error.BadInputException;
import io.mbp.events.EventLog;
import io.mbp.sql.Database;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyStoreTest {
    static final char[] PASS = "correct horse".toCharArray();
    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    @TempDir
    Path tmp;

    @EveryEngine
    void initLogsTheKeyEncryptsItAndUnlocksOnlyWithThePassphrase(TestDatabase engine) throws Exception {
        KeyStore store = new KeyStore(tmp.resolve("keys/operator-keys.json"));
        try (Database db = Database.openMigrated(engine.url())) {
            OperatorKey k = new KeyService(db, store, Clock.fixed(T0, ZoneOffset.UTC)).init("mbp.example/log", PASS);
            assertEquals(1, new EventLog(db).size());
            assertEquals("KeyCreated", new EventLog(db).get(0).type());
            String file = Files.readString(store.file(), StandardCharsets.UTF_8);
            assertFalse(file.contains("PRIVATE"), "no plain private key in the file");
            NoteSigner s = store.unlock(PASS);
            assertEquals(k.keyId(), s.verifier().keyIdHex());
            BadInputException wrong = assertThrows(BadInputException.class, () -> store.unlock("nope".toCharArray()));
            assertTrue(wrong.getMessage().contains("passphrase"));
            assertThrows(BadInputException.class, () -> new KeyService(db, store, Clock.systemUTC()).init("x", PASS));
        }
    }

    @EveryEngine
    void rotationRetiresTheOldKeyKeepingItsPublicHalf(TestDatabase engine) {
        KeyStore store = new KeyStore(tmp.resolve("k.json"));
        try (Database db = Database.openMigrated(engine.url())) {
            OperatorKey first = new KeyService(db, store, Clock.fixed(T0, ZoneOffset.UTC)).init("mbp.example/log", PASS);
            List<OperatorKey> r = new KeyService(db, store, Clock.fixed(T0.plus(Duration.ofDays(100)), ZoneOffset.UTC)).rotate(PASS);
            assertEquals(first.keyId(), r.get(0).keyId());
            assertEquals(OperatorKey.RETIRED, r.get(0).status());
            assertNull(r.get(0).privateKey());
            List<OperatorKey> all = store.keys();
            assertEquals(2, all.size());
            assertEquals(2, store.verifiers().size());
            assertEquals(r.get(1).keyId(), store.unlock(PASS).verifier().keyIdHex());
            assertEquals(List.of("KeyCreated", "KeyRetired", "KeyCreated"),
                    List.of(new EventLog(db).get(0).type(), new EventLog(db).get(1).type(), new EventLog(db).get(2).type()));
        }
    }

    @Test
    void warnsFromEightyDaysAndSaysRefusedPastNinety() {
        KeyStore store = new KeyStore(tmp.resolve("k.json"));
        store.write(store.planInit("mbp.example/log", PASS, T0));
        assertTrue(store.ageWarning(T0.plus(Duration.ofDays(79))).isEmpty());
        String due = store.ageWarning(T0.plus(Duration.ofDays(80))).orElseThrow();
        assertTrue(due.contains("80 days") && due.contains("refused after 90"), due);
        String stale = store.ageWarning(T0.plus(Duration.ofDays(91))).orElseThrow();
        assertTrue(stale.contains("91 days") && stale.contains("--allow-stale-key"), stale);
    }

    @EveryEngine
    void theKeyFileAndItsNewFolderAreTheOwnersOnly(TestDatabase engine) throws Exception {
        assumePosix();
        KeyStore store = new KeyStore(tmp.resolve("new-dir/keys.json"));
        try (Database db = Database.openMigrated(engine.url())) {
            new KeyService(db, store, Clock.fixed(T0, ZoneOffset.UTC)).init("mbp.example/log", PASS);
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(store.file())));
            assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(store.file().getParent())));
            new KeyService(db, store, Clock.fixed(T0.plus(Duration.ofDays(1)), ZoneOffset.UTC)).rotate(PASS);
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(store.file())));
        }
    }

    @Test
    void aKeyFileThatGroupOrOthersCanReadIsRefusedNamingItsModeAndTheFix() throws Exception {
        assumePosix();
        KeyStore store = new KeyStore(tmp.resolve("k.json"));
        store.write(store.planInit("mbp.example/log", PASS, T0));
        for (String mode : List.of("rw-r--r--", "rw-r-----", "rw------x", "rw----rw-", "rw--w----")) {
            Files.setPosixFilePermissions(store.file(), PosixFilePermissions.fromString(mode));
            BadInputException e = assertThrows(BadInputException.class, () -> store.unlock(PASS), mode);
            assertTrue(e.getMessage().contains(store.file().toString()) && e.getMessage().contains("chmod 600 " + store.file())
                    && e.getMessage().contains(mode), e.getMessage());
            assertEquals(4, e.exitCode());
        }
        Files.setPosixFilePermissions(store.file(), PosixFilePermissions.fromString("rw-r--r--"));
        assertTrue(assertThrows(BadInputException.class, store::keys).getMessage().contains("mode 0644"));
        Files.setPosixFilePermissions(store.file(), PosixFilePermissions.fromString("r--------"));
        assertEquals(1, store.keys().size());
    }

    static void assumePosix() {
        Assumptions.assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"), "a POSIX file system");
    }
}

package io.mbp.custody;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mbp.error.BadInputException;
import io.mbp.events.EventLog;
import io.mbp.sql.Database;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyStoreTest {
    static final char[] PASS = "correct horse".toCharArray();
    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    @TempDir
    Path tmp;

    @Test
    void initLogsTheKeyEncryptsItAndUnlocksOnlyWithThePassphrase() throws Exception {
        KeyStore store = new KeyStore(tmp.resolve("keys/operator-keys.json"));
        try (Database db = Database.openMigrated("jdbc:h2:file:" + tmp.resolve("db").toAbsolutePath())) {
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

    @Test
    void rotationRetiresTheOldKeyKeepingItsPublicHalf() {
        KeyStore store = new KeyStore(tmp.resolve("k.json"));
        try (Database db = Database.openMigrated("jdbc:sqlite:" + tmp.resolve("db.sqlite").toAbsolutePath())) {
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
    void warnsWhenTheActiveKeyIsOlderThanNinetyDays() {
        KeyStore store = new KeyStore(tmp.resolve("k.json"));
        store.write(store.planInit("mbp.example/log", PASS, T0));
        assertTrue(store.ageWarning(T0.plus(Duration.ofDays(90))).isEmpty());
        assertTrue(store.ageWarning(T0.plus(Duration.ofDays(91))).orElseThrow().contains("91 days"));
    }
}

package io.mbp.privacy;

import io.mbp.sql.testing.EveryEngine;
import io.mbp.sql.testing.TestDatabase;
import static io.mbp.sql.schema.Tables.EVENTS;
import static io.mbp.sql.schema.Tables.PRIVACY_DEKS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mbp.error.BadInputException;
import io.mbp.error.VerificationFailedException;
import io.mbp.events.EventLog;
import io.mbp.sql.Database;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The vault on real H2 and SQLite files: envelopes, references, audit, KEK rotation, crypto-shredding. */
class VaultTest {
    static final char[] PASS = "vault test passphrase".toCharArray();
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-27T12:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path tmp;


    static Database open(TestDatabase engine) {
        return Database.openMigrated(engine.url());
    }

    record Stored(String subject, String field, String clear, String envelope) {
    }

    /** Subjects with random fields (unicode included), encrypted. */
    static List<Stored> populate(Database db, Vault vault, int subjects, long seed) {
        Random rnd = new Random(seed);
        List<Stored> out = new ArrayList<>();
        db.inTransaction(dsl -> {
            for (int i = 0; i < subjects; i++) {
                String subject = vault.createSubject(dsl, "acct-" + seed + "-" + i).subject();
                for (String field : List.of("full_name", "cpf", "pix_key")) {
                    String clear = field + "-" + Long.toHexString(rnd.nextLong()) + "-José Ñandú ✓ " + i;
                    out.add(new Stored(subject, field, clear, vault.encrypt(dsl, subject, field, clear).text()));
                }
                vault.recordEncrypted(dsl, subject, List.of("full_name", "cpf", "pix_key"), "test");
            }
            return null;
        });
        return out;
    }

    static String open(Database db, Vault vault, Stored s) {
        return db.inTransaction(dsl -> vault.decrypt(dsl, s.subject(), s.field(), s.envelope(), "tester", "unit test"));
    }

    @EveryEngine
    void envelopesRoundTripAndCarryNoClearText(TestDatabase engine) {
        try (Database db = open(engine)) {
            Vault vault = new Vault(LocalKekFile.create(tmp.resolve("kek.json"), PASS, CLOCK.instant()), CLOCK);
            List<Stored> stored = populate(db, vault, 5, 1);
            for (Stored s : stored) {
                assertFalse(s.envelope().contains(s.clear()));
                Envelope e = Envelope.parse(s.envelope());
                assertEquals(s.envelope(), e.text());
                assertTrue(e.kekId().startsWith("kek-"));
                assertEquals(1, e.dekVersion());
                assertEquals(s.clear(), open(db, vault, s));
            }
            // The same clear value encrypts differently each time (random nonce).
            Stored first = stored.get(0);
            String again = db.inTransaction(dsl -> vault.encrypt(dsl, first.subject(), first.field(), first.clear()).text());
            assertNotEquals(first.envelope(), again);
        }
    }

    @EveryEngine
    void aCiphertextMovedToAnotherFieldOrSubjectDoesNotOpen(TestDatabase engine) {
        try (Database db = open(engine)) {
            Vault vault = new Vault(LocalKekFile.create(tmp.resolve("kek.json"), PASS, CLOCK.instant()), CLOCK);
            List<Stored> stored = populate(db, vault, 2, 2);
            Stored cpf = stored.get(1);
            Stored otherSubject = stored.get(4);
            assertThrows(VerificationFailedException.class, () -> open(db, vault,
                    new Stored(cpf.subject(), "pix_key", cpf.clear(), cpf.envelope())));
            assertThrows(VerificationFailedException.class, () -> open(db, vault,
                    new Stored(otherSubject.subject(), cpf.field(), cpf.clear(), cpf.envelope())));
            Envelope e = Envelope.parse(cpf.envelope());
            byte[] body = e.body();
            body[body.length - 1] ^= 1;
            String flipped = new Envelope(e.kekId(), e.dekId(), e.dekVersion(), body).text();
            assertThrows(VerificationFailedException.class, () -> open(db, vault,
                    new Stored(cpf.subject(), cpf.field(), cpf.clear(), flipped)));
        }
    }

    @EveryEngine
    void everyDecryptionIsAnAuditEventWithoutTheValue(TestDatabase engine) {
        try (Database db = open(engine)) {
            Vault vault = new Vault(LocalKekFile.create(tmp.resolve("kek.json"), PASS, CLOCK.instant()), CLOCK);
            Stored s = populate(db, vault, 1, 3).get(1);
            long before = new EventLog(db).size();
            open(db, vault, s);
            assertEquals(before + 1, new EventLog(db).size());
            var last = new EventLog(db).get(before);
            assertEquals("FieldDecrypted", last.type());
            assertEquals("{\"actor\":\"tester\",\"field\":\"cpf\",\"purpose\":\"unit test\",\"subject\":\"" + s.subject() + "\"}",
                    last.payload());
        }
    }

    @EveryEngine
    void referencesAreStableKeyedAndSurviveRotation(TestDatabase engine) {
        try (Database db = open(engine)) {
            LocalKekFile kek = LocalKekFile.create(tmp.resolve("kek.json"), PASS, CLOCK.instant());
            Vault vault = new Vault(kek, CLOCK);
            String a = db.inTransaction(dsl -> vault.ref(dsl, "pix_key", "+5511987654321"));
            assertEquals(a, db.inTransaction(dsl -> vault.ref(dsl, "pix_key", "+5511987654321")));
            assertNotEquals(a, db.inTransaction(dsl -> vault.ref(dsl, "pix_key", "+5511987654322")));
            assertNotEquals(a, db.inTransaction(dsl -> vault.ref(dsl, "cpf", "+5511987654321")));
            assertTrue(a.matches("pix_key-[0-9a-f]{32}"), a);
            vault.rotateKek(db);
            Vault reopened = new Vault(LocalKekFile.open(tmp.resolve("kek.json"), PASS), CLOCK);
            assertEquals(a, db.inTransaction(dsl -> reopened.ref(dsl, "pix_key", "+5511987654321")));
            // Another vault (another secret) gives another reference: it is keyed, not a plain hash.
            Path other = tmp.resolve("other");
            try (Database db2 = Database.openMigrated("jdbc:h2:file:" + other.toAbsolutePath())) {
                Vault v2 = new Vault(LocalKekFile.create(tmp.resolve("kek2.json"), PASS, CLOCK.instant()), CLOCK);
                assertNotEquals(a, db2.inTransaction(dsl -> v2.ref(dsl, "pix_key", "+5511987654321")));
            }
        }
    }

    @EveryEngine
    void kekRotationRewrapsKeysOnlyAndEveryCiphertextStaysReadable(TestDatabase engine) throws Exception {
        Path file = tmp.resolve("kek.json");
        try (Database db = open(engine)) {
            Vault vault = new Vault(LocalKekFile.create(file, PASS, CLOCK.instant()), CLOCK);
            List<Stored> stored = populate(db, vault, 6, 4);
            db.inTransaction(dsl -> vault.ref(dsl, "cpf", "52998224725"));
            Map<String, String> wrappedBefore = wrapped(db);
            for (int round = 2; round <= 3; round++) {
                Vault.Rotation r = vault.rotateKek(db);
                assertEquals(round, r.to().version());
                assertEquals(6 + 1, r.rewrapped());
            }
            Map<String, String> wrappedAfter = wrapped(db);
            assertEquals(wrappedBefore.keySet(), wrappedAfter.keySet());
            wrappedBefore.forEach((k, v) -> assertNotEquals(v, wrappedAfter.get(k)));
            assertEquals(List.of(3), db.read(dsl -> dsl.selectDistinct(PRIVACY_DEKS.KEK_VERSION).from(PRIVACY_DEKS)
                    .fetch(PRIVACY_DEKS.KEK_VERSION)));
            // A fresh process with only the key file and the passphrase reads everything.
            LocalKekFile reopened = LocalKekFile.open(file, PASS);
            assertEquals(3, reopened.active().version());
            assertNull(reopened.versions().get(0).sealed(), "retired KEK versions keep no key material");
            assertNull(reopened.versions().get(1).sealed());
            Vault fresh = new Vault(reopened, CLOCK);
            for (Stored s : stored) {
                assertEquals(s.clear(), open(db, fresh, s));
            }
            assertEquals(2, (int) db.read(dsl -> dsl.fetchCount(EVENTS, EVENTS.TYPE.eq("KekRotated"))));
            assertFalse(Files.readString(file).contains("\"status\" : \"retiring\""));
        }
    }

    @EveryEngine
    void shreddingMakesOneSubjectUnreadableAndLeavesTheOthers(TestDatabase engine) {
        try (Database db = open(engine)) {
            Vault vault = new Vault(LocalKekFile.create(tmp.resolve("kek.json"), PASS, CLOCK.instant()), CLOCK);
            List<Stored> stored = populate(db, vault, 4, 5);
            String victim = stored.get(0).subject();
            long sizeBefore = new EventLog(db).size();
            List<String> leavesBefore = leaves(db);
            db.inTransaction(dsl -> vault.destroy(dsl, victim, "erasure request", "tester"));
            assertEquals(sizeBefore + 1, new EventLog(db).size(), "the log only grows");
            // The victim's ciphertext stays in the log byte for byte, so every Merkle leaf (and proof) is unchanged.
            assertEquals(leavesBefore, leaves(db).subList(0, (int) sizeBefore));
            List<String> recomputed = new ArrayList<>();
            new EventLog(db).forEach(0, sizeBefore - 1, e -> recomputed.add(java.util.HexFormat.of().formatHex(e.computeLeafHash())));
            assertEquals(leavesBefore, recomputed);
            assertEquals("DekDestroyed", new EventLog(db).get(sizeBefore).type());
            assertEquals(0, (int) db.read(dsl -> dsl.fetchCount(PRIVACY_DEKS, PRIVACY_DEKS.SUBJECT.eq(victim))));
            for (Stored s : stored) {
                if (s.subject().equals(victim)) {
                    assertThrows(SubjectErasedException.class, () -> open(db, vault, s));
                    assertThrows(SubjectErasedException.class,
                            () -> db.inTransaction(dsl -> vault.encrypt(dsl, s.subject(), "cpf", "x")));
                } else {
                    assertEquals(s.clear(), open(db, vault, s));
                }
            }
            assertFalse((boolean) db.read(dsl -> vault.readable(dsl, victim)));
            assertThrows(BadInputException.class, () -> db.inTransaction(dsl -> vault.destroy(dsl, victim, "again", "tester")));
            // Rotation after shredding leaves the shredded subject shredded.
            vault.rotateKek(db);
            assertThrows(SubjectErasedException.class, () -> open(db, vault, stored.get(0)));
        }
    }

    @Test
    void aWrongPassphraseDoesNotOpenTheKeyFile() {
        Path file = tmp.resolve("kek.json");
        LocalKekFile.create(file, PASS, CLOCK.instant());
        BadInputException e = assertThrows(BadInputException.class, () -> LocalKekFile.open(file, "nope".toCharArray()));
        assertTrue(e.getMessage().contains("MBP_VAULT_PASSPHRASE"), e.getMessage());
        assertThrows(BadInputException.class, () -> LocalKekFile.create(file, PASS, CLOCK.instant()));
    }

    private static List<String> leaves(Database db) {
        return db.read(dsl -> dsl.select(EVENTS.LEAF_HASH).from(EVENTS).orderBy(EVENTS.SEQ).fetch(EVENTS.LEAF_HASH));
    }

    private static Map<String, String> wrapped(Database db) {
        Map<String, String> m = new LinkedHashMap<>();
        db.read(dsl -> dsl.select(PRIVACY_DEKS.DEK_ID, PRIVACY_DEKS.WRAPPED).from(PRIVACY_DEKS).fetch())
                .forEach(r -> m.put(r.value1(), r.value2()));
        return m;
    }
}

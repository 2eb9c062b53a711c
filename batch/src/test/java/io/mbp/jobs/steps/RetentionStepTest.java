package io.mbp.jobs.steps;

import io.mbp.sql.testing.EveryEngine;
import io.mbp.sql.testing.TestDatabase;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mbp.jobs.StepContext;
import io.mbp.jobs.StepOutcome;
import io.mbp.privacy.Envelope;
import io.mbp.privacy.LocalKekFile;
import io.mbp.privacy.SubjectArchivedException;
import io.mbp.privacy.SubjectErasedException;
import io.mbp.privacy.Vault;
import io.mbp.sql.Database;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;

/** The nightly retention step on a real H2 vault: cold after 12 months, shredded after 60 with the KEK rotated, idempotent. */
class RetentionStepTest {
    static final Instant CREATED = Instant.parse("2026-11-27T12:00:00Z");

    @TempDir
    Path tmp;

    StepOutcome run(Database db, String at, Map<String, String> env) {
        Clock clock = Clock.fixed(Instant.parse(at), ZoneOffset.UTC);
        return new RetentionStep(env::get).run(new StepContext(LocalDate.parse(at.substring(0, 10)), db, clock, Map.of(), n -> { }));
    }

    @EveryEngine
    void archivesThenShredsAndRotatesTheKekWhenItHasThePassphrase(TestDatabase engine) {
        Path kekFile = tmp.resolve("kek.json");
        Clock at = Clock.fixed(CREATED, ZoneOffset.UTC);
        Map<String, String> env = Map.of("MBP_KEK_FILE", kekFile.toString(), RetentionStep.PASSPHRASE_ENV, "pw");
        try (Database db = Database.openMigrated(engine.url())) {
            Vault vault = new Vault(LocalKekFile.create(kekFile, "pw".toCharArray(), CREATED), at);
            String[] made = db.inTransaction(dsl -> {
                String s = vault.createSubject(dsl, "acct-r").subject();
                return new String[] {s, vault.encrypt(dsl, s, "email", "someone@example.com").text()};
            });
            String subject = made[0];
            StepOutcome early = run(db, "2027-11-27T11:59:59Z", env);
            assertEquals(0, early.written(), early.message());
            StepOutcome cold = run(db, "2027-11-27T12:00:00Z", env);
            assertTrue(cold.message().contains("1 archived"), cold.message());
            assertThrows(SubjectArchivedException.class, () -> db.inTransaction(dsl -> vault.decrypt(dsl, subject, "email", made[1], "t", "t")));
            assertEquals("someone@example.com", db.inTransaction(dsl -> vault.decryptArchived(dsl, subject, "email", made[1], "t", "dsr")));
            assertEquals(0, run(db, "2027-12-01T00:00:00Z", env).written(), "a second night changes nothing");
            StepOutcome gone = run(db, "2031-11-27T12:00:00Z", env);
            assertTrue(gone.message().contains("1 shredded") && gone.message().contains("KEK rotated"), gone.message());
            assertEquals(2, LocalKekFile.open(kekFile, "pw".toCharArray()).active().version());
            assertThrows(SubjectErasedException.class, () -> db.inTransaction(dsl -> vault.decryptArchived(dsl, subject, "email", made[1],
                    "t", "dsr")));
            assertTrue(Envelope.looksLike(made[1]));
        }
    }

    @EveryEngine
    void withoutThePassphraseItShredsAndSaysTheKekWasNotRotated(TestDatabase engine) {
        Path kekFile = tmp.resolve("kek.json");
        try (Database db = Database.openMigrated(engine.url())) {
            Vault vault = new Vault(LocalKekFile.create(kekFile, "pw".toCharArray(), CREATED), Clock.fixed(CREATED, ZoneOffset.UTC));
            db.inTransaction(dsl -> vault.createSubject(dsl, "acct-s"));
            StepOutcome gone = run(db, "2032-01-01T00:00:00Z", Map.of("MBP_KEK_FILE", kekFile.toString()));
            assertTrue(gone.message().contains("1 shredded") && gone.message().contains("KEK NOT rotated"), gone.message());
            boolean readable = db.read(dsl -> vault.readable(dsl, Vault.subjectOf(dsl, "acct-s").orElseThrow()));
            assertFalse(readable);
        }
    }
}

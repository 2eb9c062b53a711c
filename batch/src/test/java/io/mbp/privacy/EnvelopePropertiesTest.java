package io.mbp.privacy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.mbp.error.VerificationFailedException;
import io.mbp.sql.Database;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.StringLength;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/** Envelope round trip for arbitrary text, and the header's binding, over one real H2 vault. */
class EnvelopePropertiesTest {
    static Database db;
    static Vault vault;
    static String subject;
    static String other;

    @BeforeContainer
    static void openVault() throws Exception {
        Path dir = Files.createTempDirectory("mbp-envelope");
        Clock clock = Clock.fixed(Instant.parse("2026-11-27T12:00:00Z"), ZoneOffset.UTC);
        db = Database.openMigrated("jdbc:h2:file:" + dir.resolve("db").toAbsolutePath());
        vault = new Vault(LocalKekFile.create(dir.resolve("kek.json"), "pw".toCharArray(), clock.instant()), clock);
        subject = db.inTransaction(dsl -> vault.createSubject(dsl, "acct-a").subject());
        other = db.inTransaction(dsl -> vault.createSubject(dsl, "acct-b").subject());
    }

    @AfterContainer
    static void close() {
        db.close();
    }

    @Property(tries = 300)
    void anyTextRoundTrips(@ForAll @StringLength(max = 300) String clear, @ForAll @AlphaChars @StringLength(min = 1, max = 20) String field) {
        String env = db.inTransaction(dsl -> vault.encrypt(dsl, subject, field, clear).text());
        assertEquals(env, Envelope.parse(env).text());
        assertEquals(clear, db.inTransaction(dsl -> vault.decrypt(dsl, subject, field, env, "prop", "round trip")));
    }

    @Property(tries = 100)
    void itOpensOnlyAsTheFieldAndSubjectItWasSealedFor(@ForAll @StringLength(max = 50) String clear) {
        String env = db.inTransaction(dsl -> vault.encrypt(dsl, subject, "cpf", clear).text());
        assertThrows(VerificationFailedException.class,
                () -> db.inTransaction(dsl -> vault.decrypt(dsl, subject, "email", env, "prop", "swap")));
        assertThrows(VerificationFailedException.class,
                () -> db.inTransaction(dsl -> vault.decrypt(dsl, other, "cpf", env, "prop", "swap")));
    }
}

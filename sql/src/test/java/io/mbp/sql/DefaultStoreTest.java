package io.mbp.sql;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mbp.error.ExitCodes;
import io.mbp.error.UsageException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded default is SQLite (ADR 0115), durable as ADR 0004 asks, and an old H2 default file is not silently ignored. */
class DefaultStoreTest {
    @TempDir
    Path tmp;

    @Test
    void theEmbeddedDefaultIsASqliteFileUnderData() {
        assertEquals(Engine.SQLITE, Engine.of(Database.DEFAULT_URL));
        assertTrue(Database.DEFAULT_URL.endsWith("./data/mbp.sqlite"), Database.DEFAULT_URL);
        assertEquals(Engine.H2, Engine.of(Database.FORMER_H2_DEFAULT_URL));
    }

    @Test
    void sqliteIsOpenedInWalModeWithAFullSyncAtEveryCommit() throws SQLException {
        try (Database db = Database.openMigrated("jdbc:sqlite:" + tmp.resolve("d.sqlite"))) {
            assertEquals("wal", pragma(db, "journal_mode"));
            assertEquals("2", pragma(db, "synchronous"), "synchronous=FULL: the commit is fsynced before the ack");
            assertEquals("10000", pragma(db, "busy_timeout"), "the daemon and the nightly queue on the file lock");
            assertEquals("-32768", pragma(db, "cache_size"));
        }
    }

    @Test
    void aFormerH2DefaultFileIsRefusedNamingTheUrlThatKeepsIt() throws Exception {
        Files.createDirectories(tmp.resolve("data"));
        Files.writeString(tmp.resolve("data/mbp.mv.db"), "not read");
        UsageException e = assertThrows(UsageException.class,
                () -> Database.refuseFormerDefaultFile(Database.DEFAULT_URL, tmp));
        assertEquals(ExitCodes.USAGE, e.exitCode());
        assertTrue(e.getMessage().contains("data/mbp.mv.db is an H2 database"), e.getMessage());
        assertTrue(e.getMessage().contains("--db '" + Database.FORMER_H2_DEFAULT_URL + "'"), e.getMessage());
        assertFalse(Files.exists(tmp.resolve("data/mbp.sqlite")), "nothing is created beside the H2 file");
        // An explicit URL, or an operator who already has the SQLite default too, is not stopped.
        assertDoesNotThrow(() -> Database.refuseFormerDefaultFile(Database.FORMER_H2_DEFAULT_URL, tmp));
        assertDoesNotThrow(() -> Database.refuseFormerDefaultFile("jdbc:sqlite:./data/other.sqlite", tmp));
        Files.writeString(tmp.resolve("data/mbp.sqlite"), "");
        assertDoesNotThrow(() -> Database.refuseFormerDefaultFile(Database.DEFAULT_URL, tmp));
    }

    @Test
    void withoutAnH2FileTheDefaultOpens() {
        assertDoesNotThrow(() -> Database.refuseFormerDefaultFile(Database.DEFAULT_URL, tmp));
    }

    private static String pragma(Database db, String name) throws SQLException {
        try (Statement st = db.connection().createStatement(); ResultSet rs = st.executeQuery("PRAGMA " + name)) {
            rs.next();
            return rs.getString(1);
        }
    }
}

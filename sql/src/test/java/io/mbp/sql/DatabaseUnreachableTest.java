package io.mbp.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mbp.error.ExitCodes;
import io.mbp.error.InfrastructureException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.h2.tools.Server;
import org.jooq.exception.DataAccessException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A database that cannot be reached is infrastructure (exit 5), whichever call finds out. */
class DatabaseUnreachableTest {
    @TempDir
    Path tmp;

    @Test
    void aConnectionLostMidRunIsUnreachableNotABug() throws Exception {
        Server server = Server.createTcpServer("-tcpPort", "0", "-ifNotExists", "-baseDir", tmp.toString()).start();
        String url = "jdbc:h2:tcp://127.0.0.1:" + server.getPort() + "/lost";
        try (Database db = Database.openMigrated(url)) {
            server.stop(); // the database server goes away under a running command
            InfrastructureException e = assertThrows(InfrastructureException.class,
                    () -> db.read(dsl -> dsl.selectOne().fetch()));
            assertEquals(ExitCodes.UNREACHABLE, e.exitCode());
            assertTrue(e.getMessage().startsWith("database unreachable: lost the connection to " + url), e.getMessage());
            assertTrue(e.getCause() instanceof DataAccessException, String.valueOf(e.getCause()));
        } finally {
            server.stop();
        }
    }

    @Test
    void aClosedPortIsUnreachable() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        String url = "jdbc:postgresql://127.0.0.1:" + port + "/x";
        InfrastructureException e = assertThrows(InfrastructureException.class, () -> Database.open(url));
        assertEquals(ExitCodes.UNREACHABLE, e.exitCode());
        assertTrue(Database.isConnectionFailure(e.getCause()), String.valueOf(e.getCause()));
    }

    @Test
    void aStatementErrorIsNotAConnectionFailure() throws Exception {
        try (Database db = Database.openMigrated("jdbc:h2:file:" + tmp.resolve("bad-sql").toAbsolutePath())) {
            DataAccessException e = assertThrows(DataAccessException.class,
                    () -> db.read(dsl -> dsl.fetch("SELECT * FROM no_such_table")));
            assertFalse(Database.isConnectionFailure(e), e.toString());
        }
    }

    @Test
    void anH2PathUnderAFileIsRefusedWithOneLine() throws Exception {
        Path notAFolder = Files.writeString(tmp.resolve("plain-file"), "x");
        String url = "jdbc:h2:file:" + notAFolder.resolve("db").toAbsolutePath();
        InfrastructureException e = assertThrows(InfrastructureException.class, () -> Database.open(url));
        assertEquals(ExitCodes.UNREACHABLE, e.exitCode());
        assertTrue(e.getMessage().contains("cannot create the folder for " + url), e.getMessage());
    }
}

package io.mbp.cli;

import io.mbp.cli.testing.Cli;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An unreachable database exits 5 (infrastructure) with one clear line, not 1 with a stack trace. */
class DatabaseUnreachableCliTest {
    @TempDir
    Path tmp;

    @Test
    void aClosedPostgresPortExits5() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        Cli.Run r = Cli.mbp("--db", "jdbc:postgresql://127.0.0.1:" + port + "/x", "events", "stats");
        assertEquals(5, r.code(), r.err());
        assertTrue(r.err().startsWith("mbp: error: cannot open database jdbc:postgresql://127.0.0.1:" + port + "/x"), r.err());
        assertTrue(r.err().contains("refused"), r.err());
        assertTrue(r.err().strip().endsWith("without AUTO_SERVER) (--db or MBP_DB)"), r.err());
        assertFalse(r.err().contains("\tat "), r.err());
    }

    @Test
    void anH2FileOnAPathThatCannotExistExits5() throws Exception {
        Path notAFolder = Files.writeString(tmp.resolve("plain-file"), "x");
        String url = "jdbc:h2:file:" + notAFolder.resolve("db").toAbsolutePath();
        Cli.Run r = Cli.mbp("--db", url, "events", "stats");
        assertEquals(5, r.code(), r.err());
        assertTrue(r.err().startsWith("mbp: error: database unreachable: cannot create the folder for " + url), r.err());
        assertFalse(r.err().contains("\tat "), r.err());
    }
}

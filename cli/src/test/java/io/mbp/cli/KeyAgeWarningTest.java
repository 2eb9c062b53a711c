package io.mbp.cli;

import io.mbp.cli.testing.Cli;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mbp.custody.KeyStore;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 3: every command warns, once, when the active operator key is older than 90 days. */
class KeyAgeWarningTest {
    @TempDir
    Path tmp;

    @Test
    void commandsWarnOnceAboutAnOldKeyAndNotAboutAFreshOne() {
        Path old = tmp.resolve("old-keys.json");
        KeyStore oldStore = new KeyStore(old);
        oldStore.write(oldStore.planInit("mbp.example/log", "pw".toCharArray(), Instant.now().minus(Duration.ofDays(100))));
        Path fresh = tmp.resolve("fresh-keys.json");
        KeyStore freshStore = new KeyStore(fresh);
        freshStore.write(freshStore.planInit("mbp.example/log", "pw".toCharArray(), Instant.now().minus(Duration.ofDays(10))));

        Cli.Run list = Cli.mbp("keys", "list", "--keyfile", old.toString());
        assertEquals(0, list.code(), list.err());
        assertEquals(1, list.err().split("days old", -1).length - 1, "exactly one warning: " + list.err());
        assertTrue(list.err().contains("mbp keys rotate"), list.err());

        Cli.Run export = Cli.mbp("keys", "export-public", "--keyfile", old.toString(),
                "--out", tmp.resolve("pub").toString());
        assertEquals(0, export.code(), export.err());
        assertTrue(export.err().contains("days old"), "a command that does not sign warns too: " + export.err());

        Cli.Run ok = Cli.mbp("keys", "list", "--keyfile", fresh.toString());
        assertEquals(0, ok.code(), ok.err());
        assertFalse(ok.err().contains("days old"), ok.err());

        Cli.Run help = Cli.mbp("keys", "list", "--keyfile", old.toString(), "--help");
        assertFalse(help.err().contains("days old"), "no warning on --help");
    }
}

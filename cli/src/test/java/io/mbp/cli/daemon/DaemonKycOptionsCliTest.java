package io.mbp.cli.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mbp.cli.custody.Secrets;
import io.mbp.cli.testing.Cli;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `mbp daemon`'s KYC settings are checked before it listens: exit 2 or 4 naming the setting, never echoing a secret. */
class DaemonKycOptionsCliTest {
    @TempDir
    Path tmp;

    private final Map<String, String> env = new HashMap<>();

    @AfterEach
    void reset() {
        Secrets.useEnvironment(null);
    }

    private Cli.Run run(String... args) {
        Secrets.useEnvironment(env::get);
        return Cli.mbpOn("jdbc:h2:file:" + tmp.resolve("mbp").toAbsolutePath(), args);
    }

    @Test
    void aShortCallbackSecretIsAUsageErrorThatDoesNotRepeatIt() {
        env.put("MBP_KYC_CALLBACK_SECRET", "hunter2-too-short");
        Cli.Run r = run("daemon", "--port", "0");
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("MBP_KYC_CALLBACK_SECRET") && r.err().contains("32 bytes"), r.err());
        assertFalse(r.err().contains("hunter2"), r.err());
    }

    @Test
    void aVaultPassphraseWithoutAKeyFileRefusesToStart() {
        env.put("MBP_VAULT_PASSPHRASE", "some passphrase");
        Path missing = tmp.resolve("keys/nope.json");
        Cli.Run r = run("daemon", "--port", "0", "--kek-file", missing.toString());
        assertEquals(4, r.code(), r.err());
        assertTrue(r.err().contains(missing.toString()), r.err());
        assertFalse(r.out().contains("listening"), r.out());
    }

    @Test
    void aNonPositiveProviderTimeoutIsAUsageError() {
        Cli.Run r = run("daemon", "--port", "0", "--kyc-provider", "http://127.0.0.1:9", "--kyc-provider-timeout", "0");
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("--kyc-provider-timeout"), r.err());
    }
}

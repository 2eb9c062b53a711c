package io.mbp.cli.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mbp.cli.Main;
import io.mbp.cli.custody.Secrets;
import java.io.PrintWriter;
import java.io.StringWriter;
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

    private String[] run(String... args) {
        Secrets.useEnvironment(env::get);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        String[] all = new String[args.length + 2];
        all[0] = "--db";
        all[1] = "jdbc:h2:file:" + tmp.resolve("mbp").toAbsolutePath();
        System.arraycopy(args, 0, all, 2, args.length);
        int code = Main.run(all, new PrintWriter(out), new PrintWriter(err));
        return new String[] {Integer.toString(code), out.toString(), err.toString()};
    }

    @Test
    void aShortCallbackSecretIsAUsageErrorThatDoesNotRepeatIt() {
        env.put("MBP_KYC_CALLBACK_SECRET", "hunter2-too-short");
        String[] r = run("daemon", "--port", "0");
        assertEquals("2", r[0], r[2]);
        assertTrue(r[2].contains("MBP_KYC_CALLBACK_SECRET") && r[2].contains("32 bytes"), r[2]);
        assertFalse(r[2].contains("hunter2"), r[2]);
    }

    @Test
    void aVaultPassphraseWithoutAKeyFileRefusesToStart() {
        env.put("MBP_VAULT_PASSPHRASE", "some passphrase");
        Path missing = tmp.resolve("keys/nope.json");
        String[] r = run("daemon", "--port", "0", "--kek-file", missing.toString());
        assertEquals("4", r[0], r[2]);
        assertTrue(r[2].contains(missing.toString()), r[2]);
        assertFalse(r[1].contains("listening"), r[1]);
    }

    @Test
    void aNonPositiveProviderTimeoutIsAUsageError() {
        String[] r = run("daemon", "--port", "0", "--kyc-provider", "http://127.0.0.1:9", "--kyc-provider-timeout", "0");
        assertEquals("2", r[0], r[2]);
        assertTrue(r[2].contains("--kyc-provider-timeout"), r[2]);
    }
}

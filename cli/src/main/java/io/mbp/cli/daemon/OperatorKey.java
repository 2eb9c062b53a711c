package io.mbp.cli.daemon;

import io.mbp.apiclient.ApiKeyService;
import io.mbp.apiclient.Scope;
import io.mbp.privacy.KeyEncryptionKey;
import io.mbp.privacy.LocalKekFile;
import io.mbp.privacy.Vault;
import io.mbp.sql.Database;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.EnumSet;
import java.util.HexFormat;

/**
 * An admin API key for the in-process daemons of drills, benchmarks and tests: a throwaway vault key
 * (random passphrase, in a temp directory) and a key for client {@code operator} with every scope.
 * The key's secret lives only in memory and, wrapped, in the database it was made for.
 */
public record OperatorKey(KeyEncryptionKey kek, String keyId, String secret) {
    public static final String CLIENT = "operator";

    /** A fresh vault key and an admin key in {@code dbUrl}'s database. */
    public static OperatorKey provision(String dbUrl, Clock clock) {
        try {
            Path dir = Files.createTempDirectory("mbp-api-keys");
            byte[] p = new byte[24];
            new SecureRandom().nextBytes(p);
            Path file = dir.resolve("vault-kek.json");
            LocalKekFile kek = LocalKekFile.create(file, HexFormat.of().formatHex(p).toCharArray(), clock.instant());
            // unlocked in memory now: the file is not needed again
            Files.deleteIfExists(file);
            Files.deleteIfExists(dir);
            return provision(dbUrl, kek, clock);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An admin key wrapped under an existing vault key. */
    public static OperatorKey provision(String dbUrl, KeyEncryptionKey kek, Clock clock) {
        try (Database db = Database.openMigrated(dbUrl)) {
            ApiKeyService.Issued k = new ApiKeyService(db, new Vault(kek, clock), clock)
                    .create(CLIENT, EnumSet.allOf(Scope.class), "operator-key");
            return new OperatorKey(kek, k.keyId(), k.secret());
        }
    }

    /**
     * For a daemon run as a process: a vault key file in {@code dir} with a random passphrase, and an
     * admin key wrapped under it; {@link ForProcess#env} hands both to `mbp daemon`.
     */
    public static ForProcess provisionFile(String dbUrl, Path dir, Clock clock) {
        byte[] p = new byte[24];
        new SecureRandom().nextBytes(p);
        String pass = HexFormat.of().formatHex(p);
        try {
            Path file = Files.createTempDirectory(Files.createDirectories(dir), "keys").resolve("vault-kek.json");
            LocalKekFile kek = LocalKekFile.create(file, pass.toCharArray(), clock.instant());
            return new ForProcess(provision(dbUrl, kek, clock), file, pass);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An admin key and the vault key file and passphrase a daemon process opens to verify it. */
    public record ForProcess(OperatorKey key, Path kekFile, String passphrase) {
        /** Puts $MBP_VAULT_PASSPHRASE and $MBP_KEK_FILE into a child process's environment. */
        public void env(java.util.Map<String, String> env) {
            env.put("MBP_VAULT_PASSPHRASE", passphrase);
            env.put("MBP_KEK_FILE", kekFile.toString());
        }

        @Override
        public String toString() {
            return "ForProcess[" + key + ", " + kekFile + "]";
        }
    }

    /** {@code o} with this key's vault key, so the daemon verifies it. */
    public Daemon.Options on(Daemon.Options o) {
        return o.withApiKeys(kek);
    }

    /** A client signing with this key against a daemon on 127.0.0.1:{@code port}. */
    public SigningClient client(int port, Clock clock) {
        return new SigningClient("http://127.0.0.1:" + port, keyId, secret, clock);
    }

    @Override
    public String toString() {
        return "OperatorKey[" + keyId + "]"; // never the secret
    }
}

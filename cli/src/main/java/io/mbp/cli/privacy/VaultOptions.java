package io.mbp.cli.privacy;

import io.mbp.cli.custody.Secrets;
import io.mbp.error.UsageException;
import io.mbp.privacy.LocalKekFile;
import io.mbp.privacy.Vault;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import picocli.CommandLine.Option;

/**
 * {@code --kek-file}, {@code --as} and {@code --now}, shared by every command that opens the vault.
 * The vault passphrase comes from $MBP_VAULT_PASSPHRASE or a terminal prompt, never from argv.
 */
public final class VaultOptions {
    public static final String PASSPHRASE_ENV = "MBP_VAULT_PASSPHRASE";

    @Option(names = "--kek-file", paramLabel = "FILE",
            description = "Vault key-encryption key file (default: $MBP_KEK_FILE, else data/keys/vault-kek.json).")
    Path kekFile;

    @Option(names = "--as", paramLabel = "NAME",
            description = "Who is acting, for the audit events (default: $MBP_OPERATOR, else the OS user).")
    String actor;

    @Option(names = "--now", paramLabel = "TS", hidden = false,
            description = "Act as of this UTC instant (tests, replays; default: the system clock).")
    String now;

    public Path kekPath() {
        if (kekFile != null) {
            return kekFile;
        }
        String env = Secrets.env("MBP_KEK_FILE");
        return env != null && !env.isBlank() ? Path.of(env) : LocalKekFile.DEFAULT_PATH;
    }

    public String actor() {
        if (actor != null && !actor.isBlank()) {
            return actor;
        }
        String env = Secrets.env("MBP_OPERATOR");
        return env != null && !env.isBlank() ? env : System.getProperty("user.name", "operator");
    }

    /**
     * The vault's clock: {@code base} (the command's clock) at millisecond precision, moved to
     * {@code --now} when given.
     */
    public Clock clock(Clock base) {
        Clock millis = Clock.tick(base, Duration.ofMillis(1));
        if (now == null) {
            return millis;
        }
        try {
            return Clock.offset(millis, Duration.between(base.instant(), Instant.parse(now)));
        } catch (DateTimeParseException e) {
            throw new UsageException("--now must be a UTC timestamp like 2026-11-27T20:00:00Z");
        }
    }

    public LocalKekFile openKek() {
        return LocalKekFile.open(kekPath(), passphrase("unlock the vault key", false));
    }

    public Vault vault(Clock clock) {
        return new Vault(openKek(), clock);
    }

    /**
     * The vault as $MBP_KEK_FILE (else the default path) and $MBP_VAULT_PASSPHRASE name it, for
     * commands that open it only when their input needs it (a clear PIX key to import, a payout by
     * reference: ADR 0703).
     */
    public static Vault fromEnvironment(Clock clock) {
        return new VaultOptions().vault(clock);
    }

    /** $MBP_VAULT_PASSPHRASE, else asked on the terminal (twice when {@code confirm}). */
    public static char[] passphrase(String purpose, boolean confirm) {
        return Secrets.passphrase(PASSPHRASE_ENV, "vault passphrase", purpose, confirm);
    }
}

package io.mbp.cli.custody;

import io.mbp.cli.CliClock;
import io.mbp.cli.CommandContext;
import io.mbp.custody.KeyAge;
import io.mbp.custody.KeyStore;
import io.mbp.custody.NoteSigner;
import io.mbp.custody.StaleKeyGuard;
import io.mbp.sql.Database;
import java.util.function.BiFunction;
import picocli.CommandLine.Option;

/**
 * {@code --allow-stale-key}: the explicit override of the 90-day key limit, for every command that
 * signs or anchors (docs/adr/0106). Unattended runs set $MBP_ALLOW_STALE_KEY=1 instead.
 */
public final class StaleKeyOption {
    @Option(names = StaleKeyGuard.OPTION,
            description = {"Sign or anchor even with a key older than 90 days: logged at WARN with the key id and age,",
                "and recorded in the event log (StaleKeyUsed). Cron: MBP_ALLOW_STALE_KEY=1. Rotate instead when you can."})
    boolean allow;

    /** Whether {@code --allow-stale-key} was on the command line. */
    public boolean given() {
        return allow;
    }

    /** The override given ({@code --allow-stale-key} or {@code MBP_ALLOW_STALE_KEY=1}), or null. */
    public String allowedBy() {
        return StaleKeyGuard.override(allow, Secrets::env);
    }

    /** Refuses a stale operator key before anything is asked or opened; see {@link #admit}. */
    public KeyAge checkOperator(KeyStore store, String purpose) {
        store.active();
        KeyAge age = store.age(CliClock.get().instant()).orElseThrow();
        StaleKeyGuard.requireAllowed(age, purpose, allowedBy());
        return age;
    }

    /**
     * Runs {@code work} on the database with the active operator key unlocked for {@code purpose}: a
     * stale key is refused before the passphrase is asked or the database opened.
     */
    public <T> T signing(KeyStore store, CommandContext ctx, String purpose, BiFunction<Database, NoteSigner, T> work) {
        checkOperator(store, purpose);
        try (Database db = ctx.database()) {
            return work.apply(db, operatorSigner(store, db, purpose));
        }
    }

    /** The active operator key unlocked for {@code purpose}: refused when stale, unless overridden (then logged and recorded). */
    public NoteSigner operatorSigner(KeyStore store, Database db, String purpose) {
        KeyAge age = checkOperator(store, purpose);
        NoteSigner signer = store.unlock(Secrets.passphrase("unlock the operator key", false));
        StaleKeyGuard.admit(db, age, purpose, allowedBy());
        return signer;
    }
}

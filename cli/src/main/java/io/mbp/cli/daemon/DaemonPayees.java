package io.mbp.cli.daemon;

import io.mbp.cli.privacy.VaultOptions;
import io.mbp.error.BadInputException;
import io.mbp.market.PixPayee;
import io.mbp.market.Reject;
import io.mbp.payout.PayeeIntake;
import io.mbp.privacy.Vault;
import io.mbp.sql.Database;
import java.time.Clock;

/**
 * The withdraw route's edge (ADR 0703): a live withdrawal goes to the account's registered PIX key
 * only. {@code pix_key} may be left out (the registered key is used) or given, and then it must be
 * the registered key, compared by keyed reference (the vault is opened on the first such request).
 * An account that was never onboarded cannot withdraw. Nothing clear reaches the engine or the log.
 */
final class DaemonPayees implements AutoCloseable {
    private final String dbUrl;
    private final Clock clock;
    private Vault vault;
    /** Its own connection: the engine loop owns the daemon's (a Database is one connection, not shared across threads). */
    private Database db;

    DaemonPayees(String dbUrl, Clock clock) {
        this.dbUrl = dbUrl;
        this.clock = clock;
    }

    /** The registered payee of {@code account}; {@code clearKey} (nullable) must be that key. */
    synchronized PixPayee registered(String account, String clearKey) {
        if (db == null) {
            db = Database.open(dbUrl);
        }
        return db.inTransaction(dsl -> {
            PixPayee p;
            try {
                p = PayeeIntake.registered(dsl, account);
            } catch (BadInputException e) {
                throw new ApiError(Reject.NOT_ONBOARDED, "account", "account " + account + " is not onboarded"
                        + " (POST /v2/accounts or `mbp kyc onboard`): it has no registered PIX key to withdraw to");
            }
            if (clearKey != null && !vault().ref(dsl, "pix_key", clearKey).equals(p.pixKeyRef())) {
                throw new ApiError(Reject.INVALID_FIELD, "pix_key", "pix_key: not the account's registered PIX key;"
                        + " withdrawals are paid only to it (leave pix_key out to use it)");
            }
            return p;
        });
    }

    @Override
    public synchronized void close() {
        if (db != null) {
            db.close();
            db = null;
        }
    }

    private Vault vault() {
        if (vault == null) {
            try {
                vault = VaultOptions.fromEnvironment(clock);
            } catch (RuntimeException e) {
                throw new ApiError(Reject.INVALID_FIELD, "pix_key", "pix_key: the daemon cannot check a PIX key without its"
                        + " vault ($MBP_VAULT_PASSPHRASE); leave pix_key out to withdraw to the registered key");
            }
        }
        return vault;
    }
}

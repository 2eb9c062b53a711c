package io.mbp.payout;

import io.mbp.events.EventLog;
import io.mbp.kyc.KycAccounts;
import io.mbp.privacy.Vault;
import io.mbp.sql.Database;
import java.util.function.Supplier;

/**
 * Reads an instruction's PIX key from the vault when it is sent (ADR 0703): the instruction's own
 * ciphertext when it pays a key other than the registered one, else the account's registered key
 * from the KYC projection, which must still be the key the instruction references. Each read
 * appends a {@code FieldDecrypted} (field pix_key, purpose "payout") in its own transaction. The
 * vault is opened on the first new-shape instruction, so a run over an old log needs no passphrase.
 */
public final class VaultPayeeKeys implements PayeeKeys {
    public static final String PURPOSE = "payout";
    private final Database db;
    private final Supplier<Vault> vault;
    private final String actor;
    private Vault opened;

    public VaultPayeeKeys(Database db, Supplier<Vault> vault, String actor) {
        this.db = db;
        this.vault = vault;
        this.actor = actor;
    }

    /** Synchronized: the runner calls it from its pool threads, and a {@code Database} is one connection. */
    @Override
    public synchronized String clearKey(PayoutInstructed i) {
        if (i.pixKey() != null) {
            return i.pixKey();
        }
        Vault v = vault();
        return db.inTransaction(dsl -> {
            EventLog.lockWritersOnSqlite(dsl); // reads the key, then appends its FieldDecrypted
            String enc = i.pixKeyEnc();
            if (enc == null) {
                KycAccounts.Row a = KycAccounts.find(dsl, i.account()).orElseThrow(() -> new PayoutRefusedException(
                        "instruction " + i.instructionId() + ": account " + i.account() + " has no registered PIX key"));
                if (!i.pixKeyRef().equals(a.pixKeyRef()) || a.pixKeyEnc() == null) {
                    throw new PayoutRefusedException("instruction " + i.instructionId() + ": the registered PIX key of account "
                            + i.account() + " is no longer the one instructed");
                }
                enc = a.pixKeyEnc();
            }
            return v.decrypt(dsl, i.subject(), "pix_key", enc, actor, PURPOSE);
        });
    }

    @Override
    public void prepare(java.util.Collection<PayoutInstructed> toSend) {
        if (toSend.stream().anyMatch(i -> i.pixKey() == null)) {
            vault();
        }
    }

    private synchronized Vault vault() {
        if (opened == null) {
            opened = vault.get();
        }
        return opened;
    }
}

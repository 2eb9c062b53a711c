package io.mbp.payout;

import io.mbp.error.BadInputException;
import io.mbp.kyc.KycAccounts;
import io.mbp.kyc.PixKeyType;
import io.mbp.market.PixPayee;
import io.mbp.privacy.Vault;
import java.util.Optional;
import org.jooq.DSLContext;

/**
 * Where a clear PIX key arriving at an edge (an imported event file, the daemon's withdraw route)
 * becomes a {@link PixPayee} before anything is logged (ADR 0703): its keyed reference through the
 * vault, and, when it is not the account's registered key, its ciphertext under the account's data
 * key. Only an onboarded account can name a key: without a data subject there is nowhere to keep it
 * but in clear, which is refused. Messages name the account, never the key.
 */
public final class PayeeIntake {
    private final Vault vault;

    public PayeeIntake(Vault vault) {
        this.vault = vault;
    }

    public Vault vault() {
        return vault;
    }

    /** What became of one clear key: the payee, and whether a ciphertext was made (to be recorded as FieldsEncrypted). */
    public record Intake(PixPayee payee, Optional<String> encryptedFor) {
    }

    /** The registered key of {@code account}, by reference; no vault needed. */
    public static PixPayee registered(DSLContext dsl, String account) {
        KycAccounts.Row a = onboarded(dsl, account);
        return PixPayee.registered(a.pixKeyRef(), a.pixKeyType(), a.subject());
    }

    /** The payee for {@code clearKey} of {@code account}, in the caller's transaction; appends nothing. */
    public Intake of(DSLContext dsl, String account, String clearKey) {
        KycAccounts.Row a = onboarded(dsl, account);
        PixKeyType type = PixKeyType.of(clearKey).orElseThrow(() -> new BadInputException("pix_key of account " + account
                + " is not a PIX key (a CPF, a +55 mobile number, an e-mail or a random key)"));
        String ref = vault.ref(dsl, "pix_key", clearKey);
        if (ref.equals(a.pixKeyRef())) {
            return new Intake(PixPayee.registered(ref, a.pixKeyType(), a.subject()), Optional.empty());
        }
        String enc = vault.encrypt(dsl, a.subject(), "pix_key", clearKey).text();
        return new Intake(PixPayee.encrypted(ref, type.code(), a.subject(), enc), Optional.of(a.subject()));
    }

    private static KycAccounts.Row onboarded(DSLContext dsl, String account) {
        return KycAccounts.find(dsl, account).filter(r -> r.pixKeyRef() != null).orElseThrow(() -> new BadInputException(
                "account " + account + " is not onboarded, so its PIX key has no place but the log in clear: run"
                        + " `mbp kyc onboard` first"));
    }
}

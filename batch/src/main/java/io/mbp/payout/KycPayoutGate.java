package io.mbp.payout;

import io.mbp.kyc.KycAccounts;
import io.mbp.kyc.KycStatus;
import io.mbp.privacy.Purpose;
import io.mbp.privacy.Vault;
import io.mbp.sql.Database;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The payout gate of issue 12 (ADR 0704), on the KYC account projection as it stands when the run
 * starts: a verified account with a standing {@code payouts} consent is paid; a pending or in-review
 * one only up to {@code unverifiedLimit} centavos in all (default 0: not at all); a rejected or
 * blocked account, one without the consent, and an account that was never onboarded are refused,
 * and so is one whose personal data the retention policy archived or an erasure destroyed: its PIX
 * key cannot be read to pay (ADR 0706), so nothing is sent and the run says why.
 */
public final class KycPayoutGate implements PayoutGate {
    private final Map<String, KycAccounts.Row> accounts;
    /** Subject -> why its key cannot be read now ("erased" or "archived"). */
    private final Map<String, String> unreadable;
    private final long unverifiedLimit;

    private KycPayoutGate(Map<String, KycAccounts.Row> accounts, Map<String, String> unreadable, long unverifiedLimit) {
        this.accounts = accounts;
        this.unreadable = unreadable;
        this.unverifiedLimit = unverifiedLimit;
    }

    /** The gate over the projection, caught up with the log first. */
    public static KycPayoutGate of(Database db, long unverifiedLimit) {
        if (unverifiedLimit < 0) {
            throw new IllegalArgumentException("the unverified limit is centavos >= 0");
        }
        Map<String, String> unreadable = new HashMap<>();
        Map<String, KycAccounts.Row> accounts = db.inTransaction(dsl -> {
            KycAccounts.catchUp(dsl);
            Map<String, KycAccounts.Row> all = KycAccounts.all(dsl);
            for (KycAccounts.Row r : all.values()) {
                if (!Vault.hasKey(dsl, r.subject())) {
                    unreadable.put(r.subject(), "personal data erased");
                } else if (Vault.archived(dsl, r.subject())) {
                    unreadable.put(r.subject(), "personal data archived by the retention policy");
                }
            }
            return all;
        });
        return new KycPayoutGate(accounts, unreadable, unverifiedLimit);
    }

    @Override
    public Optional<String> refusal(Payout p, long alreadyPaid) {
        KycAccounts.Row a = accounts.get(p.instruction().account());
        if (a == null) {
            return Optional.of("not onboarded (no KYC record)");
        }
        if (unreadable.containsKey(a.subject())) {
            return Optional.of(unreadable.get(a.subject()) + ": the PIX key cannot be read to pay");
        }
        if (a.status() == KycStatus.BLOCKED || a.status() == KycStatus.REJECTED) {
            return Optional.of("kyc " + a.status().code());
        }
        if (!a.consented(Purpose.PAYOUTS)) {
            return Optional.of("no payouts consent");
        }
        if (a.status() != KycStatus.VERIFIED && alreadyPaid + p.amount() > unverifiedLimit) {
            return Optional.of("kyc " + a.status().code() + ": over the unverified limit of " + unverifiedLimit + " centavos");
        }
        return Optional.empty();
    }
}

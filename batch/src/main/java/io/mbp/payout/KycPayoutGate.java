package io.mbp.payout;

import io.mbp.kyc.KycAccounts;
import io.mbp.kyc.KycStatus;
import io.mbp.privacy.Purpose;
import io.mbp.sql.Database;
import java.util.Map;
import java.util.Optional;

/**
 * The payout gate of issue 12 (ADR 0704), on the KYC account projection as it stands when the run
 * starts: a verified account with a standing {@code payouts} consent is paid; a pending or in-review
 * one only up to {@code unverifiedLimit} centavos in all (default 0: not at all); a rejected or
 * blocked account, one without the consent, and an account that was never onboarded are refused.
 */
public final class KycPayoutGate implements PayoutGate {
    private final Map<String, KycAccounts.Row> accounts;
    private final long unverifiedLimit;

    private KycPayoutGate(Map<String, KycAccounts.Row> accounts, long unverifiedLimit) {
        this.accounts = accounts;
        this.unverifiedLimit = unverifiedLimit;
    }

    /** The gate over the projection, caught up with the log first. */
    public static KycPayoutGate of(Database db, long unverifiedLimit) {
        if (unverifiedLimit < 0) {
            throw new IllegalArgumentException("the unverified limit is centavos >= 0");
        }
        return new KycPayoutGate(db.inTransaction(dsl -> {
            KycAccounts.catchUp(dsl);
            return KycAccounts.all(dsl);
        }), unverifiedLimit);
    }

    @Override
    public Optional<String> refusal(Payout p, long alreadyPaid) {
        KycAccounts.Row a = accounts.get(p.instruction().account());
        if (a == null) {
            return Optional.of("not onboarded (no KYC record)");
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

package io.mbp.cli.payout;

import io.mbp.cli.privacy.VaultOptions;
import io.mbp.error.UsageException;
import io.mbp.payout.KycPayoutGate;
import io.mbp.payout.Payees;
import io.mbp.payout.VaultPayeeKeys;
import io.mbp.screenhooks.ScreeningPayoutGate;
import io.mbp.screenhooks.SubjectScreening;
import io.mbp.sql.Database;
import java.time.Clock;
import picocli.CommandLine.Option;

/** The payout gate (ADR 0704) and the vault the PIX keys are read from (ADR 0703), for the commands that send. */
public final class GateOptions {
    @Option(names = "--unverified-limit", defaultValue = "0", paramLabel = "CENTAVOS",
            description = "Total an account still pending or in KYC review may be paid, in centavos (default ${DEFAULT-VALUE}:"
                    + " only verified accounts are paid).")
    long unverifiedLimit;

    Payees payees(Database db, Clock clock, String actor) {
        if (unverifiedLimit < 0) {
            throw new UsageException("--unverified-limit must be centavos >= 0, got " + unverifiedLimit);
        }
        // KYC first (ADR 0704), then screening of the payee against the current lists (ADR 0717)
        return new Payees(new ScreeningPayoutGate(KycPayoutGate.of(db, unverifiedLimit), db, clock,
                () -> new SubjectScreening(db, VaultOptions.fromEnvironment(clock), clock, actor)),
                new VaultPayeeKeys(db, () -> VaultOptions.fromEnvironment(clock), actor));
    }
}

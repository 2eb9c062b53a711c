package io.mbp.statement;

import java.time.LocalDate;
import java.util.Objects;

/**
 * One balance of a statement: {@code amount} in signed centavos (negative when the account is
 * overdrawn, ISO 20022 {@code CdtDbtInd} DBIT), as of {@code date}.
 */
public record StatementBalance(BalanceType type, long amount, LocalDate date) {
    public StatementBalance {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(date, "date");
    }
}

package io.mbp.payout;

import io.mbp.events.EventLog;
import io.mbp.kyc.KycAccounts;
import io.mbp.market.PixPayee;
import io.mbp.market.WithdrawalRequested;
import io.mbp.sql.Database;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which PIX key pays an account's settlement payouts: its registered key (KYC projection) when it is
 * onboarded, else the destination of its latest withdrawal as the log records it (a reference, or
 * in an old log the clear key). Settlement owes money to accounts that may never have withdrawn;
 * those get their instruction on the first payouts run after a key is on file (the instruction id
 * does not depend on the key).
 */
public final class PixKeys {
    private final Map<String, PixPayee> byAccount;

    public PixKeys(Map<String, PixPayee> byAccount) {
        this.byAccount = Map.copyOf(byAccount);
    }

    public static PixKeys fromLog(Database db) {
        Map<String, PixPayee> keys = new HashMap<>();
        new EventLog(db).forEachOfTypes(List.of("WithdrawalRequested"), e -> {
            WithdrawalRequested w = (WithdrawalRequested) io.mbp.market.MarketEvents.TYPES.decode(e.type(), e.payload());
            keys.put(w.account(), w.payee());
        });
        db.inTransaction(dsl -> {
            KycAccounts.catchUp(dsl);
            KycAccounts.all(dsl).forEach((account, a) -> {
                if (a.pixKeyRef() != null) {
                    keys.put(account, PixPayee.registered(a.pixKeyRef(), a.pixKeyType(), a.subject()));
                }
            });
            return null;
        });
        return new PixKeys(keys);
    }

    public Optional<PixPayee> of(String account) {
        return Optional.ofNullable(byAccount.get(account));
    }
}

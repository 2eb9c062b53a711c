package io.mbp.payout;

import io.mbp.events.EventLog;
import io.mbp.market.WithdrawalRequested;
import io.mbp.sql.Database;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which PIX key pays an account: the key of its latest withdrawal request, as the log records it.
 * Settlement owes money to accounts that may never have withdrawn; those get their instruction on
 * the first payouts run after a key is on file (the instruction id does not depend on the key).
 */
public final class PixKeys {
    private final Map<String, String> byAccount;

    public PixKeys(Map<String, String> byAccount) {
        this.byAccount = Map.copyOf(byAccount);
    }

    public static PixKeys fromLog(Database db) {
        Map<String, String> keys = new HashMap<>();
        new EventLog(db).forEachOfTypes(List.of("WithdrawalRequested"), e -> {
            WithdrawalRequested w = (WithdrawalRequested) io.mbp.market.MarketEvents.TYPES.decode(e.type(), e.payload());
            keys.put(w.account(), w.pixKey());
        });
        return new PixKeys(keys);
    }

    public Optional<String> of(String account) {
        return Optional.ofNullable(byAccount.get(account));
    }
}

package io.mbp.market;

import java.util.Map;
import java.util.TreeMap;

/**
 * Double-entry ledger of collateral (centavos). Every movement is one posting that debits one
 * account and credits another by the same amount, so the balances always sum to zero; money
 * enters only from {@link #EXTERNAL} (PIX deposits) and leaves only to the clearing accounts.
 * Account names: {@code cash:<account>}, {@code collateral:<market>}, {@code fees:<market>},
 * {@code external:pix}, {@code clearing:withdrawals}, {@code clearing:payouts}.
 */
public final class Ledger {
    public static final String EXTERNAL = "external:pix";
    public static final String WITHDRAWALS = "clearing:withdrawals";
    public static final String PAYOUTS = "clearing:payouts";

    private final java.util.HashMap<String, Long> balances = new java.util.HashMap<>();

    public static String cash(String account) {
        return "cash:" + account;
    }

    public static String collateral(String market) {
        return "collateral:" + market;
    }

    public static String fees(String market) {
        return "fees:" + market;
    }

    /** Moves {@code amount} from {@code from} to {@code to}. Exact arithmetic (I7). */
    public void post(String from, String to, long amount) {
        if (amount == 0) {
            return;
        }
        balances.merge(from, Math.negateExact(amount), Math::addExact);
        balances.merge(to, amount, Math::addExact);
    }

    /** Restores a balance from a snapshot (not a posting). */
    void set(String account, long balance) {
        balances.put(account, balance);
    }

    public long balance(String account) {
        return balances.getOrDefault(account, 0L);
    }

    public Map<String, Long> balances() {
        return java.util.Collections.unmodifiableMap(new TreeMap<>(balances));
    }

    Ledger copy() {
        Ledger l = new Ledger();
        l.balances.putAll(balances);
        return l;
    }
}

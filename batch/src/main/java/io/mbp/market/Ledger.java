package io.mbp.market;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Double-entry ledger of collateral (centavos). Every movement is one posting that debits one
 * account and credits another by the same amount, so the balances always sum to zero; money
 * enters only from {@link #EXTERNAL} (PIX deposits) and leaves only to the clearing accounts.
 * Account names: {@code cash:<account>}, {@code collateral:<market>}, {@code fees:<market>},
 * {@code external:pix}, {@code clearing:withdrawals}, {@code clearing:payouts}.
 *
 * <p>Each account's balance lives in a mutable {@link Cell}, so the engine's hot path holds the
 * cells of a trader and a market and posts without a map lookup or a boxed {@code Long} (ADR 0119).
 * A cell counts as an entry of {@link #balances()} only once something was posted to it or it was
 * restored, exactly as the map of boxed balances it replaces: the state digest is unchanged.
 */
public final class Ledger {
    public static final String EXTERNAL = "external:pix";
    public static final String WITHDRAWALS = "clearing:withdrawals";
    public static final String PAYOUTS = "clearing:payouts";

    /** One account's balance; {@code open} once posted to or restored (an entry of {@link #balances()}). */
    static final class Cell {
        long balance;
        boolean open;
    }

    private final HashMap<String, Cell> cells = new HashMap<>();

    public static String cash(String account) {
        return "cash:" + account;
    }

    public static String collateral(String market) {
        return "collateral:" + market;
    }

    public static String fees(String market) {
        return "fees:" + market;
    }

    /** The cell of {@code account}, made (not yet open) on first use; the same object for the ledger's life. */
    Cell cell(String account) {
        Cell c = cells.get(account);
        if (c == null) {
            c = new Cell();
            cells.put(account, c);
        }
        return c;
    }

    /** Moves {@code amount} from {@code from} to {@code to}. Exact arithmetic (I7). */
    public void post(String from, String to, long amount) {
        if (amount != 0) {
            post(cell(from), cell(to), amount);
        }
    }

    /** Moves {@code amount} between two cells of this ledger. Exact arithmetic (I7). */
    void post(Cell from, Cell to, long amount) {
        if (amount == 0) {
            return;
        }
        from.balance = Math.addExact(from.balance, Math.negateExact(amount));
        from.open = true;
        to.balance = Math.addExact(to.balance, amount);
        to.open = true;
    }

    /** Restores a balance from a snapshot (not a posting). */
    void set(String account, long balance) {
        Cell c = cell(account);
        c.balance = balance;
        c.open = true;
    }

    public long balance(String account) {
        Cell c = cells.get(account);
        return c == null ? 0 : c.balance;
    }

    public Map<String, Long> balances() {
        TreeMap<String, Long> out = new TreeMap<>();
        cells.forEach((k, c) -> {
            if (c.open) {
                out.put(k, c.balance);
            }
        });
        return java.util.Collections.unmodifiableMap(out);
    }
}

package io.mbp.market;

import io.mbp.market.MarketState.Account;
import io.mbp.market.MarketState.Book;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The market invariants, checked on an evolved state:
 * I1 no negative balance, position or LP share; I2 conservation (ledger balances to zero, every
 * deposited centavo is in cash, a pool, a fee pool or paid out, and each live market's collateral
 * equals the outstanding complete sets of every outcome); I5 no settlement before finalization;
 * I6 LP shares sum to the pool's supply; I7 exact arithmetic (checked by construction: every sum is
 * {@code *Exact}, so an overflow refuses the command instead of wrapping); I8 no fill during Hard.
 */
public final class Invariants {
    /** A broken invariant: its id (I1..I8) and what exactly is wrong. */
    public record Violation(String invariant, String detail) {
        @Override
        public String toString() {
            return invariant + ": " + detail;
        }
    }

    private Invariants() {
    }

    public static List<Violation> check(MarketState s) {
        List<Violation> out = new ArrayList<>();
        // I1
        for (Map.Entry<String, Long> e : s.ledger.balances().entrySet()) {
            if (!e.getKey().equals(Ledger.EXTERNAL) && e.getValue() < 0) {
                out.add(new Violation("I1", "ledger account " + e.getKey() + " is negative: " + e.getValue()));
            }
        }
        for (Account a : s.accounts.values()) {
            for (Map.Entry<String, long[]> p : a.positions.entrySet()) {
                for (long v : p.getValue()) {
                    if (v < 0) {
                        out.add(new Violation("I1", "account " + a.id + " holds a negative position in " + p.getKey()));
                    }
                }
            }
        }
        for (Book b : s.books.values()) {
            for (long v : b.pool) {
                if (v < 0) {
                    out.add(new Violation("I1", "pool of " + b.spec.market() + " has a negative balance"));
                }
            }
            for (Map.Entry<String, Long> lp : b.lpShares.entrySet()) {
                if (lp.getValue() < 0) {
                    out.add(new Violation("I1", "account " + lp.getKey() + " holds negative LP shares of " + b.spec.market()));
                }
            }
        }
        // I2
        long sum = 0;
        long cash = 0;
        long pools = 0;
        for (Map.Entry<String, Long> e : s.ledger.balances().entrySet()) {
            sum = Math.addExact(sum, e.getValue());
            if (e.getKey().startsWith("cash:")) {
                cash += e.getValue();
            } else if (e.getKey().startsWith("collateral:") || e.getKey().startsWith("fees:")) {
                pools += e.getValue();
            }
        }
        if (sum != 0) {
            out.add(new Violation("I2", "ledger does not balance: postings sum to " + sum));
        }
        long paid = s.ledger.balance(Ledger.WITHDRAWALS) + s.ledger.balance(Ledger.PAYOUTS);
        if (s.deposits != cash + pools + paid || -s.ledger.balance(Ledger.EXTERNAL) != s.deposits) {
            out.add(new Violation("I2", "deposits " + s.deposits + " != cash " + cash + " + pools and fee pools " + pools
                    + " + paid out " + paid));
        }
        for (Book b : s.books.values()) {
            String m = b.spec.market();
            long collateral = s.ledger.balance(Ledger.collateral(m));
            long feePool = s.ledger.balance(Ledger.fees(m));
            if (b.settlement == null) {
                long[] supply = b.pool.clone();
                for (Account a : s.accounts.values()) {
                    long[] p = a.positions.get(m);
                    if (p != null) {
                        for (int i = 0; i < supply.length; i++) {
                            supply[i] += p[i];
                        }
                    }
                }
                for (int i = 0; i < supply.length; i++) {
                    if (supply[i] != collateral) {
                        out.add(new Violation("I2", "market " + m + ": outcome " + b.spec.outcomes().get(i) + " has "
                                + supply[i] + " shares outstanding but the pool holds " + collateral + " centavos of collateral"));
                    }
                }
                if (feePool != b.feePoolWeight - b.totalWithdrawnFees) {
                    out.add(new Violation("I2", "market " + m + ": fee pool " + feePool + " != accumulator "
                            + (b.feePoolWeight - b.totalWithdrawnFees)));
                }
            }
            // I6
            long lpSum = 0;
            long withdrawn = 0;
            for (long v : b.lpShares.values()) {
                lpSum += v;
            }
            for (long v : b.withdrawnFees.values()) {
                withdrawn += v;
            }
            if (lpSum != b.lpSupply) {
                out.add(new Violation("I6", "market " + m + ": LP shares sum to " + lpSum + " but the pool's supply is " + b.lpSupply));
            }
            if (b.settlement == null && withdrawn != b.totalWithdrawnFees) {
                out.add(new Violation("I6", "market " + m + ": per-LP withdrawn fees sum to " + withdrawn + ", total says "
                        + b.totalWithdrawnFees));
            }
            if (b.settlement == null && b.lpSupply == 0 && collateral > 0 && anyPositive(b.pool)) {
                out.add(new Violation("I6", "market " + m + ": the pool holds tokens but no LP shares exist"));
            }
        }
        // I5, I8: noticed while evolving the log
        for (String v : s.stepViolations) {
            out.add(new Violation(v.substring(0, 2), v.substring(4)));
        }
        out.sort(java.util.Comparator.comparing(Violation::invariant));
        return out;
    }

    private static boolean anyPositive(long[] a) {
        for (long v : a) {
            if (v > 0) {
                return true;
            }
        }
        return false;
    }
}

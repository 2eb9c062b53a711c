package io.mbp.evidence;

import io.mbp.market.MarketEngine;
import io.mbp.market.MarketState;
import io.mbp.market.SettlementPayout;
import io.mbp.sql.Database;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Per settled market: its payout vector (from the market state replayed through the engine's own
 * evolve) and the total paid per account from its SettlementPayout events.
 */
final class SettlementsReport implements EvidenceReport {
    /** The events the market state folds (MarketService's replay set); evolve ignores the rest anyway. */
    static final Set<String> MARKET_TYPES = Set.of("MarketCreated", "DepositReceived", "OrderFilled", "WithdrawalRequested",
            "LiquidityAdded", "LiquidityRemoved", "HaltChanged", "MarketSettled", "SettlementPayout", "Finalized",
            "FailoverRolled");

    @Override
    public String name() {
        return "settlements";
    }

    @Override
    public Pass open(Database db, long treeSize) {
        MarketEngine engine = new MarketEngine();
        MarketState state = new MarketState();
        Map<String, Map<String, Long>> paid = new TreeMap<>();
        long[] at = {-1};
        return Decoded.replaying(MARKET_TYPES, (seq, ts, p) -> {
            at[0] = seq;
            engine.evolve(state, p, ts, seq);
            state.forgetStepViolations(); // not in the report: kept, they would grow with the log
            if (p instanceof SettlementPayout sp) {
                paid.computeIfAbsent(sp.market(), k -> new TreeMap<>()).merge(sp.account(), sp.amount(), Math::addExact);
            }
        }, e -> new ArrayList<>(List.of("market state does not replay at seq " + at[0] + ": " + e.getClass().getSimpleName())),
                () -> lines(state, paid));
    }

    private static List<String> lines(MarketState state, Map<String, Map<String, Long>> paid) {
        List<String> out = new ArrayList<>();
        long settled = 0;
        long markets = 0;
        for (MarketState.Book b : state.books().values()) {
            markets++;
            if (b.settlement == null) {
                continue;
            }
            settled++;
            var s = b.settlement;
            Map<String, Long> accounts = paid.getOrDefault(s.market(), Map.of());
            long total = accounts.values().stream().mapToLong(Long::longValue).sum();
            out.add("market " + s.market() + " oracle " + s.oracleEvent() + " finalized_seq " + s.finalizedSeq() + " vector "
                    + s.numerators() + "/" + s.denominator() + " (" + s.result() + ") accounts " + accounts.size()
                    + " total " + total);
            accounts.forEach((a, v) -> out.add("  paid " + s.market() + " " + a + " " + v));
        }
        out.add(0, "markets " + markets + " settled " + settled);
        return out;
    }
}

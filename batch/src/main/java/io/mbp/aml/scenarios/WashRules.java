package io.mbp.aml.scenarios;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Wash trading in a pool market. Orders fill against the FPMM pool, not against another order, so
 * "both sides" means two positions that cancel: one account buys an outcome while the other sells
 * it, or both buy (or both sell) different outcomes of one market.
 */
final class WashRules {
    private WashRules() {
    }

    /** Whether two trades in one market take opposite directions. */
    static boolean opposite(Activity.Trade a, Activity.Trade b) {
        return a.outcome().equals(b.outcome()) != (a.buy() == b.buy());
    }

    static Map<String, List<Activity.Trade>> tradesByMarket(DayInput in) {
        Map<String, List<Activity.Trade>> m = new TreeMap<>();
        in.activity().stream().filter(a -> a instanceof Activity.Trade).map(a -> (Activity.Trade) a)
                .forEach(t -> m.computeIfAbsent(t.market(), k -> new ArrayList<>()).add(t));
        return m;
    }

    /** What links two accounts (subject, device, PIX key), or null. Names the kind only, never the value. */
    static String link(AccountProfile a, AccountProfile b) {
        if (a.subject() != null && a.subject().equals(b.subject())) {
            return "subject";
        }
        if (a.personRef() != null && a.personRef().equals(b.personRef())) {
            return "person (CPF)";
        }
        if (a.deviceRef() != null && a.deviceRef().equals(b.deviceRef())) {
            return "device";
        }
        if (a.pixKeyRef() != null && a.pixKeyRef().equals(b.pixKeyRef())) {
            return "PIX key";
        }
        return null;
    }

    /**
     * Two linked accounts, each with at least min_trades_each trades of at least min_cost_each centavos
     * in one market, some of them opposite to the other's. One finding per pair and market.
     */
    static List<Finding> linkedAccounts(ScenarioDefinition d, DayInput in) {
        List<Finding> out = new ArrayList<>();
        tradesByMarket(in).forEach((market, trades) -> {
            Map<String, List<Activity.Trade>> byAccount = new TreeMap<>();
            trades.stream().filter(t -> t.cost() >= d.param("min_cost_each"))
                    .forEach(t -> byAccount.computeIfAbsent(t.account(), k -> new ArrayList<>()).add(t));
            List<String> accounts = byAccount.keySet().stream().filter(a -> byAccount.get(a).size() >= d.param("min_trades_each")).toList();
            for (int i = 0; i < accounts.size(); i++) {
                for (int j = i + 1; j < accounts.size(); j++) {
                    String a = accounts.get(i);
                    String b = accounts.get(j);
                    String link = link(in.profile(a), in.profile(b));
                    if (link == null) {
                        continue;
                    }
                    List<Long> evidence = new ArrayList<>();
                    for (Activity.Trade x : byAccount.get(a)) {
                        for (Activity.Trade y : byAccount.get(b)) {
                            if (opposite(x, y)) {
                                evidence.add(x.seq());
                                evidence.add(y.seq());
                            }
                        }
                    }
                    if (!evidence.isEmpty()) {
                        out.add(new Finding(a, a + "+" + b + ":" + market, a + " and " + b + " share a " + link + " and took opposite"
                                + " sides in " + market, evidence));
                    }
                }
            }
        });
        return out;
    }

    /**
     * One account buying then selling the same outcome of one market at least min_round_trips times,
     * with shares bought and sold differing by at most max_net_pct % of those bought.
     */
    static List<Finding> roundTrips(ScenarioDefinition d, DayInput in) {
        List<Finding> out = new ArrayList<>();
        tradesByMarket(in).forEach((market, trades) -> {
            Map<String, List<Activity.Trade>> byPosition = new TreeMap<>();
            trades.forEach(t -> byPosition.computeIfAbsent(t.account() + "\u0000" + t.outcome(), k -> new ArrayList<>()).add(t));
            byPosition.forEach((pos, ts) -> {
                long trips = 0;
                long bought = 0;
                long sold = 0;
                boolean holding = false;
                for (Activity.Trade t : ts) {
                    if (t.buy()) {
                        bought += t.shares();
                        holding = true;
                    } else {
                        sold += t.shares();
                        if (holding) {
                            trips++;
                            holding = false;
                        }
                    }
                }
                if (trips >= d.param("min_round_trips") && bought > 0 && Math.abs(bought - sold) * 100 <= d.param("max_net_pct") * bought) {
                    Activity.Trade first = ts.get(0);
                    out.add(new Finding(first.account(), first.account() + ":" + market + ":" + first.outcome(), trips
                            + " buy/sell round trips of " + first.outcome() + " in " + market + ", net " + (bought - sold)
                            + " of " + bought + " shares bought", ts.stream().map(Activity::seq).toList()));
                }
            });
        });
        return out;
    }

    /**
     * Two accounts taking opposite sides in one market within window_seconds of each other at least
     * min_pairs times (each later trade counts once per counterpart account).
     */
    static List<Finding> repeatedPairs(ScenarioDefinition d, DayInput in) {
        List<Finding> out = new ArrayList<>();
        tradesByMarket(in).forEach((market, bySeq) -> {
            // by time: a log's seqs follow its clock, but an imported day need not
            List<Activity.Trade> trades = bySeq.stream().sorted(java.util.Comparator.comparingLong(Activity.Trade::epochSecond)
                    .thenComparingLong(Activity.Trade::seq)).toList();
            Map<String, List<Long>> pairs = new TreeMap<>();
            for (int i = 0; i < trades.size(); i++) {
                Activity.Trade later = trades.get(i);
                Map<String, Activity.Trade> seen = new HashMap<>();
                for (int j = i - 1; j >= 0 && later.epochSecond() - trades.get(j).epochSecond() <= d.param("window_seconds"); j--) {
                    Activity.Trade earlier = trades.get(j);
                    if (!Objects.equals(earlier.account(), later.account()) && opposite(earlier, later)) {
                        seen.putIfAbsent(earlier.account(), earlier);
                    }
                }
                seen.forEach((acct, earlier) -> {
                    TreeSet<String> pair = new TreeSet<>(List.of(acct, later.account()));
                    List<Long> ev = pairs.computeIfAbsent(String.join("+", pair), k -> new ArrayList<>());
                    ev.add(earlier.seq());
                    ev.add(later.seq());
                });
            }
            pairs.forEach((pair, ev) -> {
                if (ev.size() / 2 >= d.param("min_pairs")) {
                    String first = pair.substring(0, pair.indexOf('+'));
                    out.add(new Finding(first, pair + ":" + market, pair.replace("+", " and ") + " took opposite sides in " + market
                            + " within " + d.param("window_seconds") + " s, " + ev.size() / 2 + " times", ev));
                }
            });
        });
        return out;
    }
}

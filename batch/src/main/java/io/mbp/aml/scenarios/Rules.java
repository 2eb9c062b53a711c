package io.mbp.aml.scenarios;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiFunction;

/**
 * The rule code the definitions name. A rule reads its parameters from the definition and never
 * changes behaviour under the same name: a new behaviour is a new name ("…/2") in a new version.
 * The wash-trading rules are in {@link WashRules}.
 */
final class Rules {
    private static final Map<String, BiFunction<ScenarioDefinition, DayInput, List<Finding>>> RULES = Map.of(
            "volume-vs-baseline/1", Rules::volume,
            "near-threshold-deposits/1", Rules::structuring,
            "deposit-withdraw/1", Rules::rapidInOut,
            "linked-opposite-trades/1", WashRules::linkedAccounts,
            "round-trips/1", WashRules::roundTrips,
            "repeated-pairs/1", WashRules::repeatedPairs,
            "shared-payee-key/1", Rules::sharedPixKey);

    private Rules() {
    }

    static boolean known(String rule) {
        return RULES.containsKey(rule);
    }

    static List<Finding> apply(ScenarioDefinition d, DayInput in) {
        return RULES.get(d.rule()).apply(d, in);
    }

    static Map<String, List<Activity>> byAccount(DayInput in) {
        Map<String, List<Activity>> m = new TreeMap<>();
        in.activity().forEach(a -> m.computeIfAbsent(a.account(), k -> new ArrayList<>()).add(a));
        return m;
    }

    /** Today's volume at least multiple_pct % of the account's average day, and at least min_volume. */
    static List<Finding> volume(ScenarioDefinition d, DayInput in) {
        List<Finding> out = new ArrayList<>();
        byAccount(in).forEach((account, acts) -> {
            long today = acts.stream().mapToLong(DayInput::volume).sum();
            DayInput.Baseline b = in.baselines().get(account);
            if (b == null || b.days() <= 0 || b.activeDays() < d.param("min_active_days") || today < d.param("min_volume")) {
                return;
            }
            // today / (volume / days) >= multiple_pct / 100, in integers
            if (Math.multiplyExact(Math.multiplyExact(today, 100L), b.days()) >= Math.multiplyExact(d.param("multiple_pct"), b.volume())) {
                long avg = b.volume() / b.days();
                out.add(new Finding(account, account, "moved " + Finding.brl(today) + " today against " + Finding.brl(avg)
                        + " a day over the " + b.days() + " days before (" + b.activeDays() + " active)",
                        acts.stream().map(Activity::seq).toList()));
            }
        });
        return out;
    }

    /** min_count or more deposits in [threshold - band_pct %, threshold) on the day. */
    static List<Finding> structuring(ScenarioDefinition d, DayInput in) {
        long threshold = d.param("threshold");
        long floor = threshold - threshold * d.param("band_pct") / 100;
        List<Finding> out = new ArrayList<>();
        byAccount(in).forEach((account, acts) -> {
            List<Activity.Deposit> near = acts.stream().filter(a -> a instanceof Activity.Deposit).map(a -> (Activity.Deposit) a)
                    .filter(x -> x.amount() >= floor && x.amount() < threshold).toList();
            if (near.size() >= d.param("min_count")) {
                long sum = near.stream().mapToLong(Activity.Deposit::amount).sum();
                out.add(new Finding(account, account, near.size() + " deposits between " + Finding.brl(floor) + " and the "
                        + Finding.brl(threshold) + " threshold, " + Finding.brl(sum) + " in all", near.stream().map(Activity::seq).toList()));
            }
        });
        return out;
    }

    /**
     * A deposit of at least min_amount, then within window_seconds a withdrawal of at least min_out_pct %
     * of it, with trading in between of at most max_traded_pct % of it. One finding per account and day.
     */
    static List<Finding> rapidInOut(ScenarioDefinition d, DayInput in) {
        List<Finding> out = new ArrayList<>();
        byAccount(in).forEach((account, acts) -> {
            for (Activity a : acts) {
                if (!(a instanceof Activity.Withdrawal w)) {
                    continue;
                }
                for (Activity b : acts) {
                    if (b.seq() >= w.seq() || !(b instanceof Activity.Deposit dep) || dep.amount() < d.param("min_amount")
                            || w.epochSecond() - dep.epochSecond() > d.param("window_seconds")
                            || w.amount() * 100 < d.param("min_out_pct") * dep.amount()) {
                        continue;
                    }
                    long traded = acts.stream().filter(t -> t instanceof Activity.Trade && t.seq() > dep.seq() && t.seq() < w.seq())
                            .mapToLong(DayInput::volume).sum();
                    if (traded * 100 <= d.param("max_traded_pct") * dep.amount()) {
                        out.add(new Finding(account, account, "deposited " + Finding.brl(dep.amount()) + " and asked to withdraw "
                                + Finding.brl(w.amount()) + " " + (w.epochSecond() - dep.epochSecond()) / 60 + " min later, trading "
                                + Finding.brl(traded) + " in between", List.of(dep.seq(), w.seq())));
                        return;
                    }
                }
            }
        });
        return out;
    }

    /** min_accounts or more accounts paid or withdrawing to one PIX key reference (events with a clear key are skipped). */
    static List<Finding> sharedPixKey(ScenarioDefinition d, DayInput in) {
        Map<String, Map<String, List<Long>>> byKey = new TreeMap<>();
        for (Activity a : in.activity()) {
            String ref = a instanceof Activity.Withdrawal w ? w.pixKeyRef() : a instanceof Activity.Payout p ? p.pixKeyRef() : null;
            if (ref != null) {
                byKey.computeIfAbsent(ref, k -> new LinkedHashMap<>()).computeIfAbsent(a.account(), k -> new ArrayList<>()).add(a.seq());
            }
        }
        List<Finding> out = new ArrayList<>();
        byKey.forEach((ref, accounts) -> {
            if (accounts.size() >= d.param("min_accounts")) {
                List<String> names = new ArrayList<>(new java.util.TreeSet<>(accounts.keySet()));
                out.add(new Finding(names.get(0), ref, accounts.size() + " accounts paid to one PIX key: " + String.join(", ", names),
                        accounts.values().stream().flatMap(List::stream).toList()));
            }
        });
        return out;
    }
}

package io.mbp.aml.scenarios;

import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * One business day's input to the scenarios: its activity in log order, the accounts' profiles, and
 * each account's baseline (centavos moved per day over the days before, for the volume rule).
 */
public record DayInput(LocalDate date, List<Activity> activity, Map<String, AccountProfile> profiles, Map<String, Baseline> baselines) {
    public DayInput {
        activity = activity.stream().sorted(Comparator.comparingLong(Activity::seq)).toList();
        profiles = Map.copyOf(profiles);
        baselines = Map.copyOf(baselines);
    }

    /** An account's volume over {@code days} calendar days before the evaluated day and on how many of them it moved money. */
    public record Baseline(long days, long activeDays, long volume) {
    }

    public AccountProfile profile(String account) {
        return profiles.getOrDefault(account, new AccountProfile(account, null, null, null, null));
    }

    /** Centavos an activity moves (deposits, withdrawals, payouts, trade costs). */
    public static long volume(Activity a) {
        return switch (a) {
            case Activity.Deposit d -> d.amount();
            case Activity.Withdrawal w -> w.amount();
            case Activity.Payout p -> 0; // the withdrawal it pays already counted
            case Activity.Trade t -> t.cost();
        };
    }
}

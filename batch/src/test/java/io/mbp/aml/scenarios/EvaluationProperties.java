package io.mbp.aml.scenarios;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.mbp.aml.alerts.AlertDraft;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;

/** Properties of the evaluation over random days: keys are stable, and the structuring band is exact. */
class EvaluationProperties {
    static List<Activity> day(List<Long> amounts, List<Integer> accounts) {
        List<Activity> out = new ArrayList<>();
        for (int i = 0; i < amounts.size(); i++) {
            String acct = "acct-" + accounts.get(i % accounts.size());
            long t = ScenariosTest.T0 + i * 60L;
            out.add(i % 3 == 2 ? new Activity.Withdrawal(i, t, acct, amounts.get(i), null) : new Activity.Deposit(i, t, acct, amounts.get(i)));
        }
        return out;
    }

    @Property(tries = 200)
    void theSameDayGivesTheSameAlertKeysWhateverOrderItIsHandedIn(@ForAll @Size(min = 1, max = 40) List<@LongRange(min = 1, max = 6_000_000) Long> amounts,
            @ForAll @Size(min = 1, max = 4) List<@IntRange(min = 1, max = 5) Integer> accounts) {
        List<Activity> acts = day(amounts, accounts);
        List<Activity> shuffled = new ArrayList<>(acts);
        Collections.reverse(shuffled);
        var defs = Scenarios.registry().active();
        List<String> a = Evaluation.run(defs, new DayInput(ScenariosTest.DAY, acts, Map.of(), Map.of()), ScenariosTest.AFTER).drafts()
                .stream().map(AlertDraft::key).toList();
        List<String> b = Evaluation.run(defs, new DayInput(ScenariosTest.DAY, shuffled, Map.of(), Map.of()), ScenariosTest.AFTER).drafts()
                .stream().map(AlertDraft::key).toList();
        assertEquals(a, b);
    }

    @Property(tries = 300)
    void structuringFiresExactlyWhenTwoDepositsFallInTheBand(@ForAll @Size(min = 1, max = 8) List<@LongRange(min = 1, max = 6_000_000) Long> amounts) {
        List<Activity> acts = new ArrayList<>();
        for (int i = 0; i < amounts.size(); i++) {
            acts.add(new Activity.Deposit(i, ScenariosTest.T0 + i, "acct-1", amounts.get(i)));
        }
        long inBand = amounts.stream().filter(a -> a >= 4_500_000 && a < 5_000_000).count();
        var d = Scenarios.registry().find("structuring", 1).orElseThrow();
        int alerts = Evaluation.run(List.of(d), new DayInput(ScenariosTest.DAY, acts, Map.of(), Map.of()), ScenariosTest.AFTER).drafts().size();
        assertEquals(inBand >= 2 ? 1 : 0, alerts);
    }
}

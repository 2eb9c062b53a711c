package io.mbp.aml.scenarios;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mbp.aml.alerts.AlertDraft;
import io.mbp.aml.scenarios.Activity.Deposit;
import io.mbp.aml.scenarios.Activity.Payout;
import io.mbp.aml.scenarios.Activity.Trade;
import io.mbp.aml.scenarios.Activity.Withdrawal;
import io.mbp.error.BadInputException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Each shipped scenario fires on its pattern and stays quiet on a look-alike that is not it. */
class ScenariosTest {
    static final LocalDate DAY = LocalDate.parse("2026-11-27");
    static final long T0 = DAY.atStartOfDay(ZoneOffset.UTC).toEpochSecond() + 9 * 3600;
    static final Clock AFTER = Clock.fixed(Instant.parse("2026-11-28T01:00:00Z"), ZoneOffset.UTC);

    final List<Activity> acts = new ArrayList<>();
    final Map<String, AccountProfile> profiles = new HashMap<>();
    final Map<String, DayInput.Baseline> baselines = new HashMap<>();
    long seq = 100;

    long at(long minutes) {
        return T0 + minutes * 60;
    }

    void deposit(String acct, long amount, long minute) {
        acts.add(new Deposit(seq++, at(minute), acct, amount));
    }

    void withdraw(String acct, long amount, long minute, String ref) {
        acts.add(new Withdrawal(seq++, at(minute), acct, amount, ref));
    }

    void trade(String acct, String market, String outcome, boolean buy, long shares, long cost, long second) {
        acts.add(new Trade(seq++, T0 + second, acct, market, outcome, buy, shares, cost));
    }

    List<AlertDraft> run(String scenario) {
        ScenarioDefinition d = Scenarios.registry().active().stream().filter(x -> x.id().equals(scenario)).findFirst().orElseThrow();
        return Evaluation.run(List.of(d), new DayInput(DAY, acts, profiles, baselines), AFTER).drafts();
    }

    @Test
    void unusualVolumeComparesWithTheAccountsOwnBaseline() {
        deposit("acct-big", 1_000_000, 0);
        deposit("acct-usual", 1_000_000, 1);
        baselines.put("acct-big", new DayInput.Baseline(30, 10, 30 * 10_000)); // R$100 a day before
        baselines.put("acct-usual", new DayInput.Baseline(30, 25, 30 * 900_000)); // R$9,000 a day before: not unusual for it
        List<AlertDraft> a = run("unusual-volume");
        assertEquals(List.of("acct-big"), a.stream().map(AlertDraft::account).toList());
        assertEquals("unusual-volume@1/2026-11-27/acct-big", a.get(0).key());
        assertEquals(List.of(100L), a.get(0).evidence());
    }

    @Test
    void unusualVolumeNeedsAHistoryAndAFloor() {
        deposit("acct-new", 5_000_000, 0); // no baseline: a new account is not "unusual against itself"
        deposit("acct-small", 40_000, 0); // 40x its baseline but under the R$5,000 floor
        baselines.put("acct-small", new DayInput.Baseline(30, 10, 30_000));
        assertEquals(List.of(), run("unusual-volume"));
    }

    @Test
    void structuringIsSeveralDepositsJustUnderTheThreshold() {
        deposit("acct-s", 4_900_000, 0);
        deposit("acct-s", 4_750_000, 30);
        deposit("acct-s", 4_990_000, 60);
        List<AlertDraft> a = run("structuring");
        assertEquals(1, a.size());
        assertTrue(a.get(0).summary().startsWith("3 deposits"), a.get(0).summary());
        assertEquals(List.of(100L, 101L, 102L), a.get(0).evidence());
    }

    @Test
    void depositsAtTheThresholdOrFarBelowOrOnlyOnceAreNotStructuring() {
        deposit("acct-at", 5_000_000, 0); // at the threshold: reported anyway, nothing to evade
        deposit("acct-at", 5_000_000, 1);
        deposit("acct-low", 4_000_000, 0); // below the 10 % band
        deposit("acct-low", 4_400_000, 1);
        deposit("acct-once", 4_950_000, 0); // one near-threshold deposit is not a pattern
        assertEquals(List.of(), run("structuring"));
    }

    @Test
    void rapidInOutIsADepositWithdrawnWithoutTrading() {
        deposit("acct-r", 500_000, 0);
        trade("acct-r", "M", "YES", true, 10_000, 10_000, 600);
        withdraw("acct-r", 480_000, 90, null);
        List<AlertDraft> a = run("rapid-in-out");
        assertEquals(1, a.size());
        assertEquals(List.of(100L, 102L), a.get(0).evidence());
    }

    @Test
    void aWithdrawalAfterRealTradingOrOfLittleIsNotRapidInOut() {
        deposit("acct-t", 500_000, 0);
        trade("acct-t", "M", "YES", true, 200_000, 200_000, 600); // 40 % of the deposit traded
        withdraw("acct-t", 480_000, 90, null);
        deposit("acct-p", 500_000, 0);
        withdraw("acct-p", 100_000, 30, null); // takes back a fifth
        withdraw("acct-w", 480_000, 30, null); // no deposit today
        assertEquals(List.of(), run("rapid-in-out"));
    }

    @Test
    void linkedAccountsTakingOppositeSidesAreWashTrading() {
        profiles.put("acct-a", new AccountProfile("acct-a", "subj-1", null, "ref-a", null));
        profiles.put("acct-b", new AccountProfile("acct-b", "subj-1", null, "ref-b", null));
        trade("acct-a", "M", "YES", true, 20_000, 20_000, 0);
        trade("acct-b", "M", "NO", true, 20_000, 20_000, 30);
        List<AlertDraft> a = run("wash-linked-accounts");
        assertEquals(1, a.size());
        assertEquals("subj-1", a.get(0).subject());
        assertTrue(a.get(0).summary().contains("share a subject"), a.get(0).summary());
    }

    @Test
    void unlinkedAccountsOrLinkedOnesOnTheSameSideAreNot() {
        profiles.put("acct-a", new AccountProfile("acct-a", "subj-1", null, "ref-a", null));
        profiles.put("acct-b", new AccountProfile("acct-b", "subj-1", null, "ref-b", null));
        profiles.put("acct-c", new AccountProfile("acct-c", "subj-2", null, "ref-c", null));
        trade("acct-a", "M", "YES", true, 20_000, 20_000, 0);
        trade("acct-b", "M", "YES", true, 20_000, 20_000, 30); // same subject, same direction
        trade("acct-c", "M", "NO", true, 20_000, 20_000, 60); // opposite, but no link
        trade("acct-b", "N", "NO", true, 20_000, 20_000, 90); // opposite to a's YES, but in another market
        assertEquals(List.of(), run("wash-linked-accounts"));
    }

    @Test
    void aSharedDeviceOrPixKeyLinksAccountsToo() {
        profiles.put("acct-a", new AccountProfile("acct-a", "subj-1", null, "ref-x", null));
        profiles.put("acct-b", new AccountProfile("acct-b", "subj-2", null, "ref-x", null));
        trade("acct-a", "M", "YES", true, 20_000, 20_000, 0);
        trade("acct-b", "M", "YES", false, 20_000, 20_000, 30);
        assertTrue(run("wash-linked-accounts").get(0).summary().contains("share a PIX key"));
    }

    @Test
    void roundTripsNettingNearZeroAreWashTrading() {
        for (int i = 0; i < 3; i++) {
            trade("acct-rt", "M", "YES", true, 1_000, 1_000, i * 100);
            trade("acct-rt", "M", "YES", false, 990, 970, i * 100 + 50);
        }
        List<AlertDraft> a = run("wash-round-trips");
        assertEquals(1, a.size());
        assertEquals(6, a.get(0).evidence().size());
    }

    @Test
    void roundTripsThatBuildAPositionOrAreFewAreNot() {
        for (int i = 0; i < 3; i++) {
            trade("acct-build", "M", "YES", true, 1_000, 1_000, i * 100);
            trade("acct-build", "M", "YES", false, 300, 290, i * 100 + 50); // keeps 70 %: building a position
        }
        trade("acct-two", "M", "YES", true, 1_000, 1_000, 0);
        trade("acct-two", "M", "YES", false, 1_000, 980, 50);
        trade("acct-two", "M", "YES", true, 1_000, 1_000, 100);
        trade("acct-two", "M", "YES", false, 1_000, 980, 150);
        assertEquals(List.of(), run("wash-round-trips"));
    }

    @Test
    void repeatedOppositePairsWithinSecondsAreWashTrading() {
        for (int i = 0; i < 3; i++) {
            trade("acct-x", "M", "YES", true, 1_000, 1_000, i * 1_000);
            trade("acct-y", "M", "YES", false, 1_000, 980, i * 1_000 + 20);
        }
        List<AlertDraft> a = run("wash-repeated-pairs");
        assertEquals(1, a.size());
        assertTrue(a.get(0).summary().contains("3 times"), a.get(0).summary());
    }

    @Test
    void pairsFarApartOrOnTheSameSideAreNot() {
        for (int i = 0; i < 3; i++) {
            trade("acct-x", "M", "YES", true, 1_000, 1_000, i * 1_000);
            trade("acct-y", "M", "YES", false, 1_000, 980, i * 1_000 + 500); // 500 s later: outside the 120 s window
            trade("acct-z", "M", "YES", true, 1_000, 1_000, i * 1_000 + 10); // within seconds, same side as x
        }
        assertEquals(List.of(), run("wash-repeated-pairs"));
    }

    @Test
    void manyAccountsPaidToOnePixKeyReference() {
        for (String acct : List.of("acct-1", "acct-2", "acct-3")) {
            acts.add(new Payout(seq++, at(1), acct, 1_000, "pix_key-shared"));
        }
        withdraw("acct-4", 1_000, 2, "pix_key-own");
        withdraw("acct-5", 1_000, 2, null); // a clear-key event of before issue 12: never read
        List<AlertDraft> a = run("shared-pix-key");
        assertEquals(1, a.size());
        assertTrue(a.get(0).summary().startsWith("3 accounts"), a.get(0).summary());
    }

    @Test
    void twoAccountsOnAKeyOrOneAccountManyTimesIsNotShared() {
        acts.add(new Payout(seq++, at(1), "acct-1", 1_000, "pix_key-a"));
        acts.add(new Payout(seq++, at(1), "acct-2", 1_000, "pix_key-a"));
        for (int i = 0; i < 5; i++) {
            acts.add(new Payout(seq++, at(2), "acct-3", 1_000, "pix_key-b"));
        }
        assertEquals(List.of(), run("shared-pix-key"));
    }

    @Test
    void aDayIsEvaluatedOnlyWhenItIsOver() {
        deposit("acct-s", 4_900_000, 0);
        Clock during = Clock.fixed(Instant.parse("2026-11-27T23:59:59Z"), ZoneOffset.UTC);
        assertThrows(Evaluation.DayNotOverException.class,
                () -> Evaluation.run(Scenarios.registry().active(), new DayInput(DAY, acts, profiles, baselines), during));
    }

    @Test
    void aDefinitionIsImmutableAChangeIsANewVersion() {
        ScenarioRegistry r = Scenarios.registry();
        ScenarioDefinition v1 = r.find("structuring", 1).orElseThrow();
        r.register(ScenarioDefinition.of("structuring", 1, v1.rule(), "another title", v1.params())); // same rule: fine
        Map<String, Long> lower = new HashMap<>(v1.params());
        lower.put("threshold", 1_000_000L);
        BadInputException e = assertThrows(BadInputException.class,
                () -> r.register(ScenarioDefinition.of("structuring", 1, v1.rule(), v1.title(), lower)));
        assertTrue(e.getMessage().contains("new version"), e.getMessage());
        r.register(ScenarioDefinition.of("structuring", 2, v1.rule(), v1.title(), lower));
        assertEquals(2, r.active().stream().filter(d -> d.id().equals("structuring")).findFirst().orElseThrow().version());
        assertEquals(v1, r.find("structuring", 1).orElseThrow());
    }
}

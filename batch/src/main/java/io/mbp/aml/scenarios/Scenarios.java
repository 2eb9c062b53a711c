package io.mbp.aml.scenarios;

import java.util.List;
import java.util.Map;

/**
 * The shipped scenario definitions (docs/aml.md lists each with its reasoning). Append a new version
 * here to change a rule; never edit a released one (the registry and the log refuse it, ADR 0713).
 * Money in centavos, ratios in percent, windows in seconds.
 */
public final class Scenarios {
    public static final List<ScenarioDefinition> STANDARD = List.of(
            ScenarioDefinition.of("unusual-volume", 1, "volume-vs-baseline/1",
                    "Volume far above the account's own daily average",
                    Map.of("baseline_days", 30L, "min_active_days", 3L, "multiple_pct", 500L, "min_volume", 500_000L)),
            ScenarioDefinition.of("structuring", 1, "near-threshold-deposits/1",
                    "Several deposits just under a reporting threshold on one day",
                    Map.of("threshold", 5_000_000L, "band_pct", 10L, "min_count", 2L)),
            ScenarioDefinition.of("rapid-in-out", 1, "deposit-withdraw/1",
                    "Money deposited and withdrawn again with little trading in between",
                    Map.of("window_seconds", 86_400L, "min_amount", 100_000L, "min_out_pct", 80L, "max_traded_pct", 10L)),
            ScenarioDefinition.of("wash-linked-accounts", 1, "linked-opposite-trades/1",
                    "Accounts of one subject, device or PIX key trading against each other in one market",
                    Map.of("min_trades_each", 1L, "min_cost_each", 10_000L)),
            ScenarioDefinition.of("wash-round-trips", 1, "round-trips/1",
                    "Repeated buy/sell round trips in one market netting near zero",
                    Map.of("min_round_trips", 3L, "max_net_pct", 10L)),
            ScenarioDefinition.of("wash-repeated-pairs", 1, "repeated-pairs/1",
                    "Two accounts repeatedly taking opposite sides in one market within seconds",
                    Map.of("window_seconds", 120L, "min_pairs", 3L)),
            ScenarioDefinition.of("shared-pix-key", 1, "shared-payee-key/1",
                    "Payouts of many accounts to one PIX key",
                    Map.of("min_accounts", 3L)));

    private Scenarios() {
    }

    public static ScenarioRegistry registry() {
        return ScenarioRegistry.of(STANDARD);
    }
}

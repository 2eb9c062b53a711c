package io.mbp.aml;

import io.mbp.aml.scenarios.AccountProfile;
import io.mbp.aml.scenarios.Activity;
import io.mbp.aml.scenarios.DayInput;
import io.mbp.events.EventLog;
import io.mbp.events.EventPayload;
import io.mbp.events.EventTypes;
import io.mbp.events.Timestamps;
import io.mbp.kyc.KycAccounts;
import io.mbp.kyc.KycEvents;
import io.mbp.kyc.KycSubmitted;
import io.mbp.market.DepositReceived;
import io.mbp.market.MarketEvent;
import io.mbp.market.OrderFilled;
import io.mbp.market.WithdrawalRequested;
import io.mbp.payout.PayoutEvent;
import io.mbp.payout.PayoutInstructed;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jooq.DSLContext;

/**
 * Reads one UTC day of money and trading events from the log, the accounts' profiles from the KYC
 * projection, and each account's baseline over the days before. Events with a clear PIX key (logged
 * before issue 12) keep no key reference here: the rules never see a clear key.
 */
final class DayLoader {
    static final List<String> TYPES = List.of("DepositReceived", "WithdrawalRequested", "OrderFilled", "PayoutInstructed");
    private static final EventTypes DECODE = EventTypes.of(MarketEvent.class, PayoutEvent.class);

    private DayLoader() {
    }

    static DayInput load(DSLContext dsl, LocalDate date, long baselineDays) {
        Instant from = date.atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant to = date.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant baselineFrom = date.minusDays(baselineDays).atStartOfDay(ZoneOffset.UTC).toInstant();
        List<Activity> day = new ArrayList<>();
        Map<String, Long> volume = new HashMap<>();
        Map<String, Set<LocalDate>> active = new HashMap<>();
        EventLog.forEachOfTypes(dsl, TYPES, e -> {
            Instant ts = Timestamps.parse("ts", e.ts());
            if (ts.isBefore(baselineFrom) || !ts.isBefore(to)) {
                return;
            }
            Activity a = activity(e.seq(), ts.getEpochSecond(), DECODE.decode(e.type(), e.payload()));
            if (ts.isBefore(from)) {
                long v = DayInput.volume(a);
                if (v > 0) {
                    volume.merge(a.account(), v, Long::sum);
                    active.computeIfAbsent(a.account(), k -> new HashSet<>()).add(ts.atZone(ZoneOffset.UTC).toLocalDate());
                }
            } else {
                day.add(a);
            }
        });
        Map<String, DayInput.Baseline> baselines = new HashMap<>();
        volume.forEach((acct, v) -> baselines.put(acct, new DayInput.Baseline(baselineDays, active.get(acct).size(), v)));
        Map<String, String> persons = new HashMap<>();
        EventLog.forEachOfTypes(dsl, List.of("KycSubmitted"), e -> {
            KycSubmitted s = (KycSubmitted) KycEvents.TYPES.decode(e.type(), e.payload());
            persons.put(s.account(), s.cpfRef());
        });
        Map<String, AccountProfile> profiles = new HashMap<>();
        KycAccounts.all(dsl).forEach((acct, row) -> profiles.put(acct,
                new AccountProfile(acct, row.subject(), persons.get(acct), row.pixKeyRef(), null)));
        return new DayInput(date, day, profiles, baselines);
    }

    private static Activity activity(long seq, long at, EventPayload p) {
        return switch (p) {
            case DepositReceived d -> new Activity.Deposit(seq, at, d.account(), d.amount());
            case WithdrawalRequested w -> new Activity.Withdrawal(seq, at, w.account(), w.amount(), w.pixKeyRef());
            case OrderFilled f -> new Activity.Trade(seq, at, f.account(), f.market(), f.outcome(), "buy".equals(f.side()), f.shares(), f.cost());
            case PayoutInstructed i -> new Activity.Payout(seq, at, i.account(), i.amount(), i.pixKeyRef());
            default -> throw new IllegalStateException("not an AML input: " + p.getClass().getSimpleName());
        };
    }
}

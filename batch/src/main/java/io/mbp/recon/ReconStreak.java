package io.mbp.recon;

import io.mbp.events.EventLog;
import io.mbp.sql.Database;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The D+1 reconciliation rate per day over a window ending at {@code to}, from the log alone: a
 * day's rate is its last {@link ReconCompleted} (the recon service logs a result only when it
 * changes, so the last one is the day's current standing). A day counts as full only at 100.00%;
 * a day with no result is a gap, never a pass (ADR 0513). Used by {@code mbp recon streak}, the
 * nightly's {@code --recon-fail-under} and the Go/No-Go gate.
 */
public record ReconStreak(LocalDate from, LocalDate to, List<Day> days) {
    public static final long FULL = 10_000;

    public ReconStreak {
        days = List.copyOf(days);
    }

    /** One date: its rate in basis points (null: no result logged) and the event that says so. */
    public record Day(String date, Long basisPoints, String rate, long open, Long seq) {
        public boolean logged() {
            return basisPoints != null;
        }

        public boolean full() {
            return basisPoints != null && basisPoints >= FULL;
        }
    }

    /** Every day logged and at 100%. */
    public boolean unbroken() {
        return days.stream().allMatch(Day::full);
    }

    public long fullDays() {
        return days.stream().filter(Day::full).count();
    }

    public List<String> missing() {
        return days.stream().filter(d -> !d.logged()).map(Day::date).toList();
    }

    public List<String> below() {
        return days.stream().filter(d -> d.logged() && !d.full()).map(d -> d.date() + " " + d.rate() + "%").toList();
    }

    /** The {@code n} days ending at {@code to} inclusive, read from {@code db}'s log. */
    public static ReconStreak read(Database db, LocalDate to, int n) {
        Map<String, Day> last = new HashMap<>();
        new EventLog(db).forEachOfTypes(List.of("ReconCompleted"), e -> {
            ReconCompleted c = (ReconCompleted) ReconEvents.TYPES.decode(e.type(), e.payload());
            last.put(c.date(), new Day(c.date(), basisPoints(c.rate()), c.rate(), c.exceptionsOpen(), e.seq()));
        });
        return over(last, to, n);
    }

    public static ReconStreak over(Map<String, Day> last, LocalDate to, int n) {
        if (n < 1) {
            throw new io.mbp.error.BadInputException("--days " + n + ": must be at least 1");
        }
        List<Day> days = new ArrayList<>();
        for (LocalDate d = to.minusDays(n - 1L); !d.isAfter(to); d = d.plusDays(1)) {
            days.add(last.getOrDefault(d.toString(), new Day(d.toString(), null, null, 0, null)));
        }
        return new ReconStreak(to.minusDays(n - 1L), to, days);
    }

    /** "99.52" to 9952; integer arithmetic only, the rate is a two-place decimal string (ReconCompleted). */
    public static long basisPoints(String rate) {
        int dot = rate.indexOf('.');
        String whole = dot < 0 ? rate : rate.substring(0, dot);
        String frac = dot < 0 ? "00" : (rate.substring(dot + 1) + "00").substring(0, 2);
        return Long.parseLong(whole) * 100 + Long.parseLong(frac);
    }
}

package io.mbp.evidence;

import io.mbp.payout.Payout;
import io.mbp.payout.PayoutBook;
import io.mbp.payout.PayoutEvent;
import io.mbp.payout.PayoutService;
import io.mbp.recon.ReconCompleted;
import io.mbp.recon.ReconStreak;
import io.mbp.sql.Database;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * S23: the last 14 days of D+1 reconciliation (ending at the last date the log reconciled, so the
 * window depends on the log alone) with each day's payouts MTTR p95 against its 4 h target (ADR 0513).
 */
final class ReconStreakReport implements EvidenceReport {
    static final int DAYS = 14;

    @Override
    public String name() {
        return "recon-streak";
    }

    @Override
    public Sprint section() {
        return Sprint.S23;
    }

    @Override
    public Pass open(Database db, long treeSize) {
        Map<String, ReconStreak.Day> last = new HashMap<>();
        PayoutBook book = new PayoutBook();
        Set<String> types = new java.util.HashSet<>(PayoutService.TYPES);
        types.add("ReconCompleted");
        return Decoded.pass(types, (seq, ts, p) -> {
            if (p instanceof ReconCompleted c) {
                last.put(c.date(), new ReconStreak.Day(c.date(), ReconStreak.basisPoints(c.rate()), c.rate(), c.exceptionsOpen(), seq));
            } else if (p instanceof PayoutEvent e) {
                book.apply(e, ts);
            }
        }, () -> {
            List<String> out = new ArrayList<>();
            if (last.isEmpty()) {
                out.add("recon streak: no evidence (no ReconCompleted in the log: `mbp recon d1`)");
                return out;
            }
            LocalDate end = last.keySet().stream().map(LocalDate::parse).max(LocalDate::compareTo).orElseThrow();
            ReconStreak s = ReconStreak.over(last, end, DAYS);
            out.add("recon streak " + s.from() + ".." + s.to() + " full " + s.fullDays() + "/" + DAYS + (s.unbroken() ? " unbroken" : " BROKEN"));
            java.util.Collection<Payout> all = book.all();
            for (ReconStreak.Day d : s.days()) {
                Instant from = LocalDate.parse(d.date()).atStartOfDay(ZoneOffset.UTC).toInstant();
                PayoutService.Mttr m = PayoutService.Mttr.over(all, from, from.plusSeconds(86_400));
                out.add("day " + d.date() + " recon " + (d.logged() ? d.rate() + "% open " + d.open() + " seq " + d.seq() : "no result")
                        + " mttr " + (m.samples() == 0 ? "none" : "p95 " + m.p95() + " n " + m.samples()) + (m.targetMet() ? "" : " MISSED"));
            }
            return out;
        });
    }
}

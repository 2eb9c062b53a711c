package io.mbp.evidence;

import io.mbp.payout.Payout;
import io.mbp.payout.PayoutBook;
import io.mbp.payout.PayoutEvent;
import io.mbp.payout.PayoutService;
import io.mbp.payout.PayoutStatus;
import io.mbp.sql.Database;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Per payout instruction: its status, amount and E2EID, folded by the payouts engine's {@link PayoutBook};
 * with the MTTR of payouts that failed before they were confirmed.
 */
final class PayoutsReport implements EvidenceReport {
    @Override
    public String name() {
        return "payouts";
    }

    @Override
    public Pass open(Database db, long treeSize) {
        PayoutBook book = new PayoutBook();
        long[] at = {-1};
        return Decoded.replaying(PayoutService.TYPES, (seq, ts, p) -> {
            at[0] = seq;
            book.apply((PayoutEvent) p, ts);
        }, e -> new ArrayList<>(List.of("payouts do not replay at seq " + at[0] + ": " + e.getClass().getSimpleName())),
                () -> lines(book));
    }

    private static List<String> lines(PayoutBook book) {
        List<String> out = new ArrayList<>();
        Map<PayoutStatus, long[]> byStatus = new TreeMap<>();
        for (Payout p : book.all()) {
            long[] c = byStatus.computeIfAbsent(p.status(), k -> new long[2]);
            c[0]++;
            c[1] += p.amount();
            out.add("payout " + p.id() + " " + p.status().name().toLowerCase() + " amount " + p.amount() + " e2eid "
                    + (p.e2eid() == null ? "-" : p.e2eid()) + (p.returnedAmount() > 0 ? " returned " + p.returnedAmount() : ""));
        }
        List<String> head = new ArrayList<>();
        head.add("payouts " + book.size());
        byStatus.forEach((s, c) -> head.add("status " + s.name().toLowerCase() + " " + c[0] + " amount " + c[1]));
        // MTTR (first failure to confirmation) over every payout in the bundle, for S20/S23 (roadmap: p95 <= 4 h)
        PayoutService.Mttr mttr = PayoutService.Mttr.over(book.all(), java.time.Instant.MIN, java.time.Instant.MAX);
        head.add("mttr recovered " + mttr.samples() + (mttr.samples() == 0 ? "" : " p50 " + mttr.p50() + " p95 " + mttr.p95()
                + " max " + mttr.max()) + " target p95 " + PayoutService.Mttr.TARGET_P95 + (mttr.targetMet() ? " met" : " MISSED"));
        head.addAll(out);
        return head;
    }
}

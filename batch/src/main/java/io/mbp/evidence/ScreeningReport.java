package io.mbp.evidence;

import io.mbp.events.Timestamps;
import io.mbp.screening.ScreeningListImported;
import io.mbp.screening.ScreeningQueried;
import io.mbp.screenhooks.PayoutHeld;
import io.mbp.screenhooks.PayoutHoldDecided;
import io.mbp.screenhooks.ScreeningAlertOpened;
import io.mbp.screenhooks.ScreeningHit;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * S20 screening (issue 13): each list's newest version and its freshness (age at the bundle's last
 * event against the 1 h maximum: stale or fresh), a sample of the screening queries (first and last
 * {@value #SAMPLE}: who, the name as a keyed reference, list versions, hits as list entity refs;
 * never a name), hits by context, payout holds and their review, and alerts. Events only.
 */
final class ScreeningReport implements EvidenceReport {
    static final int SAMPLE = 5;
    static final Duration MAX_AGE = Duration.ofHours(1);
    static final Set<String> TYPES = Set.of("ScreeningListImported", "ScreeningQueried", "ScreeningHit", "PayoutHeld",
            "PayoutHoldDecided", "ScreeningAlertOpened");

    @Override
    public String name() {
        return "screening";
    }

    @Override
    public Sprint section() {
        return Sprint.S20;
    }

    @Override
    public Pass open(io.mbp.sql.Database db, long treeSize) {
        Map<String, ScreeningListImported> lists = new TreeMap<>();
        Map<String, Instant> importedAt = new TreeMap<>();
        List<String> queries = new ArrayList<>();
        long[] withHits = new long[1];
        Map<String, Long> hitsByContext = new TreeMap<>(Map.of("onboarding", 0L, "payout", 0L, "list-delta", 0L));
        Set<String> hitAccounts = new HashSet<>();
        Set<String> held = new HashSet<>();
        Map<String, Long> decisions = new TreeMap<>(Map.of(PayoutHoldDecided.RELEASED, 0L, PayoutHoldDecided.CONFIRMED, 0L));
        long[] holds = new long[1];
        long[] alerts = new long[1];
        EvidenceReport.Pass typed = Decoded.pass(TYPES, (seq, ts, p) -> {
            switch (p) {
                case ScreeningListImported i -> {
                    lists.put(i.listId(), i);
                    importedAt.put(i.listId(), ts);
                }
                case ScreeningQueried q -> {
                    if (q.hitCount() > 0) {
                        withHits[0]++;
                    }
                    queries.add("seq " + seq + " actor " + q.actor() + " name_ref " + q.nameRef() + " lists "
                            + String.join(",", q.listVersions()) + " hits " + q.hitCount() + (q.hits().isEmpty() ? ""
                            : " [" + String.join("; ", q.hits()) + "]"));
                }
                case ScreeningHit h -> {
                    hitsByContext.merge(h.context(), 1L, Long::sum);
                    hitAccounts.add(h.account());
                }
                case PayoutHeld h -> {
                    holds[0]++;
                    held.add(h.instructionId());
                }
                case PayoutHoldDecided d -> {
                    decisions.merge(d.decision(), 1L, Long::sum);
                    held.remove(d.instructionId());
                }
                case ScreeningAlertOpened a -> alerts[0]++;
                default -> {
                }
            }
        }, List::of);
        return new Pass() {
            private String lastTs;

            @Override
            public void accept(LogRow e) {
                if (e.seq() == treeSize - 1) {
                    lastTs = e.ts();
                }
                typed.accept(e);
            }

            @Override
            public List<String> finish() {
                // "now" of the report is the bundle's last event, so replay on the same events says the same
                Instant last = treeSize == 0 ? null : Timestamps.parse("ts", lastTs);
                return lines(last, lists, importedAt, queries, withHits[0], hitsByContext, hitAccounts, held, decisions, holds[0], alerts[0]);
            }
        };
    }

    private static List<String> lines(Instant last, Map<String, ScreeningListImported> lists, Map<String, Instant> importedAt, List<String> queries,
                                      long withHits, Map<String, Long> hitsByContext, Set<String> hitAccounts, Set<String> held,
                                      Map<String, Long> decisions, long holds, long alerts) {
        List<String> out = new ArrayList<>();
        out.add("screening lists " + lists.size() + " (fresh: imported within " + MAX_AGE.toMinutes() + " min of the last event"
                + (last == null ? "" : ", " + last) + ")");
        lists.forEach((id, v) -> {
            long age = last == null ? 0 : Math.max(0, Duration.between(importedAt.get(id), last).toSeconds());
            out.add("  list " + id + " version " + v.version() + " format " + v.format() + " entities " + v.entityCount() + " sha256 "
                    + v.fileHash() + " imported " + importedAt.get(id) + " age-seconds " + age + " "
                    + (age > MAX_AGE.toSeconds() ? "STALE" : "fresh"));
        });
        out.add("screening queries " + queries.size() + " with-hits " + withHits + " (sample: first and last " + SAMPLE + ")");
        for (int i = 0; i < queries.size(); i++) {
            if (i < SAMPLE || i >= queries.size() - SAMPLE) {
                out.add("  query " + queries.get(i));
            }
        }
        long hits = hitsByContext.values().stream().mapToLong(Long::longValue).sum();
        out.add("screening hits " + hits + " accounts " + hitAccounts.size());
        hitsByContext.forEach((c, n) -> out.add("  hits " + c + " " + n));
        out.add("payout holds " + holds + " released " + decisions.get(PayoutHoldDecided.RELEASED) + " confirmed "
                + decisions.get(PayoutHoldDecided.CONFIRMED) + " awaiting-review " + held.size());
        out.add("screening alerts opened " + alerts);
        return out;
    }
}

package io.mbp.evidence;

import io.mbp.appeals.AppealDecided;
import io.mbp.appeals.AppealOpened;
import io.mbp.dsr.DsrAnswered;
import io.mbp.dsr.DsrRequested;
import io.mbp.events.Timestamps;
import io.mbp.kyc.KycStatus;
import io.mbp.kyc.KycStatusChanged;
import io.mbp.kyc.KycSubmitted;
import io.mbp.privacy.ConsentGranted;
import io.mbp.privacy.ConsentRevoked;
import io.mbp.privacy.DekDestroyed;
import io.mbp.privacy.FieldDecrypted;
import io.mbp.privacy.SubjectArchived;
import io.mbp.privacy.retention.ErasureScheduled;
import io.mbp.privacy.retention.RetentionApplied;
import io.mbp.sql.Database;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * S20 privacy compliance (issue 12): consents per purpose, the KYC funnel (accounts per current
 * state), data-subject requests and their answer times against the deadline, erasures and the cold
 * tier, each retention run, appeals, and a sample of the decryption audit (first and last
 * {@value #SAMPLE} reads: who, which field, why; never a value). Events only, so replay recomputes it.
 */
final class PrivacyReport implements EvidenceReport {
    static final int SAMPLE = 5;
    static final Set<String> TYPES = Set.of("ConsentGranted", "ConsentRevoked", "KycSubmitted", "KycStatusChanged", "DsrRequested",
            "DsrAnswered", "FieldDecrypted", "DekDestroyed", "SubjectArchived", "ErasureScheduled", "RetentionApplied", "AppealOpened",
            "AppealDecided");

    @Override
    public String name() {
        return "privacy";
    }

    @Override
    public Sprint section() {
        return Sprint.S20;
    }

    @Override
    public Pass open(Database db, long treeSize) {
        Map<String, long[]> consents = new TreeMap<>();
        Map<String, String> state = new TreeMap<>();
        Map<String, DsrRequested> requests = new HashMap<>();
        Map<String, Long> answers = new TreeMap<>();
        long[] dsr = new long[4]; // requested, answered, late, longest answer in hours
        Set<String> shredded = new HashSet<>();
        Set<String> waiting = new HashSet<>();
        long[] archived = new long[1];
        List<String> runs = new ArrayList<>();
        List<String> reads = new ArrayList<>();
        Map<String, AppealOpened> appeals = new HashMap<>();
        Map<String, Long> appealOutcomes = new TreeMap<>();
        long[] lateAppeals = new long[1];
        return Decoded.pass(TYPES, (seq, ts, p) -> {
            switch (p) {
                case ConsentGranted g -> consents.computeIfAbsent(g.purpose(), k -> new long[2])[0]++;
                case ConsentRevoked r -> consents.computeIfAbsent(r.purpose(), k -> new long[2])[1]++;
                case KycSubmitted s -> state.put(s.account(), KycStatus.PENDING.code());
                case KycStatusChanged c -> state.put(c.account(), c.to());
                case DsrRequested q -> {
                    requests.put(q.request(), q);
                    dsr[0]++;
                }
                case DsrAnswered a -> {
                    dsr[1]++;
                    answers.merge(a.kind() + " " + a.outcome(), 1L, Long::sum);
                    DsrRequested q = requests.get(a.request());
                    if (q != null) {
                        if (ts.isAfter(Timestamps.parse("due", q.due()))) {
                            dsr[2]++;
                        }
                        dsr[3] = Math.max(dsr[3], Duration.between(Timestamps.parse("received_at", q.receivedAt()), ts).toHours());
                    }
                }
                case FieldDecrypted f -> reads.add("seq " + seq + " subject " + f.subject() + " field " + f.field() + " actor "
                        + f.actor() + " purpose " + f.purpose());
                case DekDestroyed d -> {
                    shredded.add(d.subject());
                    waiting.remove(d.subject());
                }
                case SubjectArchived a -> archived[0]++;
                case ErasureScheduled e -> waiting.add(e.subject());
                case RetentionApplied r -> runs.add("retention run as of " + r.asOf() + " subjects " + r.subjects() + " archived "
                        + r.archived() + " shredded " + r.shredded() + " erasures-executed " + r.erasuresExecuted() + " rescheduled "
                        + r.rescheduled());
                case AppealOpened o -> appeals.put(o.appeal(), o);
                case AppealDecided d -> {
                    appealOutcomes.merge(d.outcome(), 1L, Long::sum);
                    AppealOpened o = appeals.get(d.appeal());
                    if (o != null && ts.isAfter(Timestamps.parse("due", o.due()))) {
                        lateAppeals[0]++;
                    }
                }
                default -> {
                }
            }
        }, () -> {
            List<String> out = new ArrayList<>();
            out.add("consents purposes " + consents.size());
            consents.forEach((p, n) -> out.add("  consent " + p + " granted " + n[0] + " revoked " + n[1]));
            Map<String, Long> funnel = new TreeMap<>();
            for (KycStatus s : KycStatus.values()) {
                funnel.put(s.code(), 0L);
            }
            state.values().forEach(s -> funnel.merge(s, 1L, Long::sum));
            out.add("kyc accounts " + state.size());
            funnel.forEach((s, n) -> out.add("  kyc " + s + " " + n));
            out.add("dsr requests " + dsr[0] + " answered " + dsr[1] + " open " + (dsr[0] - dsr[1]) + " answered-late " + dsr[2]
                    + " longest-answer-hours " + dsr[3]);
            answers.forEach((k, n) -> out.add("  dsr " + k + " " + n));
            out.add("erasure subjects-shredded " + shredded.size() + " scheduled-waiting " + waiting.size() + " archived-events " + archived[0]);
            out.add("retention runs " + runs.size());
            runs.forEach(r -> out.add("  " + r));
            long decided = appealOutcomes.values().stream().mapToLong(Long::longValue).sum();
            out.add("appeals opened " + appeals.size() + " decided " + decided + " open " + (appeals.size() - decided) + " decided-late "
                    + lateAppeals[0]);
            appealOutcomes.forEach((k, n) -> out.add("  appeal " + k + " " + n));
            out.add("decryptions " + reads.size() + " (sample: first and last " + SAMPLE + ")");
            for (int i = 0; i < reads.size(); i++) {
                if (i < SAMPLE || i >= reads.size() - SAMPLE) {
                    out.add("  read " + reads.get(i));
                }
            }
            return out;
        });
    }
}

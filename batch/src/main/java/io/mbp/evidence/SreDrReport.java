package io.mbp.evidence;

import io.mbp.chaos.EvidenceKind;
import io.mbp.chaos.GameDayRecorded;
import io.mbp.chaos.SreEvidenceRecorded;
import io.mbp.events.Timestamps;
import io.mbp.incident.Incident;
import io.mbp.incident.IncidentEvent;
import io.mbp.incident.Incidents;
import io.mbp.incident.Severity;
import io.mbp.sql.Database;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * S21 SRE/DR (issue 14): the DR drill reports, game days, SLO reports and rule checks filed in the
 * log (ADR 0016), and the incidents with their time to restore and the P1 count of the GA gate
 * (ADR 0017). A kind with nothing filed says "no evidence" and the command that files it: an absent
 * drill is stated, never implied. Events only, so replay recomputes it.
 */
final class SreDrReport implements EvidenceReport {
    /** The GA gate asks for two passing DR drills. */
    static final int DRILLS_WANTED = 2;

    @Override
    public String name() {
        return "sre-dr";
    }

    @Override
    public Sprint section() {
        return Sprint.S21;
    }

    @Override
    public Pass open(Database db, long treeSize) {
        Set<String> types = new HashSet<>(Decoded.typesOf(IncidentEvent.class));
        types.add("GameDayRecorded");
        types.add("SreEvidenceRecorded");
        Incidents incidents = new Incidents();
        List<String> gameDays = new ArrayList<>();
        Map<EvidenceKind, List<String>> filed = new EnumMap<>(EvidenceKind.class);
        long[] verdicts = new long[4];
        return Decoded.pass(types, (seq, ts, p) -> {
            switch (p) {
                case IncidentEvent i -> incidents.apply(i, Timestamps.format(ts));
                case GameDayRecorded g -> {
                    verdicts[io.mbp.chaos.Verdict.valueOf(g.verdict()).ordinal()]++;
                    gameDays.add("game-day " + g.run() + " " + g.scenario() + " " + g.verdict() + " " + g.startedAt() + ".."
                            + g.finishedAt() + " report sha256 " + g.reportSha256() + " seq " + seq);
                    g.measurements().forEach(m -> gameDays.add("  " + m));
                    g.checks().stream().filter(c -> c.contains("|fail|")).forEach(c -> gameDays.add("  failed " + c));
                    if (g.reason() != null) {
                        gameDays.add("  reason: " + g.reason());
                    }
                }
                case SreEvidenceRecorded r -> filed.computeIfAbsent(EvidenceKind.parse("kind", r.kind()), k -> new ArrayList<>())
                        .add(r.kind() + " " + r.name() + " sha256 " + r.sha256() + " seq " + seq
                                + (r.fields().isEmpty() ? "" : " " + String.join(" ", r.fields())));
                default -> {
                }
            }
        }, () -> {
            List<String> out = new ArrayList<>();
            for (EvidenceKind k : EvidenceKind.values()) {
                List<String> lines = filed.getOrDefault(k, List.of());
                if (k == EvidenceKind.DR_DRILL) {
                    long passed = lines.stream().filter(l -> l.contains(" verified=true")).count();
                    out.add("dr drills " + lines.size() + " verified " + passed + " (GA gate: " + DRILLS_WANTED + " verified)");
                }
                if (lines.isEmpty()) {
                    out.add(k.wire() + ": no evidence (file a report with `mbp chaos record --kind " + k.wire() + " --file FILE`)");
                }
                out.addAll(lines);
            }
            out.add("game days " + gameDays.stream().filter(l -> l.startsWith("game-day ")).count() + " pass " + verdicts[0] + " fail "
                    + verdicts[1] + " aborted " + verdicts[2] + " skipped " + verdicts[3]);
            if (gameDays.isEmpty()) {
                out.add("game-day: no evidence (run one with `mbp chaos run SCENARIO --out DIR`)");
            }
            out.addAll(gameDays);
            incidents(incidents.all(), out);
            return out;
        });
    }

    private static void incidents(List<Incident> all, List<String> out) {
        Map<Severity, Long> bySeverity = new EnumMap<>(Severity.class);
        all.forEach(i -> bySeverity.merge(i.severity(), 1L, Long::sum));
        Duration mttr = Incidents.meanTimeToRestore(all);
        out.add("incidents " + all.size() + " open " + all.stream().filter(Incident::open).count() + " p1 "
                + bySeverity.getOrDefault(Severity.P1, 0L) + " p2 " + bySeverity.getOrDefault(Severity.P2, 0L) + " p3 "
                + bySeverity.getOrDefault(Severity.P3, 0L) + " p4 " + bySeverity.getOrDefault(Severity.P4, 0L) + " mttr_seconds "
                + (mttr == null ? "none resolved" : mttr.toSeconds()));
        for (Incident i : all) {
            out.add("incident " + i.id() + " " + i.severity() + " " + i.service() + " started " + i.startedAt()
                    + (i.open() ? " open (" + i.status() + ")" : " restored " + i.restoredAt() + " ttr_seconds "
                    + i.timeToRestore().toSeconds() + " target " + (i.timeToRestore().compareTo(i.severity().restoreTarget()) <= 0
                    ? "met" : "missed") + " rca: " + i.rca()));
        }
    }
}

package io.mbp.evidence;

import io.mbp.aml.AmlAlertOpened;
import io.mbp.aml.AmlCaseDecided;
import io.mbp.aml.AmlCaseOpened;
import io.mbp.aml.AmlCoafDrafted;
import io.mbp.aml.AmlEvent;
import io.mbp.aml.AmlScenarioRegistered;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * S20 AML monitoring (docs/aml.md): per scenario version its definition hash, alerts by current status
 * (open, in-case, closed as false positive, escalated), and the median minutes from an alert's opening
 * to its case's decision (the lower middle of an even count: integers only); cases by decision; each
 * COAF draft with its decision time and deadline. Events only, so replay recomputes it.
 */
final class AmlReport implements EvidenceReport {
    static final Set<String> TYPES = Decoded.typesOf(AmlEvent.class);

    @Override
    public String name() {
        return "aml";
    }

    @Override
    public Sprint section() {
        return Sprint.S20;
    }

    @Override
    public Pass open(io.mbp.sql.Database db, long treeSize) {
        Map<String, String> hashes = new TreeMap<>();
        Map<String, String> scenarioOf = new HashMap<>(); // alert -> scenario@version
        Map<String, Instant> openedAt = new HashMap<>();
        Map<String, String> status = new HashMap<>();
        Map<String, List<String>> caseAlerts = new HashMap<>();
        Map<String, Long> decisions = new TreeMap<>();
        Map<String, List<Long>> minutes = new TreeMap<>();
        long[] cases = new long[1];
        List<String> drafts = new ArrayList<>();
        return Decoded.pass(TYPES, (seq, ts, p) -> {
            switch (p) {
                case AmlScenarioRegistered s -> hashes.put(s.scenario() + "@" + s.version(), s.contentHash());
                case AmlAlertOpened a -> {
                    scenarioOf.put(a.alert(), a.scenario() + "@" + a.scenarioVersion());
                    openedAt.put(a.alert(), ts);
                    status.put(a.alert(), "open");
                }
                case AmlCaseOpened c -> {
                    cases[0]++;
                    caseAlerts.put(c.caseId(), c.alerts());
                    c.alerts().forEach(a -> status.put(a, "in-case"));
                }
                case AmlCaseDecided d -> {
                    decisions.merge(d.decision(), 1L, Long::sum);
                    for (String a : caseAlerts.getOrDefault(d.caseId(), List.of())) {
                        status.put(a, AmlCaseDecided.ESCALATED.equals(d.decision()) ? "escalated" : "closed");
                        if (openedAt.containsKey(a)) {
                            minutes.computeIfAbsent(scenarioOf.get(a), k -> new ArrayList<>())
                                    .add(Duration.between(openedAt.get(a), ts).toMinutes());
                        }
                    }
                }
                case AmlCoafDrafted c -> drafts.add("  coaf " + c.draft() + " case " + c.caseId() + " decided " + c.decidedAt() + " due " + c.due());
                default -> {
                }
            }
        }, () -> {
            Map<String, long[]> byScenario = new TreeMap<>(); // open, in-case, closed, escalated
            hashes.keySet().forEach(s -> byScenario.put(s, new long[4]));
            status.forEach((alert, st) -> {
                long[] n = byScenario.computeIfAbsent(scenarioOf.get(alert), k -> new long[4]);
                n[switch (st) {
                    case "open" -> 0;
                    case "in-case" -> 1;
                    case "closed" -> 2;
                    default -> 3;
                }]++;
            });
            List<String> out = new ArrayList<>();
            out.add("aml scenarios " + byScenario.size() + " alerts " + status.size());
            byScenario.forEach((s, n) -> {
                List<Long> m = minutes.getOrDefault(s, List.of()).stream().sorted().toList();
                out.add("  scenario " + s + " hash " + hashes.getOrDefault(s, "external") + " alerts " + (n[0] + n[1] + n[2] + n[3]) + " open "
                        + n[0] + " in-case " + n[1] + " closed-false-positive " + n[2] + " escalated " + n[3] + " decided " + m.size()
                        + " median-minutes-to-decision " + (m.isEmpty() ? "-" : String.valueOf(m.get((m.size() - 1) / 2))));
            });
            long decided = decisions.values().stream().mapToLong(Long::longValue).sum();
            out.add("aml cases " + cases[0] + " decided " + decided + " open " + (cases[0] - decided));
            decisions.forEach((d, n) -> out.add("  case " + d + " " + n));
            out.add("aml coaf-drafts " + drafts.size());
            out.addAll(drafts);
            return out;
        });
    }
}

package io.mbp.evidence;

import io.mbp.events.EventLog;
import io.mbp.sql.Database;
import java.util.ArrayList;
import java.util.List;

/**
 * S23: the releases cut and anchored and the canary's phases, analyses and rollbacks, read from the log
 * by type name (the Release* and Canary* families), each event's payload as logged. Read by name so the
 * report lists them the day they are logged; until then it says "no evidence". Once a canary ran, it
 * names the release that produced each event, as counts per release (docs/adr/0322).
 */
final class CanaryReleaseReport implements EvidenceReport {
    @Override
    public String name() {
        return "canary-release";
    }

    @Override
    public Sprint section() {
        return Sprint.S23;
    }

    @Override
    public Pass open(Database db, long treeSize) {
        List<String> releases = new ArrayList<>();
        List<String> canary = new ArrayList<>();
        return new Pass() {
            @Override
            public void accept(LogRow e) {
                if (e.type().startsWith("Release")) {
                    releases.add("seq " + e.seq() + " " + e.ts() + " " + e.type() + " " + e.payload());
                } else if (e.type().startsWith("Canary")) {
                    canary.add("seq " + e.seq() + " " + e.ts() + " " + e.type() + " " + e.payload());
                }
            }

            @Override
            public List<String> finish() {
                return lines(db, treeSize, releases, canary);
            }
        };
    }

    private static List<String> lines(Database db, long treeSize, List<String> releases, List<String> canary) {
        List<String> out = new ArrayList<>();
        out.add("release events " + releases.size() + (releases.isEmpty() ? ": no evidence (`mbp release cut`)" : ""));
        out.addAll(releases);
        out.add("canary events " + canary.size() + (canary.isEmpty() ? ": no evidence (`mbp canary start`, `mbp canary drill`)" : ""));
        out.addAll(canary);
        if (!canary.isEmpty()) { // which release produced how many events (ADR 0322: derived, not a field)
            StringBuilder by = new StringBuilder("events per release:");
            io.mbp.canary.Attribution.counts(new EventLog(db), treeSize).forEach((r, n) -> by.append(' ').append(r).append(' ').append(n));
            out.add(by.toString());
        }
        return out;
    }
}

package io.mbp.incident;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Folds incident events into {@link Incident}s, oldest first. Pure: the service and the S21 evidence
 * report feed it the same events and get the same incidents.
 */
public final class Incidents {
    private final Map<String, Incident> byId = new LinkedHashMap<>();

    /** Applies one event logged at {@code ts}; an update or resolution of an unknown incident is ignored (the service refuses it). */
    public void apply(IncidentEvent e, String ts) {
        if (e instanceof IncidentOpened o) {
            byId.put(o.incident(), new Incident(o.incident(), Severity.valueOf(o.severity()), o.title(), o.service(), o.startedAt(),
                    ts, o.openedBy(), o.change(), "investigating", null, null, null,
                    List.of(ts + " opened " + o.severity() + " by " + o.openedBy() + ": " + o.title())));
            return;
        }
        Incident i = byId.get(e.incident());
        if (i == null) {
            return;
        }
        List<String> timeline = new ArrayList<>(i.timeline());
        if (e instanceof IncidentUpdated u) {
            Severity sev = u.severity() == null ? i.severity() : Severity.valueOf(u.severity());
            String status = u.status() == null ? i.status() : u.status();
            timeline.add(ts + " update by " + u.by() + (u.severity() == null ? "" : " severity " + sev)
                    + (u.status() == null ? "" : " status " + status) + ": " + u.note());
            byId.put(i.id(), new Incident(i.id(), sev, i.title(), i.service(), i.startedAt(), i.openedAt(), i.openedBy(), i.change(),
                    status, null, null, null, timeline));
        } else if (e instanceof IncidentResolved r) {
            timeline.add(ts + " resolved by " + r.by() + ", restored at " + r.restoredAt() + ": " + r.rca());
            byId.put(i.id(), new Incident(i.id(), i.severity(), i.title(), i.service(), i.startedAt(), i.openedAt(), i.openedBy(),
                    i.change(), "resolved", r.restoredAt(), r.rca(), r.actions(), timeline));
        }
    }

    public Incident get(String id) {
        return byId.get(id);
    }

    public List<Incident> all() {
        return new ArrayList<>(byId.values());
    }

    /** Mean time to restore over resolved incidents (whole seconds), or null when none is resolved. */
    public static Duration meanTimeToRestore(Collection<Incident> incidents) {
        long n = 0;
        long total = 0;
        for (Incident i : incidents) {
            if (!i.open()) {
                n++;
                total += i.timeToRestore().toSeconds();
            }
        }
        return n == 0 ? null : Duration.ofSeconds(total / n);
    }
}

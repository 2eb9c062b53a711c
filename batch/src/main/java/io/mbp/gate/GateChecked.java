package io.mbp.gate;

import static io.mbp.events.FieldException.requireText;

import io.mbp.events.EventType;
import java.util.List;

/**
 * A Go/No-Go evaluation for business date {@code date}: {@code go}, each gate as "id status" and
 * each check as "gate/check status". Details and pointers stay in the command's output; the log keeps
 * the decision, which is what the day's evidence bundle signs and anchors.
 */
@EventType("GateChecked")
public record GateChecked(String date, boolean go, List<String> gates, List<String> checks) implements GateEvent {
    public GateChecked {
        requireText("date", date);
        gates = List.copyOf(gates);
        checks = List.copyOf(checks);
    }

    public static GateChecked of(String date, GateReport r) {
        return new GateChecked(date, r.go(), r.gates().stream().map(g -> g.id() + " " + g.status().wire()).toList(),
                r.gates().stream().flatMap(g -> g.checks().stream().map(c -> g.id() + "/" + c.id() + " " + c.status().wire())).toList());
    }
}

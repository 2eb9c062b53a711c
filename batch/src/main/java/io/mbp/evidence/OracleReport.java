package io.mbp.evidence;

import io.mbp.oracle.Finalized;
import io.mbp.oracle.OracleEvent;
import io.mbp.oracle.OracleParams;
import io.mbp.oracle.OracleState;
import io.mbp.sql.Database;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Finalized outcomes per oracle event, from the oracle's own state replayed through
 * {@link OracleState#evolve} (so a log the oracle could not have written shows up here too).
 */
final class OracleReport implements EvidenceReport {
    private static final Set<String> TYPES = Decoded.typesOf(OracleEvent.class);

    @Override
    public String name() {
        return "oracle";
    }

    @Override
    public Pass open(Database db, long treeSize) {
        OracleState state = new OracleState(OracleParams.DEFAULTS);
        long[] at = {-1};
        return Decoded.replaying(TYPES, (seq, ts, p) -> {
            at[0] = seq;
            state.evolve((OracleEvent) p);
        }, e -> new ArrayList<>(List.of("oracle state does not replay at seq " + at[0] + ": " + e.getClass().getSimpleName())),
                () -> lines(state));
    }

    private static List<String> lines(OracleState state) {
        List<String> out = new ArrayList<>();
        Map<String, OracleState.EventState> events = new TreeMap<>(state.events());
        long finalized = 0;
        for (var es : events.values()) {
            Finalized f = es.finalized();
            if (f == null) {
                out.add("event " + es.spec().id() + " kind " + es.spec().kind().wire() + " " + es.phase().name().toLowerCase());
                continue;
            }
            finalized++;
            String result = f.invalid() ? "invalid" : f.value() != null ? "value " + f.value() : "outcome " + f.outcome();
            out.add("event " + f.event() + " kind " + f.kind() + " " + result + " via " + f.via() + " at " + f.finalizedAt());
        }
        out.add(0, "oracle events " + events.size() + " finalized " + finalized);
        return out;
    }
}

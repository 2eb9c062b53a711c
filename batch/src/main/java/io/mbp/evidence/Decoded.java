package io.mbp.evidence;

import io.mbp.catalog.EventCatalog;
import io.mbp.events.EventLog;
import io.mbp.events.EventPayload;
import io.mbp.events.Timestamps;
import io.mbp.sql.Database;
import java.time.Instant;
import java.util.Set;

/** The log's events 0..treeSize-1 of the given types, decoded by the catalog, for the capability reports. */
final class Decoded {
    interface Sink {
        void accept(long seq, Instant ts, EventPayload payload);
    }

    private Decoded() {
    }

    static void forEach(Database db, long treeSize, Set<String> types, Sink sink) {
        new EventLog(db).forEach(0, treeSize - 1, e -> {
            if (types.contains(e.type())) {
                sink.accept(e.seq(), Timestamps.parse("ts", e.ts()), EventCatalog.standard().decode(e.type(), e.payload()));
            }
        });
    }

    /** The event type names of a sealed family, as the catalog registers them. */
    static Set<String> typesOf(Class<?> sealedFamily) {
        java.util.Set<String> names = new java.util.TreeSet<>();
        for (Class<?> c : sealedFamily.getPermittedSubclasses()) {
            io.mbp.events.EventType t = c.getAnnotation(io.mbp.events.EventType.class);
            if (t != null) {
                names.add(t.value());
            }
        }
        return Set.copyOf(names);
    }
}

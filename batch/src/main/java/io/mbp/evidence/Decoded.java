package io.mbp.evidence;

import io.mbp.events.EventPayload;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

/** Passes over the log's events of given types, decoded by the catalog, for the capability reports. */
final class Decoded {
    interface Sink {
        void accept(long seq, Instant ts, EventPayload payload);
    }

    private Decoded() {
    }

    /** A pass that shows {@code sink} each event of {@code types} (its instant, then its payload), then answers {@code finish}. */
    static EvidenceReport.Pass pass(Set<String> types, Sink sink, Supplier<List<String>> finish) {
        return new EvidenceReport.Pass() {
            @Override
            public void accept(LogRow e) {
                if (types.contains(e.type())) {
                    sink.accept(e.seq(), e.at(), e.decoded());
                }
            }

            @Override
            public List<String> finish() {
                return finish.get();
            }
        };
    }

    /**
     * As {@link #pass}, for a report that replays a capability's state: the first runtime failure
     * (a payload that does not decode, an event the state refuses) stops this report's fold, and
     * {@code failed} turns it into the report's lines; the other reports go on.
     */
    static EvidenceReport.Pass replaying(Set<String> types, Sink sink, Function<RuntimeException, List<String>> failed,
                                         Supplier<List<String>> finish) {
        return new EvidenceReport.Pass() {
            private RuntimeException failure;

            @Override
            public void accept(LogRow e) {
                if (failure == null && types.contains(e.type())) {
                    try {
                        sink.accept(e.seq(), e.at(), e.decoded());
                    } catch (RuntimeException x) {
                        failure = x;
                    }
                }
            }

            @Override
            public List<String> finish() {
                return failure != null ? failed.apply(failure) : finish.get();
            }
        };
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

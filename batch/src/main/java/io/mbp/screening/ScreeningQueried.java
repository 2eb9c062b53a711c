package io.mbp.screening;

import static io.mbp.events.FieldException.requireNonNegative;
import static io.mbp.events.FieldException.requireText;

import io.mbp.events.EventType;
import java.util.List;

/**
 * A screening query (ADR 0711): who asked ({@code actor}), about whom only as {@code name_ref} (a
 * keyed vault reference of the normalised name, never the name), which qualifiers were given (names,
 * not values), the list versions ("list@version"), the threshold, and the hits ("list/entity_id score",
 * best first). {@code hit_count} counts every hit.
 */
@EventType("ScreeningQueried")
public record ScreeningQueried(String actor, String nameRef, List<String> qualifiers, List<String> listVersions,
                               String threshold, long hitCount, List<String> hits) implements ScreeningEvent {
    public ScreeningQueried {
        requireText("actor", actor);
        requireText("name_ref", nameRef);
        qualifiers = List.copyOf(qualifiers);
        listVersions = List.copyOf(listVersions);
        requireText("threshold", threshold);
        requireNonNegative("hit_count", hitCount);
        hits = List.copyOf(hits);
    }

    @Override
    public String streamId() {
        return ScreeningEvents.QUERIES_STREAM;
    }
}

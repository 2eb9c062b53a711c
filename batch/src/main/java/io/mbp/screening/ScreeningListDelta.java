package io.mbp.screening;

import static io.mbp.events.FieldException.requireNonNegative;
import static io.mbp.events.FieldException.requirePositive;

import io.mbp.events.EventType;
import io.mbp.events.FieldException;
import io.mbp.events.Identifier;
import java.util.List;

/**
 * Part {@code part} of {@code parts} of the entity ids that version {@code version} of a list added,
 * removed or changed against {@code previous_version} (0 for the first import). Split in parts of at
 * most {@link ScreeningService#DELTA_PART} ids so one event stays small whatever the list size.
 * Re-screening customers on a delta (issue 13's hooks) reads these.
 */
@EventType("ScreeningListDelta")
public record ScreeningListDelta(String listId, long version, long previousVersion, long part, long parts,
                                 List<String> added, List<String> removed, List<String> changed) implements ScreeningEvent {
    public ScreeningListDelta {
        Identifier.require("list_id", listId);
        requirePositive("version", version);
        requireNonNegative("previous_version", previousVersion);
        requirePositive("part", part);
        requirePositive("parts", parts);
        if (part > parts) {
            throw new FieldException("part", "is beyond parts");
        }
        added = List.copyOf(added);
        removed = List.copyOf(removed);
        changed = List.copyOf(changed);
    }

    @Override
    public String streamId() {
        return ScreeningEvents.listStream(listId);
    }
}

package io.mbp.screening;

import static io.mbp.events.FieldException.requireNonNegative;
import static io.mbp.events.FieldException.requirePositive;
import static io.mbp.events.FieldException.requireText;

import io.mbp.events.EventType;
import io.mbp.events.Identifier;

/**
 * Version {@code version} of list {@code list_id} was imported from {@code source} ({@code format}),
 * whose bytes hash to {@code file_hash} (SHA-256; for the OFAC set, of "sdn.csv:H\nalt.csv:H\nadd.csv:H\n"),
 * with {@code entity_count} entities: {@code added}, {@code removed}, {@code changed} against the previous version.
 */
@EventType("ScreeningListImported")
public record ScreeningListImported(String listId, long version, String format, String source, String fileHash,
                                    long entityCount, long added, long removed, long changed) implements ScreeningEvent {
    public ScreeningListImported {
        Identifier.require("list_id", listId);
        requirePositive("version", version);
        requireText("format", format);
        requireText("source", source);
        requireText("file_hash", fileHash);
        requireNonNegative("entity_count", entityCount);
        requireNonNegative("added", added);
        requireNonNegative("removed", removed);
        requireNonNegative("changed", changed);
    }

    @Override
    public String streamId() {
        return ScreeningEvents.listStream(listId);
    }
}

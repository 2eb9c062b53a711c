package io.mbp.custody;

import static io.mbp.events.FieldException.requireText;

import io.mbp.events.EventType;
import io.mbp.events.FieldException;
import io.mbp.events.Timestamps;

/**
 * A signed checkpoint of the log's first {@code treeSize} events was made, consistent with the one
 * of {@code previousSize} events (0 for the first). The event itself lands after the checkpoint,
 * so the next checkpoint covers it.
 */
@EventType("CheckpointSealed")
public record CheckpointSealed(long checkpointId, long treeSize, String rootHash, String keyId, long previousSize,
                               String sealedAt) implements CustodyEvent {
    public CheckpointSealed {
        if (treeSize < 1 || previousSize < 0 || previousSize > treeSize) {
            throw new FieldException("tree_size", "must be >= 1 and >= previous_size");
        }
        requireText("root_hash", rootHash);
        requireText("key_id", keyId);
        sealedAt = Timestamps.normalize("sealed_at", sealedAt);
    }
}

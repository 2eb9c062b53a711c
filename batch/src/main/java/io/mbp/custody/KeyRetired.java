package io.mbp.custody;

import static io.mbp.events.FieldException.requireText;

import io.mbp.events.EventType;
import io.mbp.events.Timestamps;

/** A key stopped signing (rotation); its public half stays published so old checkpoints verify. */
@EventType("KeyRetired")
public record KeyRetired(String keyId, String successorKeyId, String retiredAt) implements CustodyEvent {
    public KeyRetired {
        requireText("key_id", keyId);
        requireText("successor_key_id", successorKeyId);
        retiredAt = Timestamps.normalize("retired_at", retiredAt);
    }
}

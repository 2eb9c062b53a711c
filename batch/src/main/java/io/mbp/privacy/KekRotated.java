package io.mbp.privacy;

import static io.mbp.events.FieldException.requireNonNegative;
import static io.mbp.events.FieldException.requirePositive;
import static io.mbp.events.FieldException.requireText;

import io.mbp.events.EventType;

/** The key-encryption key moved to a new version; {@code rewrapped} data keys and secrets were re-wrapped, no data re-encrypted. */
@EventType("KekRotated")
public record KekRotated(String kekId, long fromVersion, long toVersion, long rewrapped) implements PrivacyEvent {
    public KekRotated {
        requireText("kek_id", kekId);
        requirePositive("from_version", fromVersion);
        requirePositive("to_version", toVersion);
        requireNonNegative("rewrapped", rewrapped);
    }

    @Override
    public String streamId() {
        return "vault";
    }
}

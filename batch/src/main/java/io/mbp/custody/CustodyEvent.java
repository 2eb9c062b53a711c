package io.mbp.custody;

import io.mbp.events.EventPayload;

/** The custody family: operator keys coming and going, and checkpoints sealed over the log. */
public sealed interface CustodyEvent extends EventPayload permits KeyCreated, KeyRetired, CheckpointSealed, StaleKeyUsed {
    /** The stream custody events are logged under. */
    String STREAM = "custody";
}

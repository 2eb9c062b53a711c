package io.mbp.anchor;

import io.mbp.events.EventPayload;

/** The anchor family: checkpoints written to a public chain. */
public sealed interface AnchorEvent extends EventPayload permits AnchorPublished {
    String STREAM = "anchor";
}

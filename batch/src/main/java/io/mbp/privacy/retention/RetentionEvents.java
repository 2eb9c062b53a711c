package io.mbp.privacy.retention;

import io.mbp.events.EventTypes;

/** The retention family's registry. */
public final class RetentionEvents {
    public static final EventTypes TYPES = EventTypes.of(RetentionEvent.class);

    private RetentionEvents() {
    }
}

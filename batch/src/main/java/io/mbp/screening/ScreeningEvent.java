package io.mbp.screening;

import io.mbp.events.EventPayload;

/**
 * The screening event family: list versions and their deltas, and every query (ADR 0711). No clear
 * personal data: a query names its subject by a keyed reference only. Stream = "screening-list:ID"
 * for a list, "screening-queries" for queries.
 */
public sealed interface ScreeningEvent extends EventPayload permits ScreeningListImported, ScreeningListDelta, ScreeningQueried {
    String streamId();
}

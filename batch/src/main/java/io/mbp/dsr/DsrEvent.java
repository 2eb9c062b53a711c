package io.mbp.dsr;

import io.mbp.events.EventPayload;

/**
 * Data-subject requests (LGPD art. 18, 19; ADR 0705): when a request arrived and when and how it was
 * answered, so the SLA is answerable from the log. Stream = the subject. No clear personal data.
 */
public sealed interface DsrEvent extends EventPayload permits DsrRequested, DsrAnswered {
    String subject();

    default String streamId() {
        return subject();
    }
}

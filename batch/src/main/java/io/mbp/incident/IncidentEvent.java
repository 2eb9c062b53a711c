package io.mbp.incident;

import io.mbp.events.EventPayload;

/**
 * Incidents (issue 14, ADR 0017): opened with a severity, updated along a timeline, resolved with a
 * root-cause analysis. Stream = the incident id. The status page, the GA gate's P1 count, MTTR and
 * DORA's time to restore all read these events, so the log is the one record of an outage.
 */
public sealed interface IncidentEvent extends EventPayload permits IncidentOpened, IncidentUpdated, IncidentResolved {
    String incident();
}

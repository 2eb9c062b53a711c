package io.mbp.chaos;

import io.mbp.events.EventPayload;

/**
 * What the resilience practice leaves in the log (ADR 0016): each game day's outcome, and the
 * digests of DR drill reports, SLO reports and rule checks an operator files as evidence. The
 * {@code S21_sre_dr} evidence report is computed from these events alone. Stream = the run or the
 * evidence kind.
 */
public sealed interface ChaosEvent extends EventPayload permits GameDayRecorded, SreEvidenceRecorded {
}

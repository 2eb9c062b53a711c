package io.mbp.oracle;

import io.mbp.events.EventPayload;

/** The oracle's event family: what sources reported and what the oracle decided. */
public sealed interface OracleEvent extends EventPayload permits ReportReceived, Finalized, FailoverRolled {
}

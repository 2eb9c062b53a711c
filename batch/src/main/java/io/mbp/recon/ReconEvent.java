package io.mbp.recon;

import io.mbp.events.EventPayload;

/**
 * The reconciliation engine's event family: statement imports, exceptions raised and resolved,
 * ledger corrections, and each date's result. Stream = the statement date ("recon-2026-11-27").
 */
public sealed interface ReconEvent extends EventPayload
        permits StatementImported, ReconExceptionRaised, ReconExceptionResolved, LedgerCorrected, ReconCompleted {
    /** The booking date (ISO) the event is about. */
    String date();

    default String streamId() {
        return "recon-" + date();
    }
}

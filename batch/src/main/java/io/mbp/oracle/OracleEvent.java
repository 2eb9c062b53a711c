package io.mbp.oracle;

import io.mbp.events.EventPayload;

/**
 * The oracle's event family: what was registered, what sources reported (or why a report was
 * refused), every aggregation round, mode changes, proposals, disputes, finalization and the
 * reputation changes that follow. {@link Finalized} and {@link FailoverRolled} are the contract
 * markets consume; their fields never change.
 */
public sealed interface OracleEvent extends EventPayload
        permits OracleEventRegistered, SourceRegistered, SourceSuspended, CommitteeMemberAdded,
        ReportReceived, ReportRejected, RoundAggregated, FailoverRolled, OutcomeProposed,
        DisputeOpened, DisputeEscalated, CommitteeResolved, Finalized, ReputationChanged {

    /** The log stream an oracle event belongs to: the oracle event id, or a source/committee stream. */
    static String streamOf(OracleEvent e) {
        if (e instanceof OracleEventRegistered r) {
            return r.event();
        } else if (e instanceof SourceRegistered r) {
            return "oracle-source:" + r.source();
        } else if (e instanceof SourceSuspended r) {
            return "oracle-source:" + r.source();
        } else if (e instanceof CommitteeMemberAdded r) {
            return "oracle-committee";
        } else if (e instanceof ReportReceived r) {
            return r.event();
        } else if (e instanceof ReportRejected r) {
            return r.event() != null && !r.event().isBlank() && r.event().length() <= 256 ? r.event() : "oracle-rejects";
        } else if (e instanceof RoundAggregated r) {
            return r.event();
        } else if (e instanceof FailoverRolled r) {
            return r.event();
        } else if (e instanceof OutcomeProposed r) {
            return r.event();
        } else if (e instanceof DisputeOpened r) {
            return r.event();
        } else if (e instanceof DisputeEscalated r) {
            return r.event();
        } else if (e instanceof CommitteeResolved r) {
            return r.event();
        } else if (e instanceof Finalized r) {
            return r.event();
        } else if (e instanceof ReputationChanged r) {
            return "oracle-source:" + r.source();
        }
        throw new IllegalArgumentException("unknown oracle event " + e);
    }
}

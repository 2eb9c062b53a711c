package io.mbp.recon;

import static io.mbp.events.FieldException.requireNonNegative;
import static io.mbp.events.FieldException.requireText;

import io.mbp.events.EventType;
import io.mbp.events.FieldException;
import java.util.List;

/**
 * Recon found a discrepancy. The id is derived from its content, so re-running the same date
 * raises nothing new. It carries what a correction needs (direction, amounts, ids of both sides).
 */
@EventType("ReconExceptionRaised")
public record ReconExceptionRaised(String exceptionId, String date, String kind, String movementKey, String lineId,
                                   String direction, long expectedAmount, long statementAmount, String e2eid,
                                   String reference, String counterparty, String detail) implements ReconEvent {
    public static final List<String> KINDS = List.of("missing", "unexpected", "amount_mismatch", "duplicate",
            "returned", "late", "balance_mismatch", "statement_gap", "missing_statement", "ledger_balance_mismatch");
    /** The kinds about a statement's balances rather than one line or movement (ADR 0509). */
    public static final List<String> BALANCE_KINDS = List.of("balance_mismatch", "statement_gap", "missing_statement",
            "ledger_balance_mismatch");

    public ReconExceptionRaised {
        requireText("exception_id", exceptionId);
        requireText("date", date);
        if (!KINDS.contains(kind)) {
            throw new FieldException("kind", "must be one of " + KINDS + ", got " + kind);
        }
        if (!"C".equals(direction) && !"D".equals(direction)) {
            throw new FieldException("direction", "must be C or D");
        }
        requireNonNegative("expected_amount", expectedAmount);
        requireNonNegative("statement_amount", statementAmount);
        requireText("detail", detail);
    }
}

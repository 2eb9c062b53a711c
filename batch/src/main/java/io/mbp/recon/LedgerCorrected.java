package io.mbp.recon;

import static io.mbp.events.FieldException.requireNonNegative;
import static io.mbp.events.FieldException.requireText;

import io.mbp.events.EventType;
import io.mbp.events.FieldException;

/**
 * A correction of the expected ledger, never an edit: "add" a movement the ledger lacked, "void"
 * one the bank never booked, or "amend" one's amount to what was booked. Recon folds these into
 * the expected movements of {@code date}.
 */
@EventType("LedgerCorrected")
public record LedgerCorrected(String exceptionId, String date, String action, String movementKey, String direction,
                              long amount, String e2eid, String reference, String counterparty, String author,
                              String note) implements ReconEvent {
    public LedgerCorrected {
        requireText("exception_id", exceptionId);
        requireText("date", date);
        if (!"add".equals(action) && !"void".equals(action) && !"amend".equals(action)) {
            throw new FieldException("action", "must be add, void or amend");
        }
        requireText("movement_key", movementKey);
        if (!"C".equals(direction) && !"D".equals(direction)) {
            throw new FieldException("direction", "must be C or D");
        }
        requireNonNegative("amount", amount);
        requireText("author", author);
        requireText("note", note);
    }
}

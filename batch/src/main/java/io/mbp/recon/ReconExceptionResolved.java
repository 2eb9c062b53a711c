package io.mbp.recon;

import static io.mbp.events.FieldException.requireText;

import io.mbp.events.EventType;
import io.mbp.events.FieldException;

/** An operator resolved an exception: "accept" (a known, explained discrepancy) or "correct" (a ledger event fixed it). */
@EventType("ReconExceptionResolved")
public record ReconExceptionResolved(String exceptionId, String date, String action, String author, String note)
        implements ReconEvent {
    public ReconExceptionResolved {
        requireText("exception_id", exceptionId);
        requireText("date", date);
        if (!"accept".equals(action) && !"correct".equals(action)) {
            throw new FieldException("action", "must be accept or correct");
        }
        requireText("author", author);
        requireText("note", note);
    }
}

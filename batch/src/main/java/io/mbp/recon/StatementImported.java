package io.mbp.recon;

import static io.mbp.events.FieldException.requireNonNegative;
import static io.mbp.events.FieldException.requireText;

import io.mbp.events.EventType;

/** A statement file was imported; {@code statementId} is its SHA-256, so the same file is never imported twice. */
@EventType("StatementImported")
public record StatementImported(String statementId, String account, String date, String fileFormat, String source,
                                long lines, long credits, long debits) implements ReconEvent {
    public StatementImported {
        requireText("statement_id", statementId);
        requireText("account", account);
        requireText("date", date);
        requireText("file_format", fileFormat);
        requireText("source", source);
        requireNonNegative("lines", lines);
        requireNonNegative("credits", credits);
        requireNonNegative("debits", debits);
    }
}

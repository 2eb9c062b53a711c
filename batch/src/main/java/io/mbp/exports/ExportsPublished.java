package io.mbp.exports;

import static io.mbp.events.FieldException.requireText;

import io.mbp.events.EventType;
import io.mbp.events.FieldException;
import java.util.List;

/**
 * The public exports of {@code date} were written: the manifest's SHA-256, each file as
 * {@code "<sha256> <name>"}, the log size they were computed at and the signing key's C2SP verifier text.
 */
@EventType("ExportsPublished")
public record ExportsPublished(String date, String manifestSha256, List<String> files, long logSize, String keyid)
        implements PublicationEvent {
    public ExportsPublished {
        requireText("date", date);
        if (manifestSha256 == null || !manifestSha256.matches("[0-9a-f]{64}")) {
            throw new FieldException("manifest_sha256", "must be 64 lowercase hex digits");
        }
        files = List.copyOf(files);
        requireText("keyid", keyid);
    }
}

package io.mbp.exports;

import static io.mbp.events.FieldException.requireText;

import io.mbp.events.EventType;
import io.mbp.events.FieldException;

/**
 * The status site was built for {@code date}: the SHA-256 of its SHA256SUMS file (so of every file in
 * it), how many files, and the log size it was rendered at.
 */
@EventType("StatusSiteBuilt")
public record StatusSiteBuilt(String date, String siteSha256, long files, long logSize) implements PublicationEvent {
    public StatusSiteBuilt {
        requireText("date", date);
        if (siteSha256 == null || !siteSha256.matches("[0-9a-f]{64}")) {
            throw new FieldException("site_sha256", "must be 64 lowercase hex digits");
        }
    }
}

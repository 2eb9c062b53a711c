package io.mbp.custody;

import java.util.List;

/** A sealed checkpoint as the database keeps it; {@code note} is the signed note exactly as signed. */
public record StoredCheckpoint(long id, long treeSize, String rootHex, String origin, String keyName, String keyId,
                               String note, long previousSize, List<String> consistencyProof, String createdAt) {
}

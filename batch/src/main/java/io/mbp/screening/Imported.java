package io.mbp.screening;

/**
 * What an import did: the list and its version (the current one when {@code unchanged}: the file
 * hashes like the current version, so nothing was written), and the delta against the previous version.
 */
public record Imported(String list, int version, boolean unchanged, String format, String source, String fileHash,
                       int entityCount, ListDelta delta) {
}

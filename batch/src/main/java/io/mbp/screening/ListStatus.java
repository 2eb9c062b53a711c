package io.mbp.screening;

/**
 * A list's newest version and its freshness: {@code stale} when it is older than the maximum age
 * (default one hour), which `mbp screening lists status` and the compliance gate show.
 */
public record ListStatus(String list, int version, String format, String source, String fileHash, int entityCount,
                         String importedAt, long ageSeconds, long maxAgeSeconds, boolean stale) {
}

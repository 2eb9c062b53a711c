package io.mbp.release;

import io.mbp.events.EventLog;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * Which code runs (docs/adr/0321): the SHA-256 of the jar a class was loaded from, matched against
 * the {@code jar_sha256} of the releases cut in the log. A release's parameters roll out per market
 * through events; its code runs as its own daemon, and this is how that daemon, and
 * {@code mbp canary status}, say which release's build it is.
 */
public final class Builds {
    private Builds() {
    }

    /** Each release cut in the log, by version. */
    public static Map<String, ReleaseCut> cuts(EventLog log) {
        Map<String, ReleaseCut> out = new TreeMap<>();
        log.forEachOfTypes(java.util.List.of("ReleaseCut"), e -> {
            ReleaseCut c = (ReleaseCut) ReleaseEvents.TYPES.decode(e.type(), e.payload());
            out.put(c.version(), c);
        });
        return out;
    }

    /** The release whose cut jar has this SHA-256, or null (a build no release in this log shipped). */
    public static String releaseOf(Map<String, ReleaseCut> cuts, String jarSha256) {
        if (jarSha256 == null) {
            return null;
        }
        return cuts.values().stream().filter(c -> jarSha256.equals(c.jarSha256())).map(ReleaseCut::version).findFirst().orElse(null);
    }

    /** SHA-256 of the jar {@code type} was loaded from; null when it was not loaded from a jar (classes of a development build). */
    public static String jarSha256(Class<?> type) {
        try {
            var src = type.getProtectionDomain().getCodeSource();
            if (src == null) {
                return null;
            }
            Path p = Path.of(src.getLocation().toURI());
            if (!Files.isRegularFile(p) || !p.getFileName().toString().endsWith(".jar")) {
                return null;
            }
            return ReleaseFiles.sha256(p); // hashed as the release cut hashed it
        } catch (UncheckedIOException | URISyntaxException | SecurityException | IllegalArgumentException e) {
            return null; // the build cannot be named: status says so rather than guess
        }
    }
}

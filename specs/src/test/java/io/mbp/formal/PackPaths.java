package io.mbp.formal;

import java.nio.file.Path;

/** Where the build keeps specs, TLC work folders and the evidence (set by the specs module's pom). */
final class PackPaths {
    private PackPaths() {
    }

    static Path specs() {
        return Path.of(System.getProperty("mbp.formal.specs", "tla")).toAbsolutePath().normalize();
    }

    static Path work() {
        return Path.of(System.getProperty("mbp.formal.work", "target/tlc")).toAbsolutePath().normalize();
    }

    static Path evidence() {
        return Path.of(System.getProperty("mbp.formal.evidence", "target/evidence/" + FormalAudit.EVIDENCE_NAME))
                .toAbsolutePath().normalize();
    }
}

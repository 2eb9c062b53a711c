package io.mbp.cli.daemon;

import io.mbp.events.EventLog;
import io.mbp.release.Builds;
import io.mbp.release.ReleaseCut;
import io.mbp.sql.Database;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * A cohort daemon's view of the canary (docs/adr/0321): says at start which markets it owns, follows
 * promotions and rollbacks, and warns when a canary daemon does not run the canary release's jar.
 */
final class CohortWatch {
    private static final Logger LOG = LogManager.getLogger(CohortWatch.class);

    private final Ownership owner;
    private final String jar;
    private final Database db;

    CohortWatch(Ownership owner, String jar, Database db) {
        this.owner = owner;
        this.jar = jar;
        this.db = db;
    }

    /** The start line: what this daemon owns now, and the build check when it serves the canary. */
    void announce() {
        if (owner.side() == Ownership.Side.CANARY && owner.canaryRelease() == null) {
            LOG.warn("{}: owns no market until `mbp canary start`", owner.describe());
        } else {
            LOG.info("{}: owns the {} markets", owner.describe(), owner.side().label());
        }
        checkBuild();
    }

    /** Run every second: re-reads the cohort; a move is logged (and the build checked against a new canary). */
    void follow() {
        try {
            if (owner.refresh(db)) {
                LOG.info("the canary moved: now {}", owner.describe());
                checkBuild();
            }
        } catch (RuntimeException e) {
            LOG.warn("could not read the canary from the log (ownership unchanged, retried in a second): {}", e.toString());
        }
    }

    /** A canary daemon should run the jar the canary release shipped (ADR 0321): a mismatch is warned, not refused. */
    private void checkBuild() {
        String release = owner.canaryRelease();
        if (owner.side() != Ownership.Side.CANARY || release == null) {
            return;
        }
        ReleaseCut cut = Builds.cuts(new EventLog(db)).get(release);
        String shipped = cut == null ? null : cut.jarSha256();
        if (shipped == null) {
            LOG.warn("canary release {} names no jar sha256 (cut before ADR 0321 or not cut in this log): this daemon's build"
                    + " (jar sha256 {}) cannot be checked against it", release, jar == null ? "none, not a jar" : jar);
        } else if (!shipped.equals(jar)) {
            LOG.warn("build mismatch: canary release {} shipped jar sha256 {}, this daemon runs {}; its markets are decided by"
                    + " other code than the release's", release, shipped, jar == null ? "a development build (not a jar)" : "jar sha256 " + jar);
        } else {
            LOG.info("build matches canary release {} (jar sha256 {})", release, jar);
        }
    }
}

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
        Verdict v = verdict(release, cut == null ? null : cut.jarSha256(), jar);
        if (v.matches()) {
            LOG.info(v.line());
        } else {
            LOG.warn(v.line());
        }
    }

    /** Whether a canary daemon runs the canary release's jar, and the log line that says so. */
    record Verdict(boolean matches, String line) {
    }

    /** {@code shipped}: the release's {@code jar_sha256} (null: none recorded); {@code jar}: this build's (null: not a jar). */
    static Verdict verdict(String release, String shipped, String jar) {
        if (shipped == null) {
            return new Verdict(false, "canary release " + release + " names no jar sha256 (cut before ADR 0321 or not cut in this log):"
                    + " this daemon's build (jar sha256 " + (jar == null ? "none, not a jar" : jar) + ") cannot be checked against it");
        }
        if (!shipped.equals(jar)) {
            return new Verdict(false, "build mismatch: canary release " + release + " shipped jar sha256 " + shipped + ", this daemon runs "
                    + (jar == null ? "a development build (not a jar)" : "jar sha256 " + jar) + "; its markets are decided by other"
                    + " code than the release's");
        }
        return new Verdict(true, "build matches canary release " + release + " (jar sha256 " + jar + ")");
    }
}

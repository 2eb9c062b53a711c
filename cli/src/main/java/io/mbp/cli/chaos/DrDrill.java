package io.mbp.cli.chaos;

import java.nio.file.Path;

/**
 * The DR drill as the db-primary-loss game day needs it (issue 14's i14-dr part owns the drill
 * itself: `mbp dr drill`). Kept to one method so the game day does not depend on how the drill
 * backs up, kills and restores.
 */
interface DrDrill {
    /** What a drill's report.json says. */
    record Result(double rpoSeconds, double rtoSeconds, long eventsLost, boolean verified, Path report) {
    }

    /** Thrown when this build has no drill to run. */
    final class Unavailable extends Exception {
        private static final long serialVersionUID = 1L;

        Unavailable(String why) {
            super(why);
        }
    }

    /** Runs one drill against {@code dbUrl} under load for about {@code seconds}, writing into {@code out}. */
    Result run(String dbUrl, Path out, double seconds) throws Unavailable, Exception;
}

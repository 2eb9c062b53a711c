package io.mbp.custody;

import io.mbp.error.BadInputException;
import io.mbp.events.EventLog;
import io.mbp.events.NewEvent;
import io.mbp.events.Timestamps;
import io.mbp.sql.Database;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * The 90-day rule at the moment a key is about to sign or anchor: a stale key is refused (exit 4)
 * unless the caller passes an override, which is logged at WARN with the key id and age and
 * appended to the event log as {@link StaleKeyUsed} where an auditor finds it.
 */
public final class StaleKeyGuard {
    /** The override switches, as the CLI and the nightly name them. */
    public static final String OPTION = "--allow-stale-key";
    public static final String ENV = "MBP_ALLOW_STALE_KEY";
    private static final Logger LOG = LogManager.getLogger(StaleKeyGuard.class);

    private StaleKeyGuard() {
    }

    /**
     * The override in force, as named in logs and the StaleKeyUsed event: {@value #OPTION} when
     * {@code optionGiven}, else {@value #ENV}=1 (or true) read through {@code env}, else null.
     */
    public static String override(boolean optionGiven, java.util.function.Function<String, String> env) {
        if (optionGiven) {
            return OPTION;
        }
        String v = env.apply(ENV);
        if (v != null && (v.strip().equals("1") || v.strip().equalsIgnoreCase("true"))) {
            return ENV + "=" + v.strip();
        }
        return null;
    }

    /** Refuses (exit 4) a stale key without an override; checks only, records nothing. */
    public static void requireAllowed(KeyAge age, String purpose, String allowedBy) {
        if (age.stale() && allowedBy == null) {
            throw new BadInputException(age.describe() + " (the limit is " + KeyAge.MAX_AGE.toDays() + "): refused for "
                    + purpose + "; " + age.kind().fix() + ". To use it this once anyway, pass " + OPTION + " (cron: "
                    + ENV + "=1); the override is logged");
        }
    }

    /**
     * Lets {@code age}'s key be used for {@code purpose}, or refuses it. {@code allowedBy} names the
     * override given (e.g. {@value #OPTION}), {@code null} for none. Returns, when an override was
     * needed, the note a report should carry.
     */
    public static Optional<String> admit(Database db, KeyAge age, String purpose, String allowedBy) {
        requireAllowed(age, purpose, allowedBy);
        if (!age.stale()) {
            return Optional.empty();
        }
        String note = "STALE " + age.kind().label() + " " + age.keyId() + " (" + age.days() + " days old, limit "
                + KeyAge.MAX_AGE.toDays() + ") used for " + purpose + ", allowed by " + allowedBy;
        LOG.warn(note);
        StaleKeyUsed e = new StaleKeyUsed(age.kind().code(), age.keyId(), age.days(), purpose, allowedBy,
                Timestamps.format(age.now().truncatedTo(ChronoUnit.MILLIS)));
        db.inTransaction(dsl -> {
            EventLog.appendIn(dsl, List.of(NewEvent.of(CustodyEvents.TYPES, CustodyEvent.STREAM,
                    age.now().truncatedTo(ChronoUnit.MILLIS), e)).iterator());
            return null;
        });
        return Optional.of(note);
    }
}

package io.mbp.jobs;

import io.mbp.sql.Database;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Map;
import java.util.function.LongConsumer;

/**
 * What a step gets: the business date, the shared database, the clock, the job's options
 * (paths, RPC URL, ...), a progress sink (a bar on a terminal, nothing in cron) and whether this run
 * joined another worker's run of the date ({@code joined}: it shares a splittable step and must not
 * wait for its peers; the lock holder does, since its later steps need the whole day).
 */
public record StepContext(LocalDate businessDate, Database db, Clock clock, Map<String, String> options,
                          LongConsumer progress, boolean joined) {
    public StepContext {
        options = Map.copyOf(options);
    }

    /** The lock holder's context. */
    public StepContext(LocalDate businessDate, Database db, Clock clock, Map<String, String> options, LongConsumer progress) {
        this(businessDate, db, clock, options, progress, false);
    }

    public String option(String key, String fallback) {
        return options.getOrDefault(key, fallback);
    }
}

package io.mbp.jobs;

import io.mbp.sql.Database;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Map;
import java.util.function.LongConsumer;

/**
 * What a step gets: the business date, the shared database, the clock, the job's options
 * (paths, RPC URL, ...) and a progress sink (a bar on a terminal, nothing in cron).
 */
public record StepContext(LocalDate businessDate, Database db, Clock clock, Map<String, String> options,
                          LongConsumer progress) {
    public StepContext {
        options = Map.copyOf(options);
    }

    public String option(String key, String fallback) {
        return options.getOrDefault(key, fallback);
    }
}

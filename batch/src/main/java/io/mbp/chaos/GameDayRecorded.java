package io.mbp.chaos;

import static io.mbp.events.FieldException.requireText;

import io.mbp.events.EventType;
import io.mbp.events.FieldException;
import io.mbp.events.OptionalField;
import io.mbp.events.Timestamps;
import java.util.List;

/**
 * One game day ({@code mbp chaos run}): the scenario, its hypothesis, the verdict ({@code PASS},
 * {@code FAIL}, {@code ABORTED}, {@code SKIPPED}), each steady-state check as
 * {@code phase|name|pass-or-fail|observed} and each measurement as {@code name=value} (values are
 * text: integers and decimal strings, never binary floating point in a hashed payload), the abort
 * or skip reason when there is one, and the SHA-256 of the report file it wrote.
 */
@EventType("GameDayRecorded")
public record GameDayRecorded(String run, String scenario, String verdict, String hypothesis, String startedAt, String finishedAt,
                              List<String> checks, List<String> measurements, @OptionalField String reason,
                              String reportSha256) implements ChaosEvent {
    public GameDayRecorded {
        requireText("run", run);
        requireText("scenario", scenario);
        Verdict.parse("verdict", verdict);
        requireText("hypothesis", hypothesis);
        startedAt = Timestamps.normalize("started_at", startedAt);
        finishedAt = Timestamps.normalize("finished_at", finishedAt);
        checks = List.copyOf(checks);
        measurements = List.copyOf(measurements);
        if (reportSha256 == null || !reportSha256.matches("[0-9a-f]{64}")) {
            throw new FieldException("report_sha256", "must be 64 lowercase hex digits");
        }
    }
}

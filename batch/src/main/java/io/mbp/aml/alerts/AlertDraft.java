package io.mbp.aml.alerts;

import io.mbp.events.FieldException;
import java.util.List;

/**
 * An alert someone wants opened: which rule fired ({@code scenario} and its {@code scenarioVersion};
 * "sanctions-screening" for screening hits), about which account and data subject (pseudonymous ids,
 * never a name or a clear key), for which business date, a one-line {@code summary} for reviewers and
 * the seqs of the log events that are its evidence. {@code key} is the caller's idempotency key: raising
 * the same key twice opens one alert.
 */
public record AlertDraft(String key, String scenario, int scenarioVersion, String account, String subject, String businessDate,
                         String summary, List<Long> evidence) {
    public AlertDraft {
        FieldException.requireText("key", key);
        FieldException.requireText("scenario", scenario);
        if (scenarioVersion < 1) {
            throw new FieldException("scenario_version", "must be 1 or more");
        }
        FieldException.requireText("account", account);
        FieldException.requireText("business_date", businessDate);
        FieldException.requireText("summary", summary);
        evidence = List.copyOf(evidence);
    }
}

package io.mbp.privacy.retention;

import io.mbp.events.EventPayload;

/**
 * The retention family (ADR 0705, 0706): erasures scheduled behind a legal retention, and what each
 * retention run did. Stream = the subject for a scheduled erasure, "retention" for a run. No clear
 * personal data: subjects, accounts, dates, counts and legal bases only.
 */
public sealed interface RetentionEvent extends EventPayload permits ErasureScheduled, RetentionApplied {
    String streamId();
}

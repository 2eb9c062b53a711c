package io.mbp.aml.alerts;

/**
 * Where alerts are opened (docs/aml.md). The AML scenarios raise through it, and so can other sources
 * (the screening hooks raise "sanctions-screening" alerts): one queue, one case workflow, one COAF path.
 * Implementations are idempotent by {@link AlertDraft#key()}.
 */
@FunctionalInterface
public interface AlertSink {
    /** Opens the alert unless one with the same key exists; returns the alert's id and whether it is new. */
    Raised raise(AlertDraft draft);

    /** The alert the draft maps to, and whether this call opened it. */
    record Raised(String alertId, boolean opened) {
    }
}

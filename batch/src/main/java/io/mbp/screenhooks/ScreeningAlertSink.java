package io.mbp.screenhooks;

/**
 * Where a list delta's new hits go (ADR 0716). The default, {@link AlertQueue}, logs a
 * {@link ScreeningAlertOpened} and queues it in {@code screening_alerts}; the AML case desk can take
 * them instead by implementing this over its own alert sink.
 */
@FunctionalInterface
public interface ScreeningAlertSink {
    /** A customer now hits a list entity after a delta: which, on which list version, how well. */
    record Alert(String account, String subject, String list, int listVersion, String entityId, String score) {
    }

    /**
     * Opens an alert unless the account already has one for that entity (the same hit seen again
     * after an entity changed is not new). Returns whether it opened one.
     */
    boolean open(Alert alert);
}

package io.mbp.oracle;

import static io.mbp.events.FieldException.requireText;

import io.mbp.events.EventType;
import io.mbp.events.FieldException;

/** A source's weight moved after an oracle event finalized: agreed sources gain, others lose. */
@EventType("ReputationChanged")
public record ReputationChanged(String source, String event, long beforeBps, long afterBps, String reason)
        implements OracleEvent {
    public ReputationChanged {
        requireText("source", source);
        requireText("event", event);
        if (beforeBps < 1 || beforeBps > 10_000 || afterBps < 1 || afterBps > 10_000) {
            throw new FieldException("after_bps", "weights stay within 1..10000 basis points");
        }
        requireText("reason", reason);
    }
}

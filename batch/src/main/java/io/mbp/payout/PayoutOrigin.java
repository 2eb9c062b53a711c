package io.mbp.payout;

import io.mbp.events.EventPayload;
import java.util.Optional;

/**
 * Where payout instructions come from: an origin reads one kind of logged event and says which
 * instruction it owes. {@link PayoutOrigins#ALL} is the one list of origins; the market engine's
 * settlement payouts join it there (see docs/payouts-recon.md, "Wiring a new origin").
 * The mapping must be a pure function of the event, so re-running it instructs nothing twice.
 */
public interface PayoutOrigin {
    /** The stable event type names this origin reads. */
    java.util.Set<String> eventTypes();

    /** The instruction the event asks for, if any; its id must be derived from the event alone. */
    Optional<PayoutInstructed> instructionFor(EventPayload payload);
}

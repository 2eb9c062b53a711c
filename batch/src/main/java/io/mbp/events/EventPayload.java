package io.mbp.events;

/**
 * The payload of a logged event. Each engine declares one sealed sub-interface (its event family)
 * whose permitted records are its event types, each annotated with a stable {@link EventType} name.
 * Payloads are plain data: integers (centavos, share units, basis points), strings (ids, decimals),
 * booleans and lists of those. Never floating point.
 */
public interface EventPayload {
}

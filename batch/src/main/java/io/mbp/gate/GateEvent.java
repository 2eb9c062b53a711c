package io.mbp.gate;

import io.mbp.events.EventPayload;

/** The Go/No-Go family: each evaluation the nightly records, so the day's bundle carries it signed (ADR 0025). */
public sealed interface GateEvent extends EventPayload permits GateChecked {
}

package io.mbp.release;

import io.mbp.events.EventPayload;

/**
 * Releases (issue 16, ADR 0022): a cut release is logged once it is signed and anchored, so every
 * later event can be told apart by the release that produced it and an auditor finds the release's
 * manifest hash and anchor in the same log. Stream = {@code release-<version>}.
 */
public sealed interface ReleaseEvent extends EventPayload permits ReleaseCut {
    String version();
}

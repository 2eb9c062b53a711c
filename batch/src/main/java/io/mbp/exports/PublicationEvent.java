package io.mbp.exports;

import io.mbp.events.EventPayload;

/**
 * What was published to the public (ADR 0605, 0606): a day's signed truth exports and a build of the
 * status site, each with its hashes. The S22 evidence report reads them, so an auditor can match the files
 * the public downloaded against the log. Stream = {@code public-exports} or {@code status-site}.
 */
public sealed interface PublicationEvent extends EventPayload permits ExportsPublished, StatusSiteBuilt {
}

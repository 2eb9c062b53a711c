package io.mbp.privacy;

import io.mbp.events.EventPayload;

/**
 * The vault's event family: every vault action, with no clear personal data (subject ids, key ids,
 * field names, purposes only). Stream = the subject id, or "vault" for KEK rotations.
 */
public sealed interface PrivacyEvent extends EventPayload
        permits SubjectCreated, FieldsEncrypted, FieldDecrypted, DekDestroyed, KekRotated, ConsentGranted, ConsentRevoked,
        SubjectArchived {
    /** The stream the event is appended to. */
    String streamId();
}

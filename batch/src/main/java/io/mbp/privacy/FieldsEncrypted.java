package io.mbp.privacy;

import static io.mbp.events.FieldException.requireText;

import io.mbp.events.EventType;
import io.mbp.events.FieldException;
import java.util.List;

/** Named fields of a subject were encrypted under its data key, for {@code purpose} (e.g. "kyc-onboarding"). */
@EventType("FieldsEncrypted")
public record FieldsEncrypted(String subject, String dekId, List<String> fields, String purpose) implements PrivacyEvent {
    public FieldsEncrypted {
        requireText("subject", subject);
        requireText("dek_id", dekId);
        if (fields == null || fields.isEmpty()) {
            throw new FieldException("fields", "must name at least one field");
        }
        fields = List.copyOf(fields);
        requireText("purpose", purpose);
    }

    @Override
    public String streamId() {
        return subject;
    }
}

package io.mbp.kyc;

import static io.mbp.events.FieldException.requireText;

import io.mbp.events.EventType;
import io.mbp.events.FieldException;
import io.mbp.events.OptionalField;

/** An account's KYC state moved {@code from} → {@code to}, decided {@code by} the provider, an operator or an appeal ({@code appeal:ID by NAME}), with a reason. */
@EventType("KycStatusChanged")
public record KycStatusChanged(String account, String subject, String from, String to, String by, String reason,
        @OptionalField String providerRef) implements KycEvent {
    public KycStatusChanged {
        requireText("account", account);
        requireText("subject", subject);
        KycStatus f = KycStatus.of(from).orElseThrow(() -> new FieldException("from", "must be a KYC state"));
        KycStatus t = KycStatus.of(to).orElseThrow(() -> new FieldException("to", "must be pending, verified, review, rejected or blocked"));
        requireText("by", by);
        boolean appeal = by.startsWith(KycService.APPEAL_PREFIX) && f.afterAppeal().contains(t);
        if (!f.next().contains(t) && !appeal) {
            throw new FieldException("to", "an account cannot move from " + from + " to " + to);
        }
        requireText("reason", reason);
    }
}

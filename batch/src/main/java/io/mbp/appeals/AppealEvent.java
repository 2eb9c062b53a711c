package io.mbp.appeals;

import io.mbp.events.EventPayload;

/**
 * Appeals against a rejection or a block (issue 12): opened with the customer's reason and an SLA
 * deadline, decided upheld or overturned with the operator's reason. Stream = the subject, beside the
 * other privacy bookkeeping, so an appeal does not count as account activity (ADR 0705).
 */
public sealed interface AppealEvent extends EventPayload permits AppealOpened, AppealDecided {
    String subject();
}

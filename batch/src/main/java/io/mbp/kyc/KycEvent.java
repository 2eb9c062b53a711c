package io.mbp.kyc;

import io.mbp.events.EventPayload;

/** The KYC family: a customer's submitted identity (ciphertext and references only) and each state change. Stream = the account. */
public sealed interface KycEvent extends EventPayload permits KycSubmitted, KycStatusChanged {
    String account();
}

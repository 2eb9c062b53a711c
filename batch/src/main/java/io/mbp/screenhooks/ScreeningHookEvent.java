package io.mbp.screenhooks;

import io.mbp.events.EventPayload;

/**
 * What screening decided about our own customers and payouts (ADR 0716, 0717): a hit at onboarding,
 * before a payout or after a list delta; a payout held and the review's decision; an alert opened
 * for a new hit. No clear personal data: accounts, subjects and list entity refs only.
 */
public sealed interface ScreeningHookEvent extends EventPayload
        permits ScreeningHit, PayoutHeld, PayoutHoldDecided, ScreeningAlertOpened {
    String streamId();
}

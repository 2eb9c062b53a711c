package io.mbp.kyc;

import java.util.Optional;

/**
 * The sanctions/PEP screen a just-stored account passes before it can be verified (issue 13,
 * ADR 0716). Implemented over the screening lists by {@code io.mbp.screenhooks}; kyc only knows
 * the answer: why the account must be reviewed (the hits, as list entity refs), or empty.
 */
@FunctionalInterface
public interface OnboardingScreen {
    Optional<String> hit(String account);
}

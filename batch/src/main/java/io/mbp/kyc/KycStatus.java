package io.mbp.kyc;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * An account's identity-verification state. {@code pending} until the provider answers;
 * {@code review} when it asks a person to look; {@code verified} and {@code rejected} are decisions;
 * {@code blocked} stops an account whatever it was (appeals, phase 2, are the way back).
 */
public enum KycStatus {
    PENDING, VERIFIED, REVIEW, REJECTED, BLOCKED;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<KycStatus> of(String code) {
        for (KycStatus s : values()) {
            if (s.code().equals(code)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    /** The states this one may move to. */
    public Set<KycStatus> next() {
        return switch (this) {
            case PENDING -> EnumSet.of(VERIFIED, REVIEW, REJECTED, BLOCKED);
            case REVIEW -> EnumSet.of(VERIFIED, REJECTED, BLOCKED);
            case VERIFIED, REJECTED -> EnumSet.of(BLOCKED);
            case BLOCKED -> EnumSet.noneOf(KycStatus.class);
        };
    }
}

package io.mbp.kyc;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * An account's identity-verification state. {@code pending} until the provider answers;
 * {@code review} when it asks a person to look; {@code verified} and {@code rejected} are decisions;
 * {@code blocked} stops an account whatever it was; an overturned appeal is the way back ({@link #afterAppeal}).
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

    /**
     * Where an overturned appeal may move a rejected or blocked account (ADR 0707): only through an
     * appeal, never by a plain `kyc review decide`.
     */
    public Set<KycStatus> afterAppeal() {
        return this == REJECTED || this == BLOCKED ? EnumSet.of(VERIFIED, REVIEW) : EnumSet.noneOf(KycStatus.class);
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

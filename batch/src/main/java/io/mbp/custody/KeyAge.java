package io.mbp.custody;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * How long a signing key has been in use at {@code now}, and what that allows: from
 * {@link #WARN_FROM} on every command warns; past {@link #MAX_AGE} the key may not sign or anchor
 * without an explicit override (docs/adr/0106). {@code since} is the operator key's created_at, or
 * the chain account's first anchor in this database.
 */
public record KeyAge(Kind kind, String keyId, Instant since, Instant now) {
    public static final Duration WARN_FROM = Duration.ofDays(80);
    public static final Duration MAX_AGE = Duration.ofDays(90);

    /** Which key: its name in messages and its value in {@link StaleKeyUsed#keyKind()}. */
    public enum Kind {
        OPERATOR("operator", "operator key", "rotate it with `mbp keys rotate` and publish the new verifier key"),
        CHAIN("chain", "chain key", "move anchoring to a new chain account (a new MBP_CHAIN_KEY or --chain-keyfile, funded)");

        private final String code;
        private final String label;
        private final String fix;

        Kind(String code, String label, String fix) {
            this.code = code;
            this.label = label;
            this.fix = fix;
        }

        public String code() {
            return code;
        }

        public String label() {
            return label;
        }

        public String fix() {
            return fix;
        }
    }

    public Duration age() {
        Duration d = Duration.between(since, now);
        return d.isNegative() ? Duration.ZERO : d;
    }

    public long days() {
        return age().toDays();
    }

    /** Past {@link #MAX_AGE}: refused for signing and anchoring unless overridden. */
    public boolean stale() {
        return age().compareTo(MAX_AGE) > 0;
    }

    /** Within {@link #WARN_FROM}..{@link #MAX_AGE}: still allowed, rotation due soon. */
    public boolean dueSoon() {
        return !stale() && age().compareTo(WARN_FROM) >= 0;
    }

    /** The line every command prints on stderr when the key is due or stale. */
    public Optional<String> warning() {
        if (stale()) {
            return Optional.of(describe() + " (more than " + MAX_AGE.toDays() + "): it is refused for signing and anchoring"
                    + " unless --allow-stale-key; " + kind.fix());
        }
        if (dueSoon()) {
            return Optional.of(describe() + ": signing is refused after " + MAX_AGE.toDays() + " days; " + kind.fix());
        }
        return Optional.empty();
    }

    String describe() {
        return kind.label() + " " + keyId + " is " + days() + " days old";
    }
}

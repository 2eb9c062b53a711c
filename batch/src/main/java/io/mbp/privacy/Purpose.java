package io.mbp.privacy;

import io.mbp.events.FieldException;
import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The documented purposes we ask consent for (docs/privacy.md lists each with its wording and legal
 * basis). A purpose's {@code version} names the wording the customer saw; changing the wording
 * means a new version, and consents to older versions stay on record as given.
 */
public enum Purpose {
    /** Identity verification by our KYC provider (Bacen Circ. 3.978 customer identification). */
    KYC("kyc", "2026-11"),
    /** Sending the customer's name and PIX key to our payment provider to pay withdrawals. */
    PAYOUTS("payouts", "2026-11"),
    /** E-mail and phone messages about markets and promotions. */
    MARKETING("marketing", "2026-11"),
    /** Aggregated usage statistics that improve the product. */
    ANALYTICS("analytics", "2026-11");

    private final String code;
    private final String version;

    Purpose(String code, String version) {
        this.code = code;
        this.version = version;
    }

    public String code() {
        return code;
    }

    /** The current wording's version. */
    public String version() {
        return version;
    }

    public static Optional<Purpose> of(String code) {
        return Arrays.stream(values()).filter(p -> p.code.equals(code)).findFirst();
    }

    public static String known() {
        return Arrays.stream(values()).map(Purpose::code).collect(Collectors.joining(", "));
    }

    /** {@code code} if it names a documented purpose, else a {@link FieldException} on {@code field}. */
    public static String require(String field, String code) {
        if (code == null || of(code).isEmpty()) {
            throw new FieldException(field, "unknown purpose '" + code + "' (known: " + known() + ")");
        }
        return code;
    }
}

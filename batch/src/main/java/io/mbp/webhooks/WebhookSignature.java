package io.mbp.webhooks;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The signature on every delivery, Stripe's scheme: header {@value #HEADER} =
 * {@code t=<unix seconds>,v1=<hex HMAC-SHA-256(secret, t + "." + raw body)>}, the secret being the
 * subscription's {@code whsec_...} string as shown once, in UTF-8. A receiver recomputes it, compares
 * in constant time and refuses a {@code t} outside {@link #TOLERANCE} (a captured delivery replayed
 * later); {@link #check} is that receiver, used by tests and as the SDKs' reference.
 */
public final class WebhookSignature {
    public static final String HEADER = "MBP-Webhook-Signature";
    public static final Duration TOLERANCE = Duration.ofMinutes(5);
    private static final HexFormat HEX = HexFormat.of();

    private final byte[] key;

    public WebhookSignature(String secret) {
        if (secret == null || secret.length() < 32) {
            throw new IllegalArgumentException("a webhook signing secret has at least 32 characters");
        }
        this.key = secret.getBytes(StandardCharsets.UTF_8);
    }

    public String sign(byte[] body, Instant at) {
        long t = at.getEpochSecond();
        return "t=" + t + ",v1=" + HEX.formatHex(mac(t, body));
    }

    /** Why {@code header} does not vouch for {@code body} at {@code now}, or empty when it does. */
    public Optional<String> check(String header, byte[] body, Instant now) {
        if (header == null || header.isBlank()) {
            return Optional.of(HEADER + " missing");
        }
        Long t = null;
        boolean any = false;
        boolean match = false;
        for (String part : header.split(",")) {
            String p = part.strip();
            try {
                if (p.startsWith("t=")) {
                    t = Long.parseLong(p.substring(2));
                }
            } catch (NumberFormatException e) {
                return Optional.of(HEADER + " is not t=<seconds>,v1=<hex>");
            }
        }
        if (t == null) {
            return Optional.of(HEADER + " is not t=<seconds>,v1=<hex>");
        }
        byte[] expected = mac(t, body);
        for (String part : header.split(",")) {
            String p = part.strip();
            if (p.startsWith("v1=")) {
                any = true;
                try {
                    match |= MessageDigest.isEqual(expected, HEX.parseHex(p.substring(3)));
                } catch (IllegalArgumentException e) {
                    // a malformed v1 matches nothing; another v1 (a rotated secret) may still match
                }
            }
        }
        if (!any) {
            return Optional.of(HEADER + " is not t=<seconds>,v1=<hex>");
        }
        if (Math.abs(now.getEpochSecond() - t) > TOLERANCE.toSeconds()) {
            return Optional.of(HEADER + " timestamp is more than " + TOLERANCE.toMinutes() + " minutes from now");
        }
        return match ? Optional.empty() : Optional.of(HEADER + " does not match the body");
    }

    private byte[] mac(long t, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            mac.update((t + ".").getBytes(StandardCharsets.US_ASCII));
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from the JDK", e);
        }
    }
}

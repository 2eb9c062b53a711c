package io.mbp.kyc;

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
 * The signature on a KYC vendor's verdict callback (ADR 0708): header {@value #HEADER} =
 * {@code t=<unix seconds>,v1=<hex HMAC-SHA-256(secret, t + "." + body)>}, the scheme Stripe and
 * most webhook senders use. The timestamp is signed with the body, so a captured callback cannot be
 * replayed outside {@link #TOLERANCE}; within it a replay is a duplicate, which changes nothing
 * (ADR 0702). The MAC is the JDK's; the comparison is constant-time.
 */
public final class CallbackSignature {
    public static final String HEADER = "Mbp-Signature";
    /** Where the daemon and {@code mbp kyc-sim} read the shared secret from (never argv). */
    public static final String SECRET_ENV = "MBP_KYC_CALLBACK_SECRET";
    /** How far the signing time may be from ours, either way. */
    public static final Duration TOLERANCE = Duration.ofMinutes(5);
    /** Shorter shared secrets are refused: 32 bytes is HMAC-SHA-256's own strength. */
    public static final int MIN_SECRET_BYTES = 32;
    private static final HexFormat HEX = HexFormat.of();

    private final byte[] secret;

    public CallbackSignature(byte[] secret) {
        if (secret == null || secret.length < MIN_SECRET_BYTES) {
            throw new IllegalArgumentException("the KYC callback secret must be at least " + MIN_SECRET_BYTES + " bytes");
        }
        this.secret = secret.clone();
    }

    /** The header value for {@code body} sent at {@code now}. */
    public String sign(byte[] body, Instant now) {
        long t = now.getEpochSecond();
        return "t=" + t + ",v1=" + HEX.formatHex(mac(t, body));
    }

    /** Why {@code header} does not vouch for {@code body} at {@code now}, or empty when it does. */
    public Optional<String> check(String header, byte[] body, Instant now) {
        if (header == null || header.isBlank()) {
            return Optional.of(HEADER + " header missing");
        }
        Long t = null;
        byte[] given = null;
        for (String part : header.split(",")) {
            String p = part.strip();
            try {
                if (p.startsWith("t=")) {
                    t = Long.parseLong(p.substring(2));
                } else if (p.startsWith("v1=")) {
                    given = HEX.parseHex(p.substring(3));
                }
            } catch (IllegalArgumentException e) {
                return Optional.of(HEADER + " is not t=<seconds>,v1=<hex>");
            }
        }
        if (t == null || given == null) {
            return Optional.of(HEADER + " is not t=<seconds>,v1=<hex>");
        }
        if (Math.abs(now.getEpochSecond() - t) > TOLERANCE.toSeconds()) {
            return Optional.of(HEADER + " timestamp is more than " + TOLERANCE.toMinutes() + " minutes from now");
        }
        if (!MessageDigest.isEqual(mac(t, body), given)) {
            return Optional.of(HEADER + " does not match the body");
        }
        return Optional.empty();
    }

    private byte[] mac(long t, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            mac.update((t + ".").getBytes(StandardCharsets.US_ASCII));
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from the JDK", e);
        }
    }
}

package io.mbp.webhooks;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Per-subscription signing secrets derived from one operator key (ADR 0315):
 * {@code whsec_ + hex(HMAC-SHA-256(key, "mbp-webhook-secret/1:" + subscription))}. Nothing secret is
 * stored or logged; the API shows a subscription's secret once, at creation. Changing the key
 * changes every secret (a rotation: subscribers re-subscribe).
 */
public final class WebhookSecrets {
    /** Where the daemon and {@code mbp webhooks} read the key from (never argv). */
    public static final String KEY_ENV = "MBP_WEBHOOK_KEY";
    public static final int MIN_KEY_BYTES = 32;

    private final byte[] key;

    public WebhookSecrets(byte[] key) {
        if (key == null || key.length < MIN_KEY_BYTES) {
            throw new IllegalArgumentException("$" + KEY_ENV + " must be at least " + MIN_KEY_BYTES + " bytes (e.g. openssl rand -hex 32)");
        }
        this.key = key.clone();
    }

    public String secretFor(String subscription) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return "whsec_" + HexFormat.of().formatHex(mac.doFinal(("mbp-webhook-secret/1:" + subscription)
                    .getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from the JDK", e);
        }
    }
}

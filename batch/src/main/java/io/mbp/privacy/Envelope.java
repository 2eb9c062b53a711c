package io.mbp.privacy;

import java.util.Base64;

/**
 * One encrypted field as it travels in events: {@code mbp1:<kek_id>:<dek_id>:<dek_version>:<base64url>}.
 * The header names the KEK ring and the subject's data key and version, so a reader knows which
 * wrapped key to fetch; the KEK version lives with the wrapped key (it changes on rotation, the
 * ciphertext does not). The body is AES-256-GCM (nonce ‖ ciphertext ‖ tag) under the data key,
 * with the header, subject and field name as associated data.
 */
public record Envelope(String kekId, String dekId, int dekVersion, byte[] body) {
    public static final String PREFIX = "mbp1";

    public Envelope {
        if (kekId == null || kekId.isBlank() || kekId.contains(":") || dekId == null || dekId.isBlank() || dekId.contains(":")
                || dekVersion < 1 || body == null) {
            throw new IllegalArgumentException("malformed envelope header");
        }
        body = body.clone();
    }

    @Override
    public byte[] body() {
        return body.clone();
    }

    public String text() {
        return PREFIX + ":" + kekId + ":" + dekId + ":" + dekVersion + ":" + Base64.getUrlEncoder().withoutPadding().encodeToString(body);
    }

    /** What the ciphertext is bound to besides its key: its header, its subject and its field. */
    String associated(String subject, String field) {
        return PREFIX + "|" + kekId + "|" + dekId + "|" + dekVersion + "|" + subject + "|" + field;
    }

    public static boolean looksLike(String text) {
        return text != null && text.startsWith(PREFIX + ":");
    }

    /** Parses {@link #text()}; {@link IllegalArgumentException} when it is not an envelope. */
    public static Envelope parse(String text) {
        String[] parts = text == null ? new String[0] : text.split(":", -1);
        if (parts.length != 5 || !PREFIX.equals(parts[0])) {
            throw new IllegalArgumentException("not an mbp1 envelope");
        }
        try {
            return new Envelope(parts[1], parts[2], Integer.parseInt(parts[3]), Base64.getUrlDecoder().decode(parts[4]));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not an mbp1 envelope", e);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Envelope e && e.text().equals(text());
    }

    @Override
    public int hashCode() {
        return text().hashCode();
    }

    @Override
    public String toString() {
        return text();
    }
}

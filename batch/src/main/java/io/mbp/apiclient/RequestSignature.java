package io.mbp.apiclient;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The request signature of docs/api-auth.md, exactly: lowercase hex of HMAC-SHA256 keyed with the
 * secret's UTF-8 bytes over {@code timestamp + "\n" + METHOD + "\n" + path_with_query + "\n" +
 * hex(SHA-256(body))}. The JDK's {@link Mac} does the HMAC; comparison is constant-time.
 */
public final class RequestSignature {
    public static final String KEY_ID = "MBP-Key-Id";
    public static final String TIMESTAMP = "MBP-Timestamp";
    public static final String SIGNATURE = "MBP-Signature";

    // the daemon verifies every signed request on its HTTP threads: a JCA provider lookup per request
    // cost more than the HMAC itself, so each (pooled) thread keeps its instances; digest() and init() reset them
    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> instance(() -> MessageDigest.getInstance("SHA-256")));
    private static final ThreadLocal<Mac> HMAC = ThreadLocal.withInitial(() -> instance(() -> Mac.getInstance("HmacSHA256")));

    private RequestSignature() {
    }

    private interface Jca<T> {
        T get() throws GeneralSecurityException;
    }

    private static <T> T instance(Jca<T> f) {
        try {
            return f.get();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 or HmacSHA256 is missing from the JDK", e);
        }
    }

    /** The signed string. */
    public static String canonical(long timestamp, String method, String pathWithQuery, byte[] body) {
        return timestamp + "\n" + method + "\n" + pathWithQuery + "\n" + sha256Hex(body == null ? new byte[0] : body);
    }

    /** The MBP-Signature value for a request. */
    public static String sign(String secret, long timestamp, String method, String pathWithQuery, byte[] body) {
        return HexFormat.of().formatHex(hmac(secret.getBytes(StandardCharsets.UTF_8), canonical(timestamp, method, pathWithQuery, body)));
    }

    /** Whether {@code given} is the signature; constant-time in the signature's bytes. */
    public static boolean matches(String secret, long timestamp, String method, String pathWithQuery, byte[] body, String given) {
        byte[] expected = sign(secret, timestamp, method, pathWithQuery, body).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, (given == null ? "" : given).getBytes(StandardCharsets.US_ASCII));
    }

    static String sha256Hex(byte[] bytes) {
        return HexFormat.of().formatHex(SHA256.get().digest(bytes));
    }

    private static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = HMAC.get();
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 refused the key", e);
        }
    }
}

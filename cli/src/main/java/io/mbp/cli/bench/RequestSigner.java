package io.mbp.cli.bench;

import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs the load generator's requests the way the daemon checks them, so the benchmark pays what a
 * real client pays. Pluggable: {@link #NONE} for a daemon without request signing, {@link #hmac} for
 * the scheme of docs/api-auth.md (headers {@code MBP-Key-Id}, {@code MBP-Timestamp} and
 * {@code MBP-Signature} = hex HMAC-SHA256(secret, ts \n METHOD \n path_with_query \n hex(sha256(body)))).
 */
@FunctionalInterface
interface RequestSigner {
    RequestSigner NONE = (unixSeconds, method, pathWithQuery, body) -> Map.of();

    /** The signing headers of a request signed at {@code unixSeconds} (in the order they are sent). */
    Map<String, String> headers(long unixSeconds, String method, String pathWithQuery, byte[] body);

    /** Signs now. */
    default void sign(HttpRequest.Builder request, String method, String pathWithQuery, byte[] body) {
        headers(System.currentTimeMillis() / 1000, method, pathWithQuery, body).forEach(request::header);
    }

    /** HMAC-SHA256 with JDK crypto; a Mac per thread (Mac is not thread-safe). */
    static RequestSigner hmac(String keyId, byte[] secret) {
        HexFormat hex = HexFormat.of();
        SecretKeySpec key = new SecretKeySpec(secret, "HmacSHA256");
        ThreadLocal<Mac> macs = ThreadLocal.withInitial(() -> {
            try {
                Mac m = Mac.getInstance("HmacSHA256");
                m.init(key);
                return m;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("HmacSHA256 is not available: " + e.getMessage(), e);
            }
        });
        return (unixSeconds, method, pathWithQuery, body) -> {
            String ts = Long.toString(unixSeconds);
            String text = ts + "\n" + method + "\n" + pathWithQuery + "\n" + hex.formatHex(sha256(body));
            String sig = hex.formatHex(macs.get().doFinal(text.getBytes(StandardCharsets.UTF_8)));
            Map<String, String> h = new LinkedHashMap<>();
            h.put("MBP-Key-Id", keyId);
            h.put("MBP-Timestamp", ts);
            h.put("MBP-Signature", sig);
            return h;
        };
    }

    private static byte[] sha256(byte[] body) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}

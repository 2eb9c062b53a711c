package io.mbp.kyc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;

/** The KYC callback signature: what it signs, and that any change to body, secret or time is caught. */
class CallbackSignaturePropertiesTest {
    static final byte[] SECRET = "thirty-two bytes of shared secret, at least".getBytes(StandardCharsets.UTF_8);
    static final CallbackSignature SIG = new CallbackSignature(SECRET);

    @Property
    void aSignedBodyChecksWithinTheToleranceEitherWay(@ForAll @Size(max = 300) byte[] body,
            @ForAll @LongRange(min = 1_000_000_000L, max = 4_000_000_000L) long t, @ForAll @IntRange(min = -300, max = 300) int skew) {
        String header = SIG.sign(body, Instant.ofEpochSecond(t));
        assertEquals(Optional.empty(), SIG.check(header, body, Instant.ofEpochSecond(t + skew)));
    }

    @Property
    void anyChangedByteOrAnotherSecretIsRefused(@ForAll @Size(min = 1, max = 300) byte[] body, @ForAll @IntRange(min = 0, max = 299) int at,
            @ForAll @IntRange(min = 1, max = 255) int flip) {
        Instant now = Instant.parse("2026-11-27T12:00:00Z");
        String header = SIG.sign(body, now);
        byte[] changed = body.clone();
        changed[at % body.length] ^= (byte) flip;
        assertTrue(SIG.check(header, changed, now).isPresent());
        byte[] other = SECRET.clone();
        other[at % other.length] ^= (byte) flip;
        assertTrue(new CallbackSignature(other).check(header, body, now).isPresent());
    }

    @Property
    void aStaleOrFutureTimestampIsRefused(@ForAll @IntRange(min = 301, max = 1_000_000) int off) {
        byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
        Instant now = Instant.parse("2026-11-27T12:00:00Z");
        assertTrue(SIG.check(SIG.sign(body, now.minusSeconds(off)), body, now).orElse("").contains("minutes"));
        assertTrue(SIG.check(SIG.sign(body, now.plusSeconds(off)), body, now).orElse("").contains("minutes"));
    }

    @Example
    void theHeaderIsTheHmacOfTimestampDotBodyAsAnyReceiverWouldCompute() throws Exception {
        byte[] body = "{\"subject\":\"sub-1\",\"outcome\":\"approved\"}".getBytes(StandardCharsets.UTF_8);
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET, "HmacSHA256"));
        String expected = HexFormat.of().formatHex(mac.doFinal(("1764244800." + new String(body, StandardCharsets.UTF_8))
                .getBytes(StandardCharsets.UTF_8)));
        assertEquals("t=1764244800,v1=" + expected, SIG.sign(body, Instant.ofEpochSecond(1_764_244_800L)));
    }

    @Example
    void malformedHeadersAreRefusedWithAReasonAndShortSecretsAtConstruction() {
        byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
        Instant now = Instant.ofEpochSecond(1_764_244_800L);
        for (String h : new String[] {null, "", "v1=00", "t=1764244800", "t=x,v1=00", "t=1764244800,v1=zz", "garbage"}) {
            assertTrue(SIG.check(h, body, now).isPresent(), String.valueOf(h));
        }
        assertThrows(IllegalArgumentException.class, () -> new CallbackSignature("short".getBytes(StandardCharsets.UTF_8)));
    }
}

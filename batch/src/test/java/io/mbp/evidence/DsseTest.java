package io.mbp.evidence;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mbp.custody.NoteSigner;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class DsseTest {
    static final NoteSigner SIGNER = new NoteSigner("mbp.test/log", new byte[32]);

    @Test
    void paeMatchesTheSpecificationsTestVector() {
        // secure-systems-lab/dsse protocol.md, "Test Vectors".
        assertArrayEquals("DSSEv1 29 http://example.com/HelloWorld 11 hello world".getBytes(StandardCharsets.US_ASCII),
                Dsse.pae("http://example.com/HelloWorld", "hello world".getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void lengthsCountBytesNotCharacters() {
        assertArrayEquals("DSSEv1 2 é 2 é".getBytes(StandardCharsets.UTF_8),
                Dsse.pae("é", "é".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aSignatureForOneTypeDoesNotVerifyAsAnother() {
        byte[] body = "{\"a\":1}".getBytes(StandardCharsets.UTF_8);
        Dsse.Envelope env = Dsse.parse(Dsse.sign(Dsse.MANIFEST_TYPE, body, SIGNER));
        assertTrue(env.verifiedBy(SIGNER.verifier()));
        Dsse.Envelope retyped = new Dsse.Envelope("application/json", env.payload(), env.signatures());
        assertFalse(retyped.verifiedBy(SIGNER.verifier()));
        assertFalse(env.verifiedBy(new NoteSigner("mbp.test/log", filled(7)).verifier()));
    }

    @Property(tries = 200)
    void anyChangedPayloadByteFailsVerification(@ForAll @Size(min = 1, max = 300) byte[] body,
                                                @ForAll @IntRange(min = 0, max = 299) int at,
                                                @ForAll @IntRange(min = 1, max = 255) int flip) {
        Dsse.Envelope env = Dsse.parse(Dsse.sign(Dsse.MANIFEST_TYPE, body, SIGNER));
        assertTrue(env.verifiedBy(SIGNER.verifier()));
        byte[] changed = body.clone();
        changed[at % changed.length] ^= (byte) flip;
        assertFalse(new Dsse.Envelope(env.payloadType(), changed, env.signatures()).verifiedBy(SIGNER.verifier()));
    }

    private static byte[] filled(int b) {
        byte[] s = new byte[32];
        Arrays.fill(s, (byte) b);
        return s;
    }
}

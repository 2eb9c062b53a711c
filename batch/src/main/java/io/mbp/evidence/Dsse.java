package io.mbp.evidence;

import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mbp.custody.NoteSigner;
import io.mbp.custody.NoteVerifierKey;
import io.mbp.events.JsonLimits;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * DSSE envelopes (secure-systems-lab/dsse, protocol 1.0): the signature covers
 * PAE(type, body) = "DSSEv1" SP LEN(type) SP type SP LEN(body) SP body, with LEN the decimal byte
 * length, so a signature for one payload type never verifies as another. Ed25519 through the
 * custody key classes.
 */
public final class Dsse {
    public static final String MANIFEST_TYPE = "application/vnd.mbp.evidence-manifest+json";
    private static final ObjectMapper JSON = JsonLimits.mapper().build();

    private Dsse() {
    }

    public static byte[] pae(String payloadType, byte[] body) {
        byte[] type = payloadType.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(("DSSEv1 " + type.length + " ").getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(type);
        out.writeBytes((" " + body.length + " ").getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(body);
        return out.toByteArray();
    }

    /** The envelope JSON; keyid is the signer's C2SP verifier key text, a hint only. */
    public static String sign(String payloadType, byte[] body, NoteSigner signer) {
        ObjectNode env = JSON.createObjectNode();
        env.put("payload", Base64.getEncoder().encodeToString(body));
        env.put("payloadType", payloadType);
        ObjectNode sig = env.putArray("signatures").addObject();
        sig.put("keyid", signer.verifier().text());
        sig.put("sig", Base64.getEncoder().encodeToString(signer.sign(pae(payloadType, body))));
        return env.toPrettyString() + "\n";
    }

    /** An envelope read back: its payload bytes, type and the signatures' key hints and bytes. */
    public record Envelope(String payloadType, byte[] payload, java.util.List<Sig> signatures) {
        public record Sig(String keyid, byte[] sig) {
        }

        /** True when any signature verifies under {@code key} over PAE(type, payload). */
        public boolean verifiedBy(NoteVerifierKey key) {
            byte[] pae = pae(payloadType, payload);
            return signatures.stream().anyMatch(s -> key.verify(pae, s.sig()));
        }
    }

    public static Envelope parse(String json) {
        try {
            JsonNode n = JSON.readTree(json);
            java.util.List<Envelope.Sig> sigs = new java.util.ArrayList<>();
            for (JsonNode s : n.path("signatures")) {
                sigs.add(new Envelope.Sig(s.path("keyid").asText(""), Base64.getDecoder().decode(s.path("sig").asText(""))));
            }
            if (!n.hasNonNull("payload") || !n.hasNonNull("payloadType") || sigs.isEmpty()) {
                throw new IllegalArgumentException("payload, payloadType and at least one signature are required");
            }
            return new Envelope(n.get("payloadType").asText(), Base64.getDecoder().decode(n.get("payload").asText()), sigs);
        } catch (StreamConstraintsException e) {
            throw JsonLimits.refused(BundleFiles.ENVELOPE, e);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("not JSON: " + e.getMessage().lines().findFirst().orElse(""));
        }
    }
}

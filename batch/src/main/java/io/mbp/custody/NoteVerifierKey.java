package io.mbp.custody;

import io.mbp.events.FieldException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

/**
 * A C2SP signed-note verifier key: name, 4-byte key id and Ed25519 public key. Text form
 * {@code <name>+<hex key id>+<base64(0x01 ‖ public key)>}; key id = the first 4 bytes of
 * SHA-256(name ‖ 0x0A ‖ 0x01 ‖ public key), so the id commits to both name and key.
 */
public record NoteVerifierKey(String name, byte[] keyId, byte[] publicKey) {
    /** Signature type byte of Ed25519 in the signed-note spec. */
    public static final byte ED25519 = 0x01;
    private static final HexFormat HEX = HexFormat.of();

    public NoteVerifierKey {
        requireValidName(name);
        if (publicKey == null || publicKey.length != 32) {
            throw new FieldException("public_key", "an Ed25519 public key is 32 bytes");
        }
        if (keyId == null || !Arrays.equals(keyId, keyId(name, publicKey))) {
            throw new FieldException("key_id", "does not match the name and public key (it is SHA-256(name ‖ 0x0A ‖ 0x01 ‖ key)[:4])");
        }
        keyId = keyId.clone();
        publicKey = publicKey.clone();
    }

    public static NoteVerifierKey of(String name, byte[] publicKey) {
        return new NoteVerifierKey(name, keyId(name, publicKey), publicKey);
    }

    public static byte[] keyId(String name, byte[] publicKey) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update(name.getBytes(StandardCharsets.UTF_8));
            md.update((byte) 0x0A);
            md.update(ED25519);
            md.update(publicKey);
            return Arrays.copyOf(md.digest(), 4);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Key names are non-empty and hold no whitespace and no '+' (they are '+'-separated in key text). */
    public static void requireValidName(String name) {
        if (name == null || name.isEmpty()) {
            throw new FieldException("name", "a key name must not be empty");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '+' || Character.isWhitespace(c) || Character.isISOControl(c)) {
                throw new FieldException("name", "'" + name + "' holds a space, control character or '+', which key names cannot");
            }
        }
    }

    public String keyIdHex() {
        return HEX.formatHex(keyId);
    }

    public String text() {
        byte[] typed = new byte[33];
        typed[0] = ED25519;
        System.arraycopy(publicKey, 0, typed, 1, 32);
        return name + "+" + keyIdHex() + "+" + Base64.getEncoder().encodeToString(typed);
    }

    /** Parses the text form; a wrong id, algorithm or length is refused with the reason. */
    public static NoteVerifierKey parse(String text) {
        String t = text == null ? "" : text.strip();
        int a = t.indexOf('+');
        int b = a < 0 ? -1 : t.indexOf('+', a + 1);
        if (a <= 0 || b < 0) {
            throw new FieldException("verifier key", "expected <name>+<8 hex digits>+<base64 key>, got '" + abbreviate(t) + "'");
        }
        String name = t.substring(0, a);
        String id = t.substring(a + 1, b);
        byte[] typed;
        try {
            typed = Base64.getDecoder().decode(t.substring(b + 1));
        } catch (IllegalArgumentException e) {
            throw new FieldException("verifier key", "the key part is not base64");
        }
        if (id.length() != 8 || !id.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
            throw new FieldException("verifier key", "the key id must be 8 hex digits, got '" + id + "'");
        }
        if (typed.length != 33 || typed[0] != ED25519) {
            throw new FieldException("verifier key", "only Ed25519 keys (type 0x01, 32 bytes) are supported");
        }
        byte[] pub = Arrays.copyOfRange(typed, 1, 33);
        byte[] expected = keyId(name, pub);
        if (!Arrays.equals(expected, HEX.parseHex(id.toLowerCase(java.util.Locale.ROOT)))) {
            throw new FieldException("verifier key", "key id " + id + " does not match the name and key (expected "
                    + HEX.formatHex(expected) + ")");
        }
        return new NoteVerifierKey(name, expected, pub);
    }

    private static String abbreviate(String s) {
        return s.length() > 60 ? s.substring(0, 60) + "..." : s;
    }

    public boolean verify(byte[] message, byte[] signature) {
        if (signature == null || signature.length != 64) {
            return false;
        }
        Ed25519Signer v = new Ed25519Signer();
        v.init(false, new Ed25519PublicKeyParameters(publicKey, 0));
        v.update(message, 0, message.length);
        return v.verifySignature(signature);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NoteVerifierKey k && name.equals(k.name) && Arrays.equals(publicKey, k.publicKey);
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + Arrays.hashCode(publicKey);
    }

    @Override
    public String toString() {
        return text();
    }
}

package io.mbp.custody;

import io.mbp.events.FieldException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.Signature;
import java.security.SignatureException;
import java.security.spec.EdECPoint;
import java.security.spec.EdECPublicKeySpec;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.NamedParameterSpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

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

    /**
     * Verifies with the JDK's RFC 8032 Ed25519 (SunEC). Keys are made and notes signed with Bouncy
     * Castle; verification, the public path, avoids loading Bouncy Castle, whose service-constraints
     * registry pulls a JUL logger and so the whole logging stack into start-up (docs/adr/0104).
     * Both sides are tested against the signed-note reference vector.
     */
    public boolean verify(byte[] message, byte[] signature) {
        if (signature == null || signature.length != 64) {
            return false;
        }
        byte[] le = publicKey.clone();
        boolean xOdd = (le[31] & 0x80) != 0;
        le[31] &= 0x7f;
        byte[] be = new byte[32];
        for (int i = 0; i < 32; i++) {
            be[i] = le[31 - i];
        }
        try {
            PublicKey key = KeyFactory.getInstance("Ed25519").generatePublic(
                    new EdECPublicKeySpec(NamedParameterSpec.ED25519, new EdECPoint(xOdd, new BigInteger(1, be))));
            Signature v = Signature.getInstance("Ed25519");
            v.initVerify(key);
            v.update(message);
            return v.verify(signature);
        } catch (InvalidKeySpecException | InvalidKeyException | SignatureException e) {
            return false;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no Ed25519 (Java 15+ is required)", e);
        }
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

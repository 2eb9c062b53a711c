package io.mbp.custody;

import java.util.Arrays;
import java.util.Base64;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

/**
 * An unlocked Ed25519 signing key with its signed-note name. Lives only in memory for the length
 * of one command; {@link #toString()} never shows the secret.
 */
public final class NoteSigner {
    private final String name;
    private final byte[] seed;
    private final NoteVerifierKey verifier;

    public NoteSigner(String name, byte[] seed) {
        NoteVerifierKey.requireValidName(name);
        if (seed == null || seed.length != 32) {
            throw new IllegalArgumentException("an Ed25519 private key is a 32-byte seed");
        }
        this.name = name;
        this.seed = seed.clone();
        byte[] pub = new Ed25519PrivateKeyParameters(this.seed, 0).generatePublicKey().getEncoded();
        this.verifier = NoteVerifierKey.of(name, pub);
    }

    /** Parses the Go/C2SP signer key text {@code PRIVATE+KEY+<name>+<hex id>+<base64(0x01 ‖ seed)>}. */
    public static NoteSigner parse(String text) {
        String prefix = "PRIVATE+KEY+";
        if (text == null || !text.startsWith(prefix)) {
            throw new IllegalArgumentException("a signer key starts with PRIVATE+KEY+");
        }
        String rest = text.substring(prefix.length());
        int a = rest.indexOf('+');
        int b = rest.indexOf('+', a + 1);
        if (a <= 0 || b < 0) {
            throw new IllegalArgumentException("malformed signer key");
        }
        byte[] typed = Base64.getDecoder().decode(rest.substring(b + 1));
        if (typed.length != 33 || typed[0] != NoteVerifierKey.ED25519) {
            throw new IllegalArgumentException("only Ed25519 signer keys are supported");
        }
        NoteSigner s = new NoteSigner(rest.substring(0, a), Arrays.copyOfRange(typed, 1, 33));
        if (!s.verifier.keyIdHex().equalsIgnoreCase(rest.substring(a + 1, b))) {
            throw new IllegalArgumentException("signer key id does not match its name and key");
        }
        return s;
    }

    public String name() {
        return name;
    }

    public NoteVerifierKey verifier() {
        return verifier;
    }

    byte[] seed() {
        return seed.clone();
    }

    public byte[] sign(byte[] message) {
        Ed25519Signer s = new Ed25519Signer();
        s.init(true, new Ed25519PrivateKeyParameters(seed, 0));
        s.update(message, 0, message.length);
        return s.generateSignature();
    }

    @Override
    public String toString() {
        return "NoteSigner[" + verifier.text() + "]";
    }
}

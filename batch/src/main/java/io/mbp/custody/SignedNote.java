package io.mbp.custody;

import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

/**
 * A C2SP signed note: UTF-8 text ending in a newline, a blank line, then one line per signature,
 * {@code "— " name " " base64(key id ‖ signature) "\n"} (U+2014 EM DASH). Each signature is over
 * the text bytes alone, so anyone holding the verifier key checks it without trusting the file.
 */
public record SignedNote(String text, List<Signature> signatures) {
    private static final String DASH = "\u2014 ";
    private static final HexFormat HEX = HexFormat.of();

    /** One signature line: who says they signed (name, key id) and the signature bytes. */
    public record Signature(String name, byte[] keyId, byte[] signature) {
        public String keyIdHex() {
            return HEX.formatHex(keyId);
        }

        String line() {
            byte[] blob = ByteBuffer.allocate(4 + signature.length).put(keyId).put(signature).array();
            return DASH + name + " " + Base64.getEncoder().encodeToString(blob) + "\n";
        }
    }

    public SignedNote {
        requireText(text);
        signatures = List.copyOf(signatures);
    }

    /** Signs {@code text} (which must end with a newline) with {@code signer}. */
    public static SignedNote sign(String text, NoteSigner signer) {
        requireText(text);
        byte[] sig = signer.sign(text.getBytes(StandardCharsets.UTF_8));
        return new SignedNote(text, List.of(new Signature(signer.name(), signer.verifier().keyId(), sig)));
    }

    /** The note as it is published and stored: text, blank line, signature lines. */
    public String encode() {
        StringBuilder b = new StringBuilder(text).append('\n');
        for (Signature s : signatures) {
            b.append(s.line());
        }
        return b.toString();
    }

    /** Parses a note; a malformed one is refused with what is wrong (no signature is checked here). */
    public static SignedNote parse(String note) {
        if (note == null || note.isEmpty()) {
            throw new NoteFormatException("the note is empty");
        }
        for (int i = 0; i < note.length(); i++) {
            char c = note.charAt(i);
            if (c < 0x20 && c != '\n' || c == 0x7f) {
                throw new NoteFormatException("the note holds a control character (code " + (int) c + ") at offset " + i);
            }
        }
        int split = note.lastIndexOf("\n\n");
        if (split < 0) {
            throw new NoteFormatException("no blank line separates the text from its signatures");
        }
        String text = note.substring(0, split + 1);
        String sigs = note.substring(split + 2);
        if (!sigs.endsWith("\n")) {
            throw new NoteFormatException("the last signature line does not end with a newline");
        }
        List<Signature> out = new ArrayList<>();
        for (String line : sigs.substring(0, sigs.length() - 1).split("\n", -1)) {
            if (!line.startsWith(DASH)) {
                throw new NoteFormatException("signature line '" + line + "' does not start with an em dash and a space");
            }
            String rest = line.substring(DASH.length());
            int sp = rest.lastIndexOf(' ');
            if (sp <= 0) {
                throw new NoteFormatException("signature line '" + line + "' has no name and signature");
            }
            String name = rest.substring(0, sp);
            byte[] blob;
            try {
                blob = Base64.getDecoder().decode(rest.substring(sp + 1));
            } catch (IllegalArgumentException e) {
                throw new NoteFormatException("the signature of " + name + " is not base64");
            }
            if (blob.length < 5) {
                throw new NoteFormatException("the signature of " + name + " is too short");
            }
            out.add(new Signature(name, Arrays.copyOf(blob, 4), Arrays.copyOfRange(blob, 4, blob.length)));
        }
        return new SignedNote(text, out);
    }

    /**
     * Checks the note against one trusted key: a signature line with the key's name and id must
     * exist and be valid. Other signatures are ignored, as the spec says.
     */
    public Verification verify(NoteVerifierKey key) {
        List<String> seen = new ArrayList<>();
        for (Signature s : signatures) {
            seen.add(s.name() + " (key id " + s.keyIdHex() + ")");
            if (s.name().equals(key.name()) && Arrays.equals(s.keyId(), key.keyId())) {
                boolean ok = key.verify(text.getBytes(StandardCharsets.UTF_8), s.signature());
                return ok ? new Verification(true, "signed by " + key.name() + " key " + key.keyIdHex())
                        : new Verification(false, "the signature by " + key.name() + " key " + key.keyIdHex()
                        + " does not match the note's text: the checkpoint was altered or the signature forged");
            }
        }
        return new Verification(false, "not signed by the given key " + key.name() + " (key id " + key.keyIdHex()
                + "); the note is signed by " + (seen.isEmpty() ? "no one" : String.join(", ", seen)) + ", an unknown key");
    }

    public record Verification(boolean ok, String detail) {
    }

    private static void requireText(String text) {
        if (text == null || text.isEmpty() || !text.endsWith("\n")) {
            throw new NoteFormatException("a note's text must be non-empty and end with a newline");
        }
        if (text.contains("\n\n") || text.startsWith("\n")) {
            throw new NoteFormatException("a note's text must not contain a blank line");
        }
    }

    /** A note that does not follow the format. */
    public static final class NoteFormatException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        public NoteFormatException(String message) {
            super(message);
        }
    }
}

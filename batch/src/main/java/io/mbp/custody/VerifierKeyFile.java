package io.mbp.custody;

import io.mbp.error.BadInputException;
import io.mbp.events.FieldException;
import io.mbp.events.JsonLimits;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The verifier-key file {@code mbp keys export-public} writes and verifiers are given: one
 * {@link NoteVerifierKey} per line, blank lines and {@code #} comments skipped. The one reader of
 * that file, so every verifier accepts and refuses the same files with the same reasons.
 */
public final class VerifierKeyFile {
    private VerifierKeyFile() {
    }

    /**
     * Every key in {@code file} (refused by size before it is read); {@code source} names the file
     * in messages (e.g. {@code "--pubkey keys.pub"}). A bad line is refused naming its number; a
     * file without a key is refused too.
     */
    public static List<NoteVerifierKey> read(Path file, String source) {
        String text = JsonLimits.readText(file, JsonLimits.MAX_DOCUMENT_BYTES, source);
        List<NoteVerifierKey> keys = new ArrayList<>();
        int line = 0;
        for (String l : text.split("\n")) {
            line++;
            String t = l.strip();
            if (t.isEmpty() || t.startsWith("#")) {
                continue;
            }
            try {
                keys.add(NoteVerifierKey.parse(t));
            } catch (FieldException e) {
                throw new BadInputException(source + " line " + line + ": " + e.getMessage());
            }
        }
        if (keys.isEmpty()) {
            throw new BadInputException(source + ": no verifier key in the file");
        }
        return keys;
    }

    /** The key with id {@code keyIdHex}, else the first (whose mismatch a signature check then reports). */
    public static NoteVerifierKey pick(List<NoteVerifierKey> keys, String keyIdHex) {
        return keys.stream().filter(k -> k.keyIdHex().equalsIgnoreCase(keyIdHex)).findFirst().orElse(keys.get(0));
    }
}

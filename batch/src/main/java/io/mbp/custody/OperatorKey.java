package io.mbp.custody;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One entry of the key file's inventory. A retired key keeps its public half (so checkpoints it
 * signed still verify) and loses its encrypted private half.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record OperatorKey(String keyId, String name, String verifierKey, String createdAt, String status,
                          String retiredAt, SeedCipher.Sealed privateKey) {
    public static final String ACTIVE = "active";
    public static final String RETIRED = "retired";

    public boolean active() {
        return ACTIVE.equals(status);
    }

    public NoteVerifierKey verifier() {
        return NoteVerifierKey.parse(verifierKey);
    }
}

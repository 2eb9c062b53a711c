package io.mbp.privacy;

/** Which key-encryption key wrapped something: the KEK ring's id (stable) and its version (bumped by rotation). */
public record KekRef(String kekId, int version) {
    public KekRef {
        if (kekId == null || kekId.isBlank() || version < 1) {
            throw new IllegalArgumentException("a KEK reference needs an id and a version ≥ 1");
        }
    }

    @Override
    public String toString() {
        return kekId + "/v" + version;
    }
}

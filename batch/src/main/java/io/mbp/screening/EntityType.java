package io.mbp.screening;

/** What a list entry is; a person screened against a vessel scores lower (ADR 0710). */
public enum EntityType {
    PERSON, ORGANIZATION, VESSEL, AIRCRAFT, OTHER;

    public String code() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static EntityType ofCode(String code) {
        return valueOf(code.toUpperCase(java.util.Locale.ROOT));
    }
}

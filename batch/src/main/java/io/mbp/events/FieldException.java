package io.mbp.events;

/** A payload value that is well-formed JSON but breaks a domain rule; names the field. */
public final class FieldException extends IllegalArgumentException {
    private final String field;

    public FieldException(String field, String problem) {
        super(problem);
        this.field = field;
    }

    public String field() {
        return field;
    }

    public static String requireText(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new FieldException(field, "must be a non-empty string");
        }
        return value;
    }

    public static long requirePositive(String field, long value) {
        if (value <= 0) {
            throw new FieldException(field, "must be a positive integer, got " + value);
        }
        return value;
    }

    public static long requireNonNegative(String field, long value) {
        if (value < 0) {
            throw new FieldException(field, "must not be negative, got " + value);
        }
        return value;
    }
}

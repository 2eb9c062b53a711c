package io.mbp.statement;

import io.mbp.error.BadInputException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A fixed-width record layout: every field's 1-based inclusive positions and its type, numeric
 * ({@code 9}, digits only, right-aligned, zero-filled) or alphanumeric ({@code X}, left-aligned,
 * blank-filled), as the FEBRABAN layouts write them. The fields must tile the record exactly,
 * which the constructor checks, so a typo in a table fails at class load, not on a bank's file.
 */
final class FixedWidth {
    enum Type { NUM, ALFA }

    /** One field: {@code from}..{@code to} (1-based, inclusive). {@code value} is fixed when not null. */
    record Field(String name, int from, int to, Type type, String value) {
        int width() {
            return to - from + 1;
        }
    }

    static Field num(String name, int from, int to) {
        return new Field(name, from, to, Type.NUM, null);
    }

    static Field alfa(String name, int from, int to) {
        return new Field(name, from, to, Type.ALFA, null);
    }

    /** A field whose content is fixed by the layout (record type, segment code, service...). */
    static Field fixed(String name, int from, int to, Type type, String value) {
        return new Field(name, from, to, type, value);
    }

    private final String name;
    private final int length;
    private final Map<String, Field> fields = new LinkedHashMap<>();

    FixedWidth(String name, int length, Field... table) {
        this.name = name;
        this.length = length;
        int next = 1;
        for (Field f : table) {
            if (f.from() != next || f.to() < f.from() || f.value() != null && f.value().length() != f.width()) {
                throw new IllegalStateException(name + ": field " + f.name() + " at " + f.from() + "-" + f.to()
                        + " does not continue at " + next + " or its fixed value does not fill it");
            }
            if (fields.put(f.name(), f) != null) {
                throw new IllegalStateException(name + ": field " + f.name() + " twice");
            }
            next = f.to() + 1;
        }
        if (next != length + 1) {
            throw new IllegalStateException(name + ": fields end at " + (next - 1) + ", not " + length);
        }
    }

    String name() {
        return name;
    }

    List<Field> fields() {
        return new ArrayList<>(fields.values());
    }

    /**
     * Checks {@code text} against the layout: its length, every numeric field all digits, every fixed
     * field its value. The first problem is a {@link BadInputException} naming the record and position.
     */
    Record parse(String text, String source, long recordNo) {
        if (text.length() != length) {
            throw bad(source, recordNo, text.length() < length ? text.length() + 1 : length + 1, null,
                    "the record has " + text.length() + " characters, a " + name + " has " + length);
        }
        for (Field f : fields.values()) {
            String v = text.substring(f.from() - 1, f.to());
            if (f.type() == Type.NUM) {
                for (int i = 0; i < v.length(); i++) {
                    if (v.charAt(i) < '0' || v.charAt(i) > '9') {
                        throw bad(source, recordNo, f.from() + i, f, "must be digits, got '" + printable(v) + "'");
                    }
                }
            }
            if (f.value() != null && !f.value().equals(v)) {
                throw bad(source, recordNo, f.from(), f, "must be '" + f.value() + "', got '" + printable(v) + "'");
            }
        }
        return new Record(this, text, source, recordNo);
    }

    /** Formats {@code values} (by field name) into one record; a value that does not fit is a bug of the caller. */
    String format(Map<String, String> values) {
        StringBuilder sb = new StringBuilder(length);
        for (Field f : fields.values()) {
            String v = f.value() != null ? f.value() : values.getOrDefault(f.name(), "");
            if (v.length() > f.width()) {
                throw new IllegalArgumentException(name + " field " + f.name() + " (" + f.from() + "-" + f.to()
                        + ") holds " + f.width() + " characters, got " + v.length());
            }
            if (f.type() == Type.NUM) {
                if (!v.chars().allMatch(c -> c >= '0' && c <= '9')) {
                    throw new IllegalArgumentException(name + " field " + f.name() + " is numeric, got '" + v + "'");
                }
                sb.append("0".repeat(f.width() - v.length())).append(v);
            } else {
                sb.append(v).append(" ".repeat(f.width() - v.length()));
            }
        }
        return sb.toString();
    }

    Field field(String fieldName) {
        Field f = fields.get(fieldName);
        if (f == null) {
            throw new IllegalArgumentException(name + " has no field " + fieldName);
        }
        return f;
    }

    static BadInputException bad(String source, long recordNo, int position, Field f, String problem) {
        return new BadInputException(source + ": record " + recordNo + ", position " + position
                + (f == null ? "" : " (" + f.name() + ", " + f.from() + "-" + f.to() + ")") + ": " + problem
                + "; nothing was imported");
    }

    private static String printable(String v) {
        StringBuilder sb = new StringBuilder();
        v.codePoints().forEach(c -> sb.append(c < 0x20 || c == 0x7F ? String.format("\\u%04X", c) : Character.toString(c)));
        return sb.toString();
    }

    /** One parsed record: its fields by name; numeric fields come back as digits, alphanumeric ones trimmed. */
    record Record(FixedWidth layout, String text, String source, long recordNo) {
        String raw(String fieldName) {
            Field f = layout.field(fieldName);
            return text.substring(f.from() - 1, f.to());
        }

        String alfa(String fieldName) {
            return raw(fieldName).strip();
        }

        long number(String fieldName) {
            // At most 18 digits (9(16)V99): always fits a long.
            return Long.parseLong(raw(fieldName));
        }

        BadInputException bad(String fieldName, String problem) {
            Field f = layout.field(fieldName);
            return FixedWidth.bad(source, recordNo, f.from(), f, problem);
        }
    }
}

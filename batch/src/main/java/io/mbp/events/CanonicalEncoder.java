package io.mbp.events;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.util.JsonGeneratorDelegate;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.module.blackbird.BlackbirdModule;
import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Collection;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Writes a payload record straight to its RFC 8785 text (ADR 0156), where {@link EventTypes#encodeViaTree}
 * builds a tree, checks it and writes it sorted: a third of the engine thread's work per order. The record's
 * properties are written sorted by name and maps by key, so the text is the tree's; what the tree check refuses
 * (a float, an integer beyond ±2^53-1, a lone surrogate) stops this path, and so does any record with a field
 * of a type whose order or form it does not vouch for (anything but strings, integers, booleans, enums, lists,
 * sets, string-keyed maps and such records): the tree path then writes it, or names what is wrong.
 */
final class CanonicalEncoder {
    private final ObjectWriter writer;
    private final Set<Class<?>> direct = new HashSet<>();

    CanonicalEncoder(Collection<Class<? extends EventPayload>> types) {
        JsonMapper sorted = ((JsonMapper) CanonicalJson.MAPPER).rebuild()
                .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
                .disable(MapperFeature.SORT_CREATOR_PROPERTIES_FIRST)
                .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
                .addModule(new BlackbirdModule()) // accessors through generated lambdas: Method.invoke was 6 % of the engine thread
                .build();
        this.writer = sorted.writer();
        for (Class<? extends EventPayload> t : types) {
            if (vouched(t, new HashSet<>())) {
                direct.add(t);
            }
        }
    }

    /** Whether the direct path writes every record of {@code type}, or the tree path must. */
    boolean writes(Class<?> type) {
        return direct.contains(type);
    }

    /** The canonical text of {@code payload}, or null when the tree path must write it (or name what is wrong). */
    String encode(EventPayload payload) {
        if (!direct.contains(payload.getClass())) {
            return null;
        }
        StringWriter out = new StringWriter(256); // the generator buffers and writes it once, at close
        try (JsonGenerator g = new Checked(writer.getFactory().createGenerator(out))) {
            writer.writeValue(g, payload);
        } catch (IOException | RuntimeException e) {
            return null; // NotCanonical, or any surprise: the tree path is the reference
        }
        return out.toString();
    }

    private static boolean vouched(Type t, Set<Class<?>> seen) {
        if (t instanceof ParameterizedType pt) {
            Class<?> raw = (Class<?>) pt.getRawType();
            Type[] args = pt.getActualTypeArguments();
            if (Map.class.isAssignableFrom(raw)) {
                return args[0] == String.class && vouched(args[1], seen);
            }
            return Collection.class.isAssignableFrom(raw) && vouched(args[0], seen);
        }
        if (!(t instanceof Class<?> c)) {
            return false;
        }
        if (c == String.class || c == long.class || c == Long.class || c == int.class || c == Integer.class
                || c == boolean.class || c == Boolean.class || c.isEnum()) {
            return true;
        }
        if (!c.isRecord()) {
            return false;
        }
        if (!seen.add(c)) {
            return true; // a record nested in itself: its fields are being checked already
        }
        for (RecordComponent rc : c.getRecordComponents()) {
            if (!vouched(rc.getGenericType(), seen)) {
                return false;
            }
        }
        return true;
    }

    /** Thrown by {@link Checked} where the tree check would refuse the value: the tree path names it. */
    private static final class NotCanonical extends RuntimeException {
        private static final long serialVersionUID = 1L;

        NotCanonical() {
            super(null, null, false, false);
        }
    }

    /** The tree check's rules, applied as the values are written. */
    private static final class Checked extends JsonGeneratorDelegate {
        Checked(JsonGenerator d) {
            super(d, false);
        }

        private static String wellFormed(String s) {
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (Character.isSurrogate(c)) {
                    if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                        i++;
                        continue;
                    }
                    throw new NotCanonical();
                }
            }
            return s;
        }

        @Override
        public void writeFieldName(String name) throws IOException {
            delegate.writeFieldName(wellFormed(name));
        }

        @Override
        public void writeFieldName(SerializableString name) throws IOException {
            wellFormed(name.getValue());
            delegate.writeFieldName(name);
        }

        @Override
        public void writeFieldId(long id) {
            throw new NotCanonical();
        }

        @Override
        public void writeString(String text) throws IOException {
            delegate.writeString(wellFormed(text));
        }

        @Override
        public void writeString(SerializableString text) throws IOException {
            wellFormed(text.getValue());
            delegate.writeString(text);
        }

        @Override
        public void writeString(char[] text, int offset, int len) throws IOException {
            writeString(new String(text, offset, len));
        }

        @Override
        public void writeString(Reader reader, int len) {
            throw new NotCanonical();
        }

        @Override
        public void writeRawUTF8String(byte[] text, int offset, int length) {
            throw new NotCanonical();
        }

        @Override
        public void writeUTF8String(byte[] text, int offset, int length) {
            throw new NotCanonical();
        }

        @Override
        public void writeNumber(long v) throws IOException {
            if (v > CanonicalJson.MAX_SAFE_INTEGER || v < -CanonicalJson.MAX_SAFE_INTEGER) {
                throw new NotCanonical();
            }
            delegate.writeNumber(v);
        }

        @Override
        public void writeNumber(BigInteger v) {
            // no vouched type holds one; the tree path checks it (bitLength alone would let -2^53 through)
            throw new NotCanonical();
        }

        @Override
        public void writeNumber(double v) {
            throw new NotCanonical();
        }

        @Override
        public void writeNumber(float v) {
            throw new NotCanonical();
        }

        @Override
        public void writeNumber(BigDecimal v) {
            throw new NotCanonical();
        }

        @Override
        public void writeNumber(String encoded) {
            throw new NotCanonical();
        }

        @Override
        public void writeNumber(char[] encoded, int offset, int len) {
            throw new NotCanonical();
        }

        @Override
        public void writeRaw(String text) {
            throw new NotCanonical();
        }

        @Override
        public void writeRaw(String text, int offset, int len) {
            throw new NotCanonical();
        }

        @Override
        public void writeRaw(char[] text, int offset, int len) {
            throw new NotCanonical();
        }

        @Override
        public void writeRaw(char c) {
            throw new NotCanonical();
        }

        @Override
        public void writeRaw(SerializableString raw) {
            throw new NotCanonical();
        }

        @Override
        public void writeRawValue(String text) {
            throw new NotCanonical();
        }

        @Override
        public void writeRawValue(String text, int offset, int len) {
            throw new NotCanonical();
        }

        @Override
        public void writeRawValue(char[] text, int offset, int len) {
            throw new NotCanonical();
        }

        @Override
        public void writeBinary(com.fasterxml.jackson.core.Base64Variant b64, byte[] data, int offset, int len) {
            throw new NotCanonical();
        }

        @Override
        public int writeBinary(com.fasterxml.jackson.core.Base64Variant b64, java.io.InputStream data, int len) {
            throw new NotCanonical();
        }
    }
}

package io.mbp.events;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Map;

/**
 * RFC 8785 (JSON Canonicalization Scheme) for the JSON MBP logs, built on Jackson:
 * object members sorted by UTF-16 code units, no insignificant whitespace, strings escaped as
 * ECMAScript's JSON.stringify does (short escapes for \b \t \n \f \r, lowercase \\u-escapes (00xx) for other
 * controls, everything else literal). Numbers are restricted to integers of magnitude at most
 * 2^53-1, which RFC 8785 prints exactly as their decimal digits; floats are refused outright,
 * so the canonical form never depends on floating-point formatting.
 */
public final class CanonicalJson {
    /** Largest integer an IEEE double (and so RFC 8785 / I-JSON) represents exactly. */
    public static final long MAX_SAFE_INTEGER = (1L << 53) - 1;

    // Bounded (JsonLimits): this factory reads NDJSON event lines, proofs and API bodies from outside.
    private static final JsonFactory FACTORY = JsonLimits.builder(JsonLimits.MAX_DOCUMENT_BYTES)
            .characterEscapes(new Rfc8785Escapes())
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    /** Reads and writes payload JSON: snake_case fields, strict types, sorted output. */
    public static final ObjectMapper MAPPER = buildMapper();

    private CanonicalJson() {
    }

    private static ObjectMapper buildMapper() {
        JsonMapper mapper = JsonMapper.builder(FACTORY)
                .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(JsonNodeFeature.WRITE_PROPERTIES_SORTED)
                .serializationInclusion(JsonInclude.Include.NON_NULL)
                .build();
        // "100" is not 100 and 100 is not "100": the log stores exactly what the type says.
        mapper.coercionConfigFor(LogicalType.Integer).setCoercion(CoercionInputShape.String, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Integer).setCoercion(CoercionInputShape.Float, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Textual).setCoercion(CoercionInputShape.Integer, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Textual).setCoercion(CoercionInputShape.Float, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Textual).setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Boolean).setCoercion(CoercionInputShape.String, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Boolean).setCoercion(CoercionInputShape.Integer, CoercionAction.Fail);
        return mapper;
    }

    /**
     * Checks that {@code node} is canonicalizable: no floating-point numbers, integers within
     * ±(2^53-1), no lone UTF-16 surrogates. Throws {@link FieldException} naming the path.
     */
    public static void requireCanonicalizable(JsonNode node, String path) {
        if (node.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> it = node.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                String child = path.isEmpty() ? e.getKey() : path + "." + e.getKey();
                requireWellFormed(child, e.getKey(), "member name");
                requireCanonicalizable(e.getValue(), child);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                requireCanonicalizable(node.get(i), path + "[" + i + "]");
            }
        } else if (node.isFloatingPointNumber()) {
            throw new FieldException(path, "floating-point number " + node.asText()
                    + " is not allowed in the log: send money as integer centavos and other decimals as strings (\""
                    + node.asText() + "\")");
        } else if (node.isIntegralNumber()) {
            // not Math.abs: it leaves Long.MIN_VALUE negative, and so within the bound
            if (!node.canConvertToLong() || node.longValue() > MAX_SAFE_INTEGER || node.longValue() < -MAX_SAFE_INTEGER) {
                throw new FieldException(path, "integer " + node.asText()
                        + " is beyond ±2^53-1, which RFC 8785 JSON cannot carry exactly: send it as a decimal string");
            }
        } else if (node.isTextual()) {
            requireWellFormed(path, node.textValue(), "string");
        }
    }

    private static void requireWellFormed(String path, String s, String what) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                    i++;
                    continue;
                }
                throw new FieldException(path, what + " holds a lone UTF-16 surrogate, which is not valid Unicode");
            }
            if (Character.isLowSurrogate(c)) {
                throw new FieldException(path, what + " holds a lone UTF-16 surrogate, which is not valid Unicode");
            }
        }
    }

    /** The RFC 8785 canonical text of {@code node}; call {@link #requireCanonicalizable} first. */
    public static String canonicalize(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Parses JSON from outside with {@link #MAPPER}. A float with an exponent beyond what
     * {@code BigDecimal} holds ({@code 1E9040088820261127}, found by fuzzing) makes Jackson throw a
     * bare {@link NumberFormatException}; here it is a parse error like any other malformed input,
     * so every reader of outside JSON refuses it as bad input instead of failing unexpectedly.
     */
    public static JsonNode readTree(String json) throws JsonProcessingException {
        try {
            return MAPPER.readTree(json);
        } catch (NumberFormatException e) {
            throw new JsonParseException(null, "number out of range: " + e.getMessage());
        }
    }

    /** {@link #readTree(String)} for UTF-8 bytes (an HTTP request body). */
    public static JsonNode readTree(byte[] json) throws java.io.IOException {
        try {
            return MAPPER.readTree(json);
        } catch (NumberFormatException e) {
            throw new JsonParseException(null, "number out of range: " + e.getMessage());
        }
    }

    /** Parses JSON text strictly (duplicate members refused) and returns its canonical form. */
    public static String canonicalize(String json) {
        try {
            JsonNode node = readTree(json);
            requireCanonicalizable(node, "");
            return canonicalize(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Canonical bytes of a whole event. The member names are fixed and already in sorted order
     * (payload, seq, stream, ts, type), and the payload is already canonical, so it is written raw.
     */
    public static byte[] eventBytes(long seq, String type, String stream, String ts, String canonicalPayload) {
        byte[] fast = EventBytes.of(seq, type, stream, ts, canonicalPayload);
        return fast != null ? fast : generatedEventBytes(seq, type, stream, ts, canonicalPayload);
    }

    /** {@link #eventBytes} through Jackson's generator and the RFC 8785 escapes (any field, any text). */
    static byte[] generatedEventBytes(long seq, String type, String stream, String ts, String canonicalPayload) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(canonicalPayload.length() + type.length() + stream.length() + 80);
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            g.writeStartObject();
            g.writeFieldName("payload");
            g.writeRawValue(canonicalPayload);
            g.writeNumberField("seq", seq);
            g.writeStringField("stream", stream);
            g.writeStringField("ts", ts);
            g.writeStringField("type", type);
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    public static String eventText(long seq, String type, String stream, String ts, String canonicalPayload) {
        return new String(eventBytes(seq, type, stream, ts, canonicalPayload), StandardCharsets.UTF_8);
    }

    /** JSON.stringify's string escaping: Jackson's defaults but with lowercase hex digits in \\u-escapes. */
    private static final class Rfc8785Escapes extends CharacterEscapes {
        private static final long serialVersionUID = 1L;
        private final int[] ascii;

        Rfc8785Escapes() {
            ascii = CharacterEscapes.standardAsciiEscapesForJSON();
            for (int c = 0; c < 0x20; c++) {
                if (c != '\b' && c != '\t' && c != '\n' && c != '\f' && c != '\r') {
                    ascii[c] = CharacterEscapes.ESCAPE_CUSTOM;
                }
            }
        }

        @Override
        public int[] getEscapeCodesForAscii() {
            return ascii;
        }

        @Override
        public SerializableString getEscapeSequence(int ch) {
            // Jackson also asks about every non-ASCII char: those stay literal (null = no escape).
            return ch < 0x20 ? new SerializedString(String.format("\\u%04x", ch)) : null;
        }
    }
}

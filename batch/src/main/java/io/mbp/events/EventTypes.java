package io.mbp.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The registry of event types: stable type string ↔ payload record. Built from the engines'
 * sealed families, so adding a record to a family registers it; a duplicate name fails at start.
 */
public final class EventTypes {
    private final Map<String, Class<? extends EventPayload>> byName;
    private final Map<Class<? extends EventPayload>, String> byClass;
    private final Map<Class<?>, List<Field>> fields = new HashMap<>();
    /** Per type, the accessors of its required fields that can hold null (not primitives). */
    private final Map<Class<?>, List<Method>> requiredRefs = new HashMap<>();
    /** Per type, the direct binding: an absent field binds as null (or fails, for a primitive), checked after. */
    private final Map<Class<?>, ObjectReader> readers = new HashMap<>();
    private final CanonicalEncoder encoder;

    private record Field(String json, boolean optional) {
    }

    private EventTypes(Map<String, Class<? extends EventPayload>> byName) {
        this.byName = Collections.unmodifiableMap(byName);
        Map<Class<? extends EventPayload>, String> inverse = new HashMap<>();
        byName.forEach((k, v) -> inverse.put(v, k));
        this.byClass = inverse;
        this.encoder = new CanonicalEncoder(byName.values());
        for (Class<? extends EventPayload> type : byName.values()) {
            List<Field> list = new ArrayList<>();
            List<Method> refs = new ArrayList<>();
            for (RecordComponent rc : type.getRecordComponents()) {
                String json = ((PropertyNamingStrategies.NamingBase) PropertyNamingStrategies.SNAKE_CASE).translate(rc.getName());
                boolean optional = rc.isAnnotationPresent(OptionalField.class);
                list.add(new Field(json, optional));
                if (!optional && !rc.getType().isPrimitive()) {
                    Method m = rc.getAccessor();
                    m.setAccessible(true);
                    refs.add(m);
                }
            }
            fields.put(type, List.copyOf(list));
            requiredRefs.put(type, List.copyOf(refs));
            readers.put(type, CanonicalJson.MAPPER.readerFor(type)
                    .without(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES));
        }
    }

    /** Registers every record permitted by each sealed family interface. */
    @SafeVarargs
    public static EventTypes of(Class<? extends EventPayload>... families) {
        Map<String, Class<? extends EventPayload>> byName = new LinkedHashMap<>();
        for (Class<? extends EventPayload> family : families) {
            if (!family.isSealed()) {
                throw new IllegalArgumentException(family.getName() + " must be a sealed event family");
            }
            collect(family, byName);
        }
        return new EventTypes(byName);
    }

    @SuppressWarnings("unchecked")
    private static void collect(Class<?> family, Map<String, Class<? extends EventPayload>> byName) {
        for (Class<?> sub : family.getPermittedSubclasses()) {
            if (sub.isSealed()) {
                collect(sub, byName);
                continue;
            }
            EventType name = sub.getAnnotation(EventType.class);
            if (!sub.isRecord() || name == null) {
                throw new IllegalArgumentException(sub.getName() + " must be a record annotated @EventType");
            }
            Class<? extends EventPayload> previous = byName.put(name.value(), (Class<? extends EventPayload>) sub);
            if (previous != null) {
                throw new IllegalArgumentException("event type '" + name.value() + "' is claimed by both "
                        + previous.getName() + " and " + sub.getName());
            }
        }
    }

    public Set<String> names() {
        return new TreeSet<>(byName.keySet());
    }

    /** The record registered under {@code type}, or null (tests build payloads from it). */
    Class<? extends EventPayload> recordOf(String type) {
        return byName.get(type);
    }

    /** The direct encoder (tests compare it with {@link #encodeViaTree}). */
    CanonicalEncoder encoder() {
        return encoder;
    }

    public boolean isKnown(String type) {
        return byName.containsKey(type);
    }

    public String nameOf(EventPayload payload) {
        String name = byClass.get(payload.getClass());
        if (name == null) {
            throw new IllegalArgumentException(payload.getClass().getName() + " is not a registered event type");
        }
        return name;
    }

    /**
     * Binds a payload object to its record, checking that every required field is present and
     * no unknown field is. Errors are {@link FieldException}s whose field is relative to the payload.
     */
    public EventPayload decode(String type, JsonNode payload) {
        Class<? extends EventPayload> cls = byName.get(type);
        if (cls == null) {
            throw new FieldException("type", "unknown event type '" + type + "' (known: " + String.join(", ", names()) + ")");
        }
        if (payload == null || !payload.isObject()) {
            throw new FieldException("", "must be a JSON object");
        }
        List<Field> expected = fields.get(cls);
        for (Field f : expected) {
            JsonNode v = payload.get(f.json());
            if (!f.optional() && (v == null || v.isNull())) {
                throw new FieldException(f.json(), "missing (required by " + type + ")");
            }
        }
        Iterator<String> names = payload.fieldNames();
        while (names.hasNext()) {
            String n = names.next();
            if (expected.stream().noneMatch(f -> f.json().equals(n))) {
                throw new FieldException(n, "unknown field for " + type + " (expected: "
                        + String.join(", ", expected.stream().map(Field::json).toList()) + ")");
            }
        }
        // An absent optional field binds as null; the mapper otherwise refuses any missing creator property.
        JsonNode given = payload;
        if (expected.stream().anyMatch(f -> f.optional() && !given.has(f.json()))) {
            com.fasterxml.jackson.databind.node.ObjectNode filled = ((com.fasterxml.jackson.databind.node.ObjectNode) given).deepCopy();
            expected.stream().filter(f -> f.optional() && !filled.has(f.json())).forEach(f -> filled.putNull(f.json()));
            payload = filled;
        }
        try {
            return CanonicalJson.MAPPER.treeToValue(payload, cls);
        } catch (ValueInstantiationException e) {
            if (e.getCause() instanceof FieldException fe) {
                throw fe;
            }
            throw new FieldException(pathOf(e), rootMessage(e));
        } catch (MismatchedInputException e) {
            throw new FieldException(pathOf(e), "must be " + describe(e.getTargetType()) + rejected(payload, e));
        } catch (JsonMappingException e) {
            throw new FieldException(pathOf(e), rootMessage(e));
        } catch (JsonProcessingException e) {
            throw new FieldException("", e.getOriginalMessage());
        }
    }

    /**
     * Decodes the canonical payload text of a stored event. Bound straight from the text to the record
     * (ADR 0142; the tree was a quarter of an evidence build): the mapper refuses unknown fields and
     * absent or null primitives, an absent field otherwise binds as null as the tree decode's optional
     * ones do, and a required field left null is checked here on the record, so what this binding
     * accepts the tree decode accepts as the same record. Anything it refuses goes through the tree
     * decode, which names the field with the same words as before.
     */
    public EventPayload decode(String type, String canonicalPayload) {
        Class<? extends EventPayload> cls = byName.get(type);
        if (cls != null && canonicalPayload != null) {
            EventPayload direct = bindDirect(cls, canonicalPayload);
            if (direct != null) {
                return direct;
            }
        }
        return decodeViaTree(type, canonicalPayload);
    }

    /** The record bound from the text, or null when the tree decode must decide (or name the error). */
    private EventPayload bindDirect(Class<? extends EventPayload> cls, String text) {
        EventPayload p;
        try {
            p = readers.get(cls).readValue(text);
        } catch (JsonProcessingException | RuntimeException e) {
            return null;
        }
        if (p == null) {
            return null; // the text "null"
        }
        try {
            for (Method m : requiredRefs.get(cls)) {
                if (m.invoke(p) == null) {
                    return null;
                }
            }
        } catch (ReflectiveOperationException e) {
            return null;
        }
        return p;
    }

    /** The decode before ADR 0142: the text read into a tree, checked, then bound; the direct path's reference. */
    EventPayload decodeViaTree(String type, String canonicalPayload) {
        try {
            return decode(type, CanonicalJson.MAPPER.readTree(canonicalPayload));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored payload of type " + type + " is not JSON", e);
        }
    }

    /**
     * The canonical payload text of a record: written straight from the record (ADR 0156) where the
     * direct path vouches for it, else through the tree, which names any field the log cannot carry.
     */
    public String encode(EventPayload payload) {
        String direct = encoder.encode(payload);
        if (direct == null) {
            return encodeViaTree(payload);
        }
        if (CROSS_CHECK) {
            String tree = encodeViaTree(payload);
            if (!direct.equals(tree)) {
                throw new IllegalStateException("the direct encode of a " + nameOf(payload) + " differs from the tree's (ADR 0156): "
                        + direct + " against " + tree);
            }
        }
        return direct;
    }

    /** Set by the build for every test JVM: each event any test encodes is written both ways and compared. */
    private static final boolean CROSS_CHECK = Boolean.getBoolean("mbp.events.encodeCrossCheck");

    /**
     * The encode before ADR 0156: the record as a tree, checked, written sorted; the direct path's reference
     * (the tests and {@code mbp bench events} compare the two).
     */
    public String encodeViaTree(EventPayload payload) {
        JsonNode tree = CanonicalJson.MAPPER.valueToTree(payload);
        CanonicalJson.requireCanonicalizable(tree, "");
        return CanonicalJson.canonicalize(tree);
    }

    private static String describe(Class<?> target) {
        if (target == null) {
            return "of another type";
        }
        if (target == long.class || target == Long.class || target == int.class || target == Integer.class) {
            return "an integer";
        }
        if (target == boolean.class || target == Boolean.class) {
            return "true or false";
        }
        if (target == String.class) {
            return "a string";
        }
        if (java.util.Collection.class.isAssignableFrom(target)) {
            return "an array";
        }
        return "a " + target.getSimpleName();
    }

    private static String rejected(JsonNode payload, JsonMappingException e) {
        JsonNode at = payload;
        for (JsonMappingException.Reference r : e.getPath()) {
            if (at == null) {
                break;
            }
            at = r.getFieldName() != null ? at.get(r.getFieldName()) : at.get(r.getIndex());
        }
        return at == null ? "" : ", got " + at.toString();
    }

    private static String pathOf(JsonMappingException e) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference r : e.getPath()) {
            if (r.getFieldName() != null) {
                if (sb.length() > 0) {
                    sb.append('.');
                }
                sb.append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                sb.append('[').append(r.getIndex()).append(']');
            }
        }
        return sb.toString();
    }

    private static String rootMessage(JsonMappingException e) {
        String m = e.getOriginalMessage();
        int nl = m == null ? -1 : m.indexOf('\n');
        return nl < 0 ? String.valueOf(m) : m.substring(0, nl);
    }
}

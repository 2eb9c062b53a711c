package io.mbp.cli.daemon;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The breaking changes between a frozen OpenAPI document and the current one, structurally: a path or
 * method removed, a success response removed, a response field removed (at any depth, through $ref,
 * allOf and items), a request field removed, or a request field or parameter newly required. Additions
 * (paths, methods, optional fields, response fields) are not breaking.
 */
final class OpenApiDiff {
    static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options");

    private final JsonNode oldDoc;
    private final JsonNode newDoc;
    private final List<String> breaks = new ArrayList<>();

    private OpenApiDiff(JsonNode oldDoc, JsonNode newDoc) {
        this.oldDoc = oldDoc;
        this.newDoc = newDoc;
    }

    static List<String> breakingChanges(JsonNode frozen, JsonNode current) {
        OpenApiDiff d = new OpenApiDiff(frozen, current);
        d.run();
        return d.breaks;
    }

    /** Documented methods by path template, upper case. */
    static Map<String, Set<String>> operations(JsonNode doc) {
        Map<String, Set<String>> out = new LinkedHashMap<>();
        doc.path("paths").fields().forEachRemaining(p -> {
            Set<String> ms = new java.util.TreeSet<>();
            p.getValue().fieldNames().forEachRemaining(m -> {
                if (METHODS.contains(m)) {
                    ms.add(m.toUpperCase());
                }
            });
            out.put(p.getKey(), ms);
        });
        return out;
    }

    private void run() {
        Iterator<Map.Entry<String, JsonNode>> paths = oldDoc.path("paths").fields();
        while (paths.hasNext()) {
            Map.Entry<String, JsonNode> p = paths.next();
            JsonNode now = newDoc.path("paths").get(p.getKey());
            if (now == null) {
                breaks.add("path " + p.getKey() + " removed");
                continue;
            }
            p.getValue().fields().forEachRemaining(op -> {
                if (!METHODS.contains(op.getKey())) {
                    return;
                }
                String where = op.getKey().toUpperCase() + " " + p.getKey();
                JsonNode nowOp = now.get(op.getKey());
                if (nowOp == null) {
                    breaks.add(where + " removed");
                    return;
                }
                operation(where, op.getValue(), nowOp);
            });
        }
    }

    private void operation(String where, JsonNode was, JsonNode is) {
        was.path("responses").fields().forEachRemaining(r -> {
            JsonNode nowR = is.path("responses").get(r.getKey());
            if (nowR == null) {
                if (r.getKey().startsWith("2")) {
                    breaks.add(where + ": response " + r.getKey() + " removed");
                }
                return;
            }
            JsonNode ws = jsonSchema(r.getValue(), oldDoc);
            JsonNode ns = jsonSchema(nowR, newDoc);
            if (ws != null) {
                responseFields(where + " " + r.getKey(), ws, ns, "");
            }
        });
        Set<String> oldRequiredParams = requiredParams(was, oldDoc);
        for (String p : requiredParams(is, newDoc)) {
            if (!oldRequiredParams.contains(p)) {
                breaks.add(where + ": parameter " + p + " newly required");
            }
        }
        JsonNode wr = jsonSchema(was.path("requestBody"), oldDoc);
        JsonNode nr = jsonSchema(is.path("requestBody"), newDoc);
        if (nr != null) {
            Set<String> oldReq = wr == null ? Set.of() : required(wr);
            for (String f : required(nr)) {
                if (!oldReq.contains(f)) {
                    breaks.add(where + ": request field " + f + " newly required");
                }
            }
        }
        if (wr != null) {
            Map<String, JsonNode> now = nr == null ? Map.of() : properties(nr, newDoc);
            for (String f : properties(wr, oldDoc).keySet()) {
                if (!now.containsKey(f)) {
                    breaks.add(where + ": request field " + f + " removed");
                }
            }
        }
    }

    private void responseFields(String where, JsonNode was, JsonNode is, String prefix) {
        was = resolve(was, oldDoc);
        is = is == null ? null : resolve(is, newDoc);
        Map<String, JsonNode> wp = properties(was, oldDoc);
        Map<String, JsonNode> np = is == null ? Map.of() : properties(is, newDoc);
        for (Map.Entry<String, JsonNode> f : wp.entrySet()) {
            JsonNode n = np.get(f.getKey());
            if (n == null) {
                breaks.add(where + ": response field " + prefix + f.getKey() + " removed");
            } else {
                responseFields(where, f.getValue(), n, prefix + f.getKey() + ".");
            }
        }
        JsonNode wi = was.get("items");
        if (wi != null) {
            JsonNode ni = is == null ? null : is.get("items");
            if (ni == null) {
                breaks.add(where + ": response " + (prefix.isEmpty() ? "body" : prefix) + " is no longer an array");
            } else {
                responseFields(where, wi, ni, prefix + "[].");
            }
        }
    }

    private static JsonNode jsonSchema(JsonNode holder, JsonNode doc) {
        JsonNode h = resolve(holder, doc);
        JsonNode s = h.path("content").path("application/json").get("schema");
        return s == null ? null : resolve(s, doc);
    }

    private static Set<String> requiredParams(JsonNode op, JsonNode doc) {
        Set<String> out = new java.util.TreeSet<>();
        for (JsonNode p : op.path("parameters")) {
            JsonNode r = resolve(p, doc);
            if (r.path("required").asBoolean(false)) {
                out.add(r.path("in").asText() + ":" + r.path("name").asText().toLowerCase());
            }
        }
        return out;
    }

    private static Set<String> required(JsonNode schema) {
        Set<String> out = new java.util.TreeSet<>();
        schema.path("required").forEach(n -> out.add(n.asText()));
        schema.path("allOf").forEach(n -> n.path("required").forEach(r -> out.add(r.asText())));
        return out;
    }

    /** The object's properties, allOf parts merged, refs resolved. */
    private static Map<String, JsonNode> properties(JsonNode schema, JsonNode doc) {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        JsonNode s = resolve(schema, doc);
        s.path("properties").fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue()));
        for (JsonNode part : s.path("allOf")) {
            out.putAll(properties(part, doc));
        }
        return out;
    }

    private static JsonNode resolve(JsonNode n, JsonNode doc) {
        int hops = 0;
        while (n != null && n.has("$ref") && hops++ < 20) {
            String ref = n.get("$ref").asText();
            if (!ref.startsWith("#/")) {
                throw new IllegalArgumentException("only local $refs are supported: " + ref);
            }
            JsonNode t = doc;
            for (String part : ref.substring(2).split("/")) {
                t = t.path(part.replace("~1", "/").replace("~0", "~"));
            }
            n = t;
        }
        return n == null ? com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode() : n;
    }
}

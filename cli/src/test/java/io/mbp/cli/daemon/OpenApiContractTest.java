package io.mbp.cli.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * docs/openapi.yaml is the contract (issue 15): every route and method the daemon serves
 * ({@link Routes}) is documented and every documented one is served; and docs/openapi-v2.frozen.yaml,
 * the frozen copy, fails the build on a breaking change (refreeze with ./scripts/openapi-freeze).
 */
class OpenApiContractTest {
    static final YAMLMapper YAML = new YAMLMapper();
    static final Path DOCS = Path.of("..", "docs");

    static JsonNode read(String name) throws Exception {
        return YAML.readTree(DOCS.resolve(name).toFile());
    }

    static String[] parts(String template) {
        return template.substring(1).replaceAll("\\{[^}]+}", "x1").split("/");
    }

    @Test
    void everyDocumentedRouteIsServedWithExactlyItsMethods() throws Exception {
        Map<String, Set<String>> documented = OpenApiDiff.operations(read("openapi.yaml"));
        assertTrue(documented.size() > 10, "paths read: " + documented.keySet());
        documented.forEach((path, methods) ->
                assertEquals(methods, new TreeSet<>(Routes.methods(parts(path))), path + ": documented vs served methods"));
    }

    /**
     * The other direction, without a second list of routes to forget: every path built from the words
     * Routes.java itself mentions (and an id), up to five segments, that Routes serves must match a
     * documented template with the same methods.
     */
    @Test
    void everyServedRouteIsDocumented() throws Exception {
        assertEquals(List.of(), undocumented(OpenApiDiff.operations(read("openapi.yaml"))),
                "served but not documented in docs/openapi.yaml");
    }

    /** The check above can fail: take a served route out of the document and it is reported. */
    @Test
    void aServedRouteLeftOutOfTheDocumentIsReported() throws Exception {
        Map<String, Set<String>> documented = OpenApiDiff.operations(read("openapi.yaml"));
        documented.remove("/v2/webhooks/{id}");
        documented.put("/v2/proofs/{seq}", Set.of("GET", "POST"));
        List<String> missing = undocumented(documented);
        assertTrue(missing.contains("/v2/webhooks/x1 [DELETE] (no template)"), missing.toString());
        assertTrue(missing.stream().anyMatch(m -> m.startsWith("/v2/proofs/x1 [GET] vs /v2/proofs/{seq}")), missing.toString());
    }

    /**
     * The other direction, without a second list of routes to forget: every path built from the words
     * Routes.java itself mentions (and an id), up to five segments, that Routes serves must match a
     * documented template with the same methods.
     */
    static List<String> undocumented(Map<String, Set<String>> documented) throws Exception {
        Set<String> words = new TreeSet<>(List.of("x1"));
        Matcher m = Pattern.compile("\"([a-z0-9_.-]+)\"").matcher(Files.readString(
                Path.of("src", "main", "java", "io", "mbp", "cli", "daemon", "Routes.java")));
        while (m.find()) {
            words.add(m.group(1));
        }
        List<String> undocumented = new ArrayList<>();
        int served = 0;
        List<List<String>> frontier = List.of(List.of("v2"));
        for (int depth = 2; depth <= 5; depth++) {
            List<List<String>> next = new ArrayList<>();
            for (List<String> prefix : frontier) {
                for (String w : words) {
                    List<String> p = new ArrayList<>(prefix);
                    p.add(w);
                    next.add(p);
                    Set<String> methods = Routes.methods(p.toArray(String[]::new));
                    if (methods.isEmpty()) {
                        continue;
                    }
                    served++;
                    String path = "/" + String.join("/", p);
                    String template = documented.keySet().stream().filter(t -> matches(t, p)).findFirst().orElse(null);
                    if (template == null || !documented.get(template).equals(new TreeSet<>(methods))) {
                        undocumented.add(path + " " + new TreeSet<>(methods) + (template == null ? " (no template)" : " vs " + template + " "
                                + documented.get(template)));
                    }
                }
            }
            frontier = next;
        }
        assertTrue(served >= 15, "probed only " + served + " served paths");
        return undocumented;
    }

    private static boolean matches(String template, List<String> p) {
        String[] t = template.substring(1).split("/");
        if (t.length != p.size()) {
            return false;
        }
        for (int i = 0; i < t.length; i++) {
            if (!(t[i].startsWith("{") || t[i].equals(p.get(i)))) {
                return false;
            }
        }
        return true;
    }

    /**
     * GET /v2/noop is a benchmark aid served only with `mbp daemon --bench-routes`, outside the
     * contract: Routes (what every daemon serves) never lists it, and the document never names it, so
     * freezing the contract does not make it permanent.
     */
    @Test
    void theBenchOnlyNoopRouteIsOutsideTheContract() throws Exception {
        assertEquals(Set.of(), Routes.methods(new String[] {"v2", "noop"}), "served without --bench-routes");
        assertTrue(OpenApiDiff.operations(read("openapi.yaml")).keySet().stream().noneMatch(p -> p.contains("noop")),
                "docs/openapi.yaml documents the bench-only /v2/noop");
    }

    /** {@code security: []} (public, no key) in the document is exactly what Routes declares public. */
    @Test
    void publicRoutesAreDocumentedAsDeclared() throws Exception {
        JsonNode doc = read("openapi.yaml");
        List<String> wrong = new ArrayList<>();
        doc.get("paths").fields().forEachRemaining(p -> p.getValue().fields().forEachRemaining(op -> {
            if (!OpenApiDiff.METHODS.contains(op.getKey())) {
                return;
            }
            String[] parts = parts(p.getKey());
            JsonNode security = op.getValue().get("security");
            boolean documentedPublic = security != null && security.isArray() && security.isEmpty();
            if (documentedPublic != Routes.isPublic(op.getKey().toUpperCase(), parts)) {
                wrong.add(op.getKey() + " " + p.getKey() + ": security: [] " + documentedPublic + ", Routes.isPublic " + !documentedPublic);
            }
        }));
        assertEquals(List.of(), wrong);
    }

    @Test
    void theCurrentContractHasNoBreakingChangeAgainstTheFrozenOne() throws Exception {
        assertEquals(List.of(), OpenApiDiff.breakingChanges(read("openapi-v2.frozen.yaml"), read("openapi.yaml")),
                "breaking changes against docs/openapi-v2.frozen.yaml: keep the field/route, or version the API;"
                        + " after a reviewed additive change run ./scripts/openapi-freeze");
    }

    @Test
    void theFrozenCopyIsAtMostAdditionsBehind() throws Exception {
        // the frozen copy must itself be a real contract, not an empty file that nothing can break
        Map<String, Set<String>> frozen = OpenApiDiff.operations(read("openapi-v2.frozen.yaml"));
        assertTrue(frozen.containsKey("/v2/orders") && frozen.containsKey("/v2/proofs/{seq}"), frozen.keySet().toString());
    }

    /** The diff itself: each kind of breaking change is caught, additions are not flagged. */
    @Test
    void theDiffCatchesEachKindOfBreakAndLetsAdditionsPass() throws Exception {
        JsonNode base = read("openapi.yaml");
        assertEquals(List.of(), OpenApiDiff.breakingChanges(base, base));

        ObjectNode noPath = base.deepCopy();
        ((ObjectNode) noPath.get("paths")).remove("/v2/health");
        assertEquals(List.of("path /v2/health removed"), OpenApiDiff.breakingChanges(base, noPath));

        ObjectNode noMethod = base.deepCopy();
        ((ObjectNode) noMethod.get("paths").get("/v2/markets")).remove("post");
        assertEquals(List.of("POST /v2/markets removed"), OpenApiDiff.breakingChanges(base, noMethod));

        ObjectNode noField = base.deepCopy();
        ((ObjectNode) noField.at("/components/schemas/Market/properties")).remove("halt");
        List<String> b = OpenApiDiff.breakingChanges(base, noField);
        assertTrue(b.contains("GET /v2/markets/{id} 200: response field halt removed"), b.toString());
        assertTrue(b.contains("GET /v2/markets 200: response field [].halt removed"), b.toString());

        ObjectNode nested = base.deepCopy();
        ((ObjectNode) nested.at("/components/schemas/Market/properties/settlement/properties")).remove("numerators");
        assertTrue(OpenApiDiff.breakingChanges(base, nested).contains("GET /v2/markets/{id} 200: response field settlement.numerators removed"));

        ObjectNode newRequired = base.deepCopy();
        ((ArrayNode) newRequired.at("/paths/~1v2~1deposits/post/requestBody/content/application~1json/schema/required")).add("e2eid");
        assertEquals(List.of("POST /v2/deposits: request field e2eid newly required"), OpenApiDiff.breakingChanges(base, newRequired));

        ObjectNode requestFieldGone = base.deepCopy();
        ((ObjectNode) requestFieldGone.at("/paths/~1v2~1orders/post/requestBody/content/application~1json/schema/properties")).remove("min_shares");
        assertEquals(List.of("POST /v2/orders: request field min_shares removed"), OpenApiDiff.breakingChanges(base, requestFieldGone));

        ObjectNode newHeader = base.deepCopy();
        ((ArrayNode) ((ObjectNode) newHeader.at("/paths/~1v2~1markets/get")).putArray("parameters"))
                .addObject().put("name", "MBP-Key-Id").put("in", "header").put("required", true);
        assertEquals(List.of("GET /v2/markets: parameter header:mbp-key-id newly required"), OpenApiDiff.breakingChanges(base, newHeader));

        ObjectNode additions = base.deepCopy();
        ((ObjectNode) additions.get("paths")).putObject("/v2/new").putObject("get");
        ((ObjectNode) additions.at("/components/schemas/Market/properties")).putObject("new_field").put("type", "string");
        ((ObjectNode) additions.at("/paths/~1v2~1deposits/post/requestBody/content/application~1json/schema/properties"))
                .putObject("memo").put("type", "string");
        assertEquals(List.of(), OpenApiDiff.breakingChanges(base, additions));
    }
}

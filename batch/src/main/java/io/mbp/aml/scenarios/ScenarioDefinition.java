package io.mbp.aml.scenarios;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mbp.events.CanonicalJson;
import io.mbp.events.Identifier;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A scenario as data (ADR 0713): its id and version, the {@code rule} (the code that evaluates it,
 * itself versioned by name), a title, and integer parameters (centavos, counts, percent, seconds: no
 * floating point). A definition never changes: a changed rule or parameter is a new version, and
 * {@link #contentHash()} is how the registry and the log notice an attempt to redefine one.
 */
public record ScenarioDefinition(String id, int version, String rule, String title, SortedMap<String, Long> params) {
    public ScenarioDefinition {
        Identifier.require("scenario", id);
        if (version < 1) {
            throw new IllegalArgumentException("scenario " + id + ": version must be 1 or more");
        }
        if (rule == null || !rule.matches("[a-z0-9-]+/[0-9]+")) {
            throw new IllegalArgumentException("scenario " + id + ": rule must be name/version, e.g. round-trips/1");
        }
        params = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(params));
    }

    public static ScenarioDefinition of(String id, int version, String rule, String title, Map<String, Long> params) {
        return new ScenarioDefinition(id, version, rule, title, new TreeMap<>(params));
    }

    /** The parameter, which the definition must have (a rule asks only for its own). */
    public long param(String name) {
        Long v = params.get(name);
        if (v == null) {
            throw new IllegalArgumentException("scenario " + ref() + " has no parameter " + name);
        }
        return v;
    }

    /** "id@version", as alerts and reports name it. */
    public String ref() {
        return id + "@" + version;
    }

    /** SHA-256 (hex) of the RFC 8785 JSON of id, version, rule and parameters (the title is prose, not part of the rule). */
    public String contentHash() {
        ObjectNode n = CanonicalJson.MAPPER.createObjectNode();
        n.put("id", id);
        n.put("version", version);
        n.put("rule", rule);
        ObjectNode p = n.putObject("params");
        params.forEach(p::put);
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(CanonicalJson.canonicalize(n).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

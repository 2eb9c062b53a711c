package io.mbp.aml.scenarios;

import io.mbp.error.BadInputException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The known scenario definitions by id and version. Registering an id+version again is a no-op when
 * the content is the same and refused when it differs (exit 4): a definition is immutable, so an alert
 * that names "structuring@1" means one rule forever. The active definition of an id is its newest version.
 */
public final class ScenarioRegistry {
    private final Map<String, TreeMap<Integer, ScenarioDefinition>> byId = new LinkedHashMap<>();

    public static ScenarioRegistry of(Collection<ScenarioDefinition> defs) {
        ScenarioRegistry r = new ScenarioRegistry();
        defs.forEach(r::register);
        return r;
    }

    public void register(ScenarioDefinition def) {
        if (!Rules.known(def.rule())) {
            throw new BadInputException("scenario " + def.ref() + ": unknown rule " + def.rule());
        }
        TreeMap<Integer, ScenarioDefinition> versions = byId.computeIfAbsent(def.id(), k -> new TreeMap<>());
        ScenarioDefinition old = versions.get(def.version());
        if (old != null && !old.contentHash().equals(def.contentHash())) {
            throw new BadInputException("scenario " + def.ref() + " is already defined with other parameters (hash "
                    + old.contentHash().substring(0, 12) + "…): a changed rule is a new version, not a redefinition");
        }
        versions.putIfAbsent(def.version(), def);
    }

    public Optional<ScenarioDefinition> find(String id, int version) {
        return Optional.ofNullable(byId.getOrDefault(id, new TreeMap<>()).get(version));
    }

    /** The newest version of every scenario, in registration order of their ids. */
    public List<ScenarioDefinition> active() {
        List<ScenarioDefinition> out = new ArrayList<>();
        byId.values().forEach(v -> out.add(v.lastEntry().getValue()));
        return out;
    }

    /** Every version of every scenario. */
    public List<ScenarioDefinition> all() {
        List<ScenarioDefinition> out = new ArrayList<>();
        byId.values().forEach(v -> out.addAll(v.values()));
        return out;
    }
}

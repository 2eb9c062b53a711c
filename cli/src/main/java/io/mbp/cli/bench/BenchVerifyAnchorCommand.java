package io.mbp.cli.bench;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.mbp.cli.CommandContext;
import io.mbp.cli.TextResult;
import io.mbp.error.BadInputException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "verify-anchor", mixinStandardHelpOptions = true,
        description = {"Wall time of `mbp verify-anchor` end to end, JVM start included: runs it as a fresh",
            "java process (same java, same class path) --runs times and reports min, median and max."})
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
        cmd.addAll(jvmArgs);
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
        return ctx.render(new Timing(runs, jvmArgs, seconds[0], seconds[runs / 2], seconds[runs - 1]));
    }
}

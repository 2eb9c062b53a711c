package io.mbp.cli.bench;

import io.mbp.cli.GlobalOptions;
import io.mbp.cli.Globals;
import io.mbp.cli.Render;
import io.mbp.error.BadInputException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "verify-anchor", mixinStandardHelpOptions = true,
        description = {"Wall time of `mbp verify-anchor` end to end, JVM start included: runs it as a fresh",
            "java process (same java, same class path) --runs times and reports min, median and max."})
public final class BenchVerifyAnchorCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--proof", required = true, paramLabel = "FILE")
    Path proof;

    @Option(names = "--pubkey", required = true, paramLabel = "FILE")
    Path pubkey;

    @Option(names = "--rpc", required = true, paramLabel = "URL")
    String rpc;

    @Option(names = "--min-confirmations", defaultValue = "1", paramLabel = "K")
    int minConfirmations;

    @Option(names = "--runs", defaultValue = "10")
    int runs;

    @Option(names = "--jvm-arg", paramLabel = "ARG", description = "Extra JVM option for the measured runs (repeatable).")
    List<String> jvmArgs = new java.util.ArrayList<>();

    @Override
    public Integer call() throws Exception {
        GlobalOptions g = Globals.of(spec);
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
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("runs", runs);
        m.put("jvm_args", jvmArgs);
        m.put("min_s", seconds[0]);
        m.put("median_s", seconds[runs / 2]);
        m.put("max_s", seconds[runs - 1]);
        PrintWriter out = spec.commandLine().getOut();
        if (g.json()) {
            Render.json(out, m);
        } else {
            out.printf("verify-anchor end to end (JVM start included), %d runs%s: min %.3f s, median %.3f s, max %.3f s (target <= 1.5 s)%n",
                    runs, jvmArgs.isEmpty() ? "" : " with " + String.join(" ", jvmArgs), seconds[0], seconds[runs / 2], seconds[runs - 1]);
            out.flush();
        }
        return 0;
    }
}

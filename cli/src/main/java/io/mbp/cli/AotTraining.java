package io.mbp.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The training run behind scripts/mbp's AOT cache (docs/adr/0146): one JVM that runs the commands an
 * operator runs one at a time — migrate, append the sample day's opening, check the market, seal, export a proof,
 * verify it against a chain, reconcile — so that the cache holds their classes, linked, and their method
 * profiles. Everything lands in the scratch folder it is given: a SQLite file, a throwaway key file and
 * passphrase, logs; the "chain" is a stub on 127.0.0.1 ({@link AotChainStub}) that knows the proof's anchor
 * transaction, so verify-anchor walks every step of a successful check (exit 0), the chain's too. Nothing is
 * printed: the commands write to a null stream, and a failed step does not fail the training (the cache
 * is an optimisation; scripts/mbp runs without one when training fails).
 *
 * <p>Usage: {@code java -XX:AOTCacheOutput=FILE -cp mbp.jar io.mbp.cli.AotTraining REPO_ROOT SCRATCH_DIR}.
 * The passphrase comes from $MBP_KEY_PASSPHRASE, which scripts/mbp sets for this JVM only.
 */
public final class AotTraining {
    static final int DAY_LINES = 400;
    private static final PrintWriter NOWHERE = new PrintWriter(OutputStream.nullOutputStream(), true);

    private AotTraining() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: AotTraining REPO_ROOT SCRATCH_DIR");
            System.exit(2);
        }
        Path dir = Files.createDirectories(Path.of(args[1]));
        System.setProperty("mbp.log.dir", dir.resolve("logs").toString());
        Main.configureLogging(new String[0]);
        List<String> notZero = train(Path.of(args[0]), dir).stream().filter(s -> s.exitCode() != 0).map(Step::toString).toList();
        // Every step exits 0 (verify-anchor too, against its stub chain): anything else trains less than it should.
        System.err.println("mbp aot training: " + notZero.size() + " step(s) did not exit 0: " + notZero);
        System.exit(0);
    }

    /** One training step: its arguments and exit code. */
    record Step(List<String> args, int exitCode) {
        @Override
        public String toString() {
            return String.join(" ", args.subList(0, Math.min(5, args.size()))) + " -> " + exitCode;
        }
    }

    /** Runs every step in this JVM, each on the scratch folder {@code dir}. */
    static List<Step> train(Path root, Path dir) throws IOException {
        List<Step> done = new ArrayList<>();
        // The sample day's opening (markets, deposits, orders): later lines name PIX keys, which need a vault.
        try (Stream<String> day = Files.lines(root.resolve("samples/events/2026-11-27.ndjson"))) {
            Files.write(dir.resolve("day.ndjson"), day.limit(DAY_LINES).toList());
        }
        for (List<String> step : steps(root, dir)) {
            done.add(step.contains("verify-anchor") ? withChainStub(dir, step) : run(step));
        }
        return done;
    }

    static List<List<String>> steps(Path root, Path dir) {
        String db = "jdbc:sqlite:" + dir.resolve("train.sqlite");
        String keys = dir.resolve("operator-keys.json").toString();
        String events = dir.resolve("day.ndjson").toString();
        return List.of(
                List.of("--help"),
                List.of("--db", db, "db", "migrate"),
                List.of("--db", db, "events", "append", "--file", events),
                List.of("--db", db, "--json", "events", "stats"),
                List.of("--db", db, "events", "tail", "-n", "5"),
                List.of("--db", db, "market", "check"),
                List.of("--db", db, "keys", "init", "--keyfile", keys, "--name", "training.example/log"),
                List.of("--db", db, "keys", "export-public", "--keyfile", keys, "--out", dir.resolve("operator.pub").toString()),
                List.of("--db", db, "seal", "--keyfile", keys),
                List.of("--db", db, "proof", "export", "--seq", "7", "--out", dir.resolve("proof.json").toString()),
                List.of("--db", db, "verify-anchor", "--proof", dir.resolve("proof.json").toString(),
                        "--pubkey", dir.resolve("operator.pub").toString()),
                List.of("--db", db, "--json", "verify-anchor", "--proof", dir.resolve("proof.json").toString(),
                        "--pubkey", dir.resolve("operator.pub").toString()),
                List.of("--db", db, "bench", "recon", "--movements", "40000", "--skip-duckdb", "--dir", dir.resolve("recon").toString()));
    }

    private static Step run(List<String> step) {
        int code;
        try {
            code = Main.run(step.toArray(String[]::new), NOWHERE, NOWHERE);
        } catch (RuntimeException e) {
            code = -1;
        }
        return new Step(step, code);
    }

    /** verify-anchor against {@link AotChainStub}: a 127.0.0.1 node that knows the proof's anchor transaction. */
    private static Step withChainStub(Path dir, List<String> step) throws IOException {
        Path proof = dir.resolve("proof.json");
        if (!Files.exists(proof)) {
            return new Step(step, -1);
        }
        try (AotChainStub chain = AotChainStub.serving(proof)) {
            List<String> withRpc = new ArrayList<>(step);
            withRpc.addAll(List.of("--rpc", chain.url()));
            return run(withRpc);
        }
    }
}

package io.mbp.cli.bench;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;
import io.mbp.bench.MerkleBench;
import io.mbp.cli.BenchDir;
import io.mbp.cli.CommandContext;
import io.mbp.cli.JavaNamed;
import io.mbp.cli.TextResult;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "merkle", mixinStandardHelpOptions = true,
        description = {"Merkle tree build throughput against raw SHA-256 (same run, same machine), and inclusion",
            "proof generation and verification rates on a large tree. Needs about 40 bytes of heap per leaf",
            "(10 million leaves: run with MBP_JAVA_OPTS=-Xmx2g)."})
public final class BenchMerkleCommand implements Callable<Integer> {
    /** Every measurement (printed as they were made) and how tree building compares to raw hashing. */
    @JsonPropertyOrder(alphabetic = true)
    record Summary(JsonNode results, double buildToRawSha256Ratio, double streamingToRawSha256Ratio, int availableProcessors)
            implements TextResult {
        @Override
        public void printText(PrintWriter out) {
            out.printf("tree build / raw SHA-256 = %.3f; streaming compact range (seal) / raw SHA-256 = %.3f (target >= 0.7);"
                    + " processors: %d%n", buildToRawSha256Ratio, streamingToRawSha256Ratio, availableProcessors);
        }
    }

    @Mixin CommandContext ctx;

    @Option(names = "--leaves", defaultValue = "10000000", description = "Leaves in the tree (default ${DEFAULT-VALUE}).") long leaves;

    @Option(names = "--proofs", defaultValue = "200000", description = "Proofs to generate and verify (default ${DEFAULT-VALUE}).") long proofs;

    @Option(names = "--rounds", defaultValue = "3", description = "Measured rounds of build vs raw; the best is reported (default ${DEFAULT-VALUE}).")
    int rounds;

    @Option(names = "--db-events", defaultValue = "0",
            description = "Also append this many events to a fresh database file under --dir per --store, seal them and build proofs from the database (default: skip).")
    long dbEvents;

    @Option(names = "--store", split = ",", defaultValue = "sqlite",
            description = "Embedded store(s) for --db-events, in this order: sqlite (the default store), h2, or sqlite,h2 (default ${DEFAULT-VALUE}).")
    List<Store> stores;

    /** The embedded engines a fresh bench database can be. */
    enum Store { h2, sqlite }

    @Option(names = "--dir", description = "Folder for the --db-events database (default: a new temp folder).") java.nio.file.Path dir;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = ctx.out();
        MerkleBench b = new MerkleBench();
        // Warm-up so the JIT compiles the hot loops before anything is timed.
        b.prepare(Math.min(leaves, 1 << 20));
        b.buildMemoryTree();
        b.rawSha256(1 << 20);
        b.streamingBuild();
        b.prepare(leaves);
        List<MerkleBench.Result> results = new ArrayList<>();
        MerkleBench.Result bestRaw = null;
        MerkleBench.Result bestBuild = null;
        MerkleBench.Result bestStream = null;
        for (int i = 0; i < rounds; i++) {
            MerkleBench.Result raw = b.rawSha256(leaves - 1);
            MerkleBench.Result build = b.buildMemoryTree();
            MerkleBench.Result stream = b.streamingBuild();
            if (bestStream == null || stream.seconds() < bestStream.seconds()) {
                bestStream = stream;
            }
            if (bestRaw == null || raw.seconds() < bestRaw.seconds()) {
                bestRaw = raw;
            }
            if (bestBuild == null || build.seconds() < bestBuild.seconds()) {
                bestBuild = build;
            }
        }
        results.add(report(out, ctx.json(), bestRaw));
        results.add(report(out, ctx.json(), bestBuild));
        results.add(report(out, ctx.json(), bestStream));
        double ratio = bestRaw.seconds() / bestBuild.seconds();
        double streamRatio = bestRaw.seconds() / bestStream.seconds();
        results.add(report(out, ctx.json(), b.inclusionProofs(proofs)));
        results.add(report(out, ctx.json(), b.inclusionVerifications(proofs)));
        if (dbEvents > 0) {
            b.prepare(1);
            java.nio.file.Path d = BenchDir.create(dir, "mbp-bench-merkle");
            for (Store store : stores) {
                String url = store == Store.h2 ? io.mbp.bench.EventLogBench.h2Url(d) : io.mbp.bench.EventLogBench.sqliteUrl(d);
                for (MerkleBench.Result r : b.database(url, dbEvents, Math.min(proofs, 20_000))) {
                    results.add(report(out, ctx.json(), r));
                }
            }
        }
        ctx.render(new Summary(JavaNamed.tree(results), ratio, streamRatio, Runtime.getRuntime().availableProcessors()));
        return b.sink() == Long.MIN_VALUE ? 1 : 0;
    }

    private static MerkleBench.Result report(PrintWriter out, boolean json, MerkleBench.Result r) {
        if (!json) {
            out.printf("%-66s %,12d %8.3f s %,14.0f /s  %s%n", r.name(), r.count(), r.seconds(), r.perSecond(), r.note());
            out.flush();
        }
        return r;
    }
}

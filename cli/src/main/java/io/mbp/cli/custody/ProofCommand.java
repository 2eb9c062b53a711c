package io.mbp.cli.custody;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.mbp.anchor.ProofBundle;
import io.mbp.anchor.ProofExporter;
import io.mbp.cli.CommandContext;
import io.mbp.cli.TextResult;
import io.mbp.sql.Database;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "proof", mixinStandardHelpOptions = true, description = "Proofs for the public.",
        subcommands = {ProofCommand.Export.class})
public final class ProofCommand {

    /** Where a proof was written and what it proves. */
    @JsonPropertyOrder(alphabetic = true)
    record Exported(String file, long seq, long treeSize, int proofHashes, boolean anchored) implements TextResult {
        @Override
        public void printText(PrintWriter out) {
            out.println("wrote proof of event " + seq + " in the tree of " + treeSize + " events (" + proofHashes
                    + " hashes) to " + file
                    + (anchored ? "" : "; the checkpoint is NOT anchored yet (run `mbp anchor publish`)"));
        }
    }

    @Command(name = "export", mixinStandardHelpOptions = true,
            description = {"Write one self-contained proof file (docs/proof.schema.json) that event N is in a signed,",
                "anchored checkpoint: check it with `mbp verify-anchor`. Uses the newest anchored checkpoint covering N",
                "unless --checkpoint says otherwise."})
    static final class Export implements Callable<Integer> {
        @Mixin CommandContext ctx;

        @Option(names = "--seq", required = true, paramLabel = "N", description = "The event's seq.") long seq;

        @Option(names = "--out", required = true, paramLabel = "FILE", description = "Where to write the proof.") Path out;

        @Option(names = "--checkpoint", paramLabel = "ID", description = "Prove against this checkpoint.") Long checkpoint;

        @Override
        public Integer call() {
            ProofBundle p;
            try (Database db = ctx.database()) {
                p = new ProofExporter(db).export(seq, checkpoint);
            }
            KeysCommand.writeFile(out, p.toJson());
            return ctx.render(new Exported(out.toString(), p.seq(), p.treeSize(), p.inclusionProof().size(),
                    p.anchor() != null));
        }
    }
}

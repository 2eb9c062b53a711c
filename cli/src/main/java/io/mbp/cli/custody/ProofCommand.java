package io.mbp.cli.custody;

import io.mbp.anchor.ProofBundle;
import io.mbp.anchor.ProofExporter;
import io.mbp.cli.GlobalOptions;
import io.mbp.cli.Globals;
import io.mbp.cli.Render;
import io.mbp.error.InfrastructureException;
import io.mbp.sql.Database;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "proof", mixinStandardHelpOptions = true, description = "Proofs for the public.",
        subcommands = {ProofCommand.Export.class})
public final class ProofCommand {

    @Command(name = "export", mixinStandardHelpOptions = true,
            description = {"Write one self-contained proof file (docs/proof.schema.json) that event N is in a signed,",
                "anchored checkpoint: check it with `mbp verify-anchor`. Uses the newest anchored checkpoint covering N",
                "unless --checkpoint says otherwise."})
    static final class Export implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--seq", required = true, paramLabel = "N", description = "The event's seq.")
        long seq;

        @Option(names = "--out", required = true, paramLabel = "FILE", description = "Where to write the proof.")
        Path out;

        @Option(names = "--checkpoint", paramLabel = "ID", description = "Prove against this checkpoint.")
        Long checkpoint;

        @Override
        public Integer call() {
            GlobalOptions g = Globals.of(spec);
            ProofBundle p;
            try (Database db = Database.openMigrated(g.dbUrl())) {
                p = new ProofExporter(db).export(seq, checkpoint);
            }
            try {
                Path parent = out.toAbsolutePath().getParent();
                Files.createDirectories(parent);
                Files.writeString(out, p.toJson(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new InfrastructureException("cannot write " + out + ": " + e.getMessage(), e);
            }
            PrintWriter o = spec.commandLine().getOut();
            if (g.json()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("file", out.toString());
                m.put("seq", p.seq());
                m.put("tree_size", p.treeSize());
                m.put("proof_hashes", p.inclusionProof().size());
                m.put("anchored", p.anchor() != null);
                Render.json(o, m);
            } else {
                o.println("wrote proof of event " + p.seq() + " in the tree of " + p.treeSize() + " events ("
                        + p.inclusionProof().size() + " hashes) to " + out
                        + (p.anchor() == null ? "; the checkpoint is NOT anchored yet (run `mbp anchor publish`)" : ""));
                o.flush();
            }
            return 0;
        }
    }
}

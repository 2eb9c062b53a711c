package io.mbp.cli.evidence;

import io.mbp.anchor.JsonRpcChain;
import io.mbp.cli.GlobalOptions;
import io.mbp.cli.Globals;
import io.mbp.cli.Render;
import io.mbp.cli.VersionProvider;
import io.mbp.cli.custody.KeyFileOption;
import io.mbp.cli.custody.StaleKeyOption;
import io.mbp.custody.KeyStore;
import io.mbp.custody.NoteSigner;
import io.mbp.custody.NoteVerifierKey;
import io.mbp.error.BadInputException;
import io.mbp.error.ExitCodes;
import io.mbp.events.FieldException;
import io.mbp.evidence.BundleFiles;
import io.mbp.evidence.EvidenceBuilder;
import io.mbp.evidence.EvidenceReplayer;
import io.mbp.evidence.EvidenceReports;
import io.mbp.evidence.EvidenceVerifier;
import io.mbp.evidence.Sprint;
import io.mbp.sql.Database;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "evidence", mixinStandardHelpOptions = true,
        description = "Build, verify and replay evidence bundles (docs/audit.md).",
        subcommands = {EvidenceCommand.Build.class, EvidenceCommand.Verify.class, EvidenceCommand.Replay.class})
public final class EvidenceCommand {

    static final class Scope {
        @Option(names = "--date", paramLabel = "YYYY-MM-DD", description = "A business date's bundle.")
        LocalDate date;
        @Option(names = "--sprint", paramLabel = "S19..S24", description = "A sprint's bundle (S19_formal_audit ... S24_ga_public).")
        String sprint;
    }

    @Command(name = "build", mixinStandardHelpOptions = true,
            description = {"Write a signed evidence bundle: the log up to the latest checkpoint as SQLite, checkpoint notes,",
                "consistency proof to --previous, anchor records, reports, manifest.json and its DSSE envelope."})
    static final class Build implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        KeyFileOption keys;
        @Mixin
        StaleKeyOption staleKey;
        @ArgGroup(exclusive = true, multiplicity = "1")
        Scope scope;

        @Option(names = "--out", paramLabel = "DIR", description = "Bundle folder (default out/evidence/<date or sprint name>/).")
        Path out;

        @Option(names = "--previous", paramLabel = "DIR", description = "The previous bundle, to prove this one extends it.")
        Path previous;

        @Option(names = "--formal", paramLabel = "DIR",
                description = "S19: the formal pack's output (default: the bundle folder, where `mbp formal check` writes it).")
        Path formal;

        @Override
        public Integer call() {
            GlobalOptions g = Globals.of(spec);
            EvidenceBuilder.Scope s = new EvidenceBuilder.Scope(scope.date, scope.sprint == null ? null : Sprint.parse(scope.sprint));
            Path dir = out != null ? out : Path.of("out", "evidence", s.name());
            if (previous != null && !Files.isRegularFile(previous.resolve(BundleFiles.MANIFEST))) {
                throw new BadInputException("--previous " + previous + ": no manifest.json there");
            }
            KeyStore store = keys.store();
            staleKey.checkOperator(store, "evidence");
            EvidenceBuilder.Built b;
            try (Database db = Database.openMigrated(g.dbUrl())) {
                NoteSigner signer = staleKey.operatorSigner(store, db, "evidence");
                b = new EvidenceBuilder(db, EvidenceReports.standard())
                        .build(new EvidenceBuilder.Request(s, dir, previous, formal, VersionProvider.toolVersion()), signer);
            }
            PrintWriter w = spec.commandLine().getOut();
            if (g.json()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("dir", b.dir().toString());
                m.put("name", b.name());
                m.put("checkpoint_id", b.checkpointId());
                m.put("tree_size", b.treeSize());
                m.put("root_hash", b.rootHex());
                m.put("day_first_seq", b.dayFirstSeq());
                m.put("day_last_seq", b.dayLastSeq());
                m.put("files", b.files());
                m.put("anchor_txs", b.anchorTxs());
                m.put("sections_without_source", b.missingSections());
                Render.json(w, m);
            } else {
                w.println("evidence bundle " + b.name() + " written to " + b.dir());
                w.println("  checkpoint #" + b.checkpointId() + ": " + b.treeSize() + " events, root " + b.rootHex());
                if (s.date() != null) {
                    w.println("  " + s.date() + ": " + (b.dayFirstSeq() == null ? "no events" : "seq " + b.dayFirstSeq() + ".." + b.dayLastSeq()));
                }
                w.println("  " + b.files() + " files, " + b.anchorTxs().size() + " anchor(s)"
                        + (previous == null ? "" : ", consistency proof from " + previous));
                for (String m : b.missingSections()) {
                    w.println("  section " + m + ": no source capability in this build (see manifest.json sections)");
                }
                w.flush();
            }
            return 0;
        }
    }

    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = {"Check a bundle: DSSE signature, every file's SHA-256, every event's leaf hash and inclusion in the",
                "signed checkpoint, consistency with --previous, anchors on chain with --rpc. Exit 3 naming each failure."})
    static final class Verify implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "DIR", description = "The bundle folder.")
        Path dir;

        @Option(names = "--pubkey", paramLabel = "FILE",
                description = "Operator verifier key(s) from `mbp keys export-public` (default: the bundle's own, self-asserted).")
        Path pubkey;

        @Option(names = "--rpc", paramLabel = "URL", description = "Check the anchors on this chain (default: offline).")
        String rpc;

        @Option(names = "--previous", paramLabel = "DIR", description = "The previous bundle this one must extend.")
        Path previous;

        @Override
        public Integer call() {
            GlobalOptions g = Globals.of(spec);
            requireBundle(dir, "DIR");
            if (previous != null) {
                requireBundle(previous, "--previous");
            }
            List<NoteVerifierKey> keys = pubkey == null ? List.of() : readKeys(pubkey);
            EvidenceVerifier.Report r = withWorkDir(work -> EvidenceVerifier.verify(dir, keys,
                    rpc == null ? null : () -> new JsonRpcChain(rpc), previous, work));
            PrintWriter w = spec.commandLine().getOut();
            if (g.json()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("dir", dir.toString());
                m.put("verified", r.ok());
                List<Object> checks = new ArrayList<>();
                for (EvidenceVerifier.Check c : r.checks()) {
                    checks.add(Map.of("check", c.name(), "ok", c.ok(), "detail", c.detail()));
                }
                m.put("checks", checks);
                Render.json(w, m);
            } else {
                for (EvidenceVerifier.Check c : r.checks()) {
                    w.println((c.ok() ? "✓ " : "✗ ") + c.name() + ": " + c.detail());
                }
                w.println(r.ok() ? "bundle " + dir + " verified" : "bundle " + dir + " FAILED verification: "
                        + r.failures().size() + " failure(s)");
                w.flush();
            }
            if (!r.ok()) {
                PrintWriter err = spec.commandLine().getErr();
                for (EvidenceVerifier.Check c : r.failures()) {
                    err.println("mbp: error: " + c.name() + ": " + c.detail());
                }
                err.flush();
            }
            return r.ok() ? ExitCodes.OK : ExitCodes.VERIFICATION_FAILED;
        }
    }

    @Command(name = "replay", mixinStandardHelpOptions = true,
            description = {"Rebuild the log from the bundle's events alone with the same code, check it against the signed",
                "checkpoint, recompute every report and compare. Offline. Exit 3 naming the first difference."})
    static final class Replay implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "DIR", description = "The bundle folder.")
        Path dir;

        @Override
        public Integer call() {
            GlobalOptions g = Globals.of(spec);
            requireBundle(dir, "DIR");
            EvidenceReplayer.Result r = withWorkDir(work -> {
                try {
                    return new EvidenceReplayer(EvidenceReports.standard()).replay(dir, work);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            PrintWriter w = spec.commandLine().getOut();
            if (g.json()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("dir", dir.toString());
                m.put("replayed", r.ok());
                m.put("events", r.events());
                m.put("reports_compared", r.reportsCompared());
                m.put("first_difference", r.firstDifference());
                Render.json(w, m);
            } else if (r.ok()) {
                w.println("replayed " + r.events() + " events; reports " + String.join(", ", r.reportsCompared())
                        + " recomputed and identical");
            } else {
                w.println("replay of " + dir + " DIFFERS: " + r.firstDifference());
            }
            w.flush();
            if (!r.ok()) {
                spec.commandLine().getErr().println("mbp: error: replay differs: " + r.firstDifference());
                spec.commandLine().getErr().flush();
            }
            return r.ok() ? ExitCodes.OK : ExitCodes.VERIFICATION_FAILED;
        }
    }

    static void requireBundle(Path dir, String option) {
        if (!Files.isRegularFile(dir.resolve(BundleFiles.MANIFEST))) {
            throw new BadInputException(option + " " + dir + ": not an evidence bundle (no manifest.json there)");
        }
    }

    static <T> T withWorkDir(java.util.function.Function<Path, T> work) {
        Path tmp;
        try {
            tmp = Files.createTempDirectory("mbp-evidence-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary folder", e);
        }
        try {
            return work.apply(tmp);
        } finally {
            BundleFiles.deleteTree(tmp);
        }
    }

    static List<NoteVerifierKey> readKeys(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new BadInputException("--pubkey " + file + ": cannot read it (" + e.getClass().getSimpleName() + ")");
        }
        List<NoteVerifierKey> keys = new ArrayList<>();
        int line = 0;
        for (String l : text.split("\n")) {
            line++;
            if (l.isBlank() || l.startsWith("#")) {
                continue;
            }
            try {
                keys.add(NoteVerifierKey.parse(l.strip()));
            } catch (FieldException e) {
                throw new BadInputException("--pubkey " + file + " line " + line + ": " + e.getMessage());
            }
        }
        if (keys.isEmpty()) {
            throw new BadInputException("--pubkey " + file + ": no verifier key in the file");
        }
        return keys;
    }
}

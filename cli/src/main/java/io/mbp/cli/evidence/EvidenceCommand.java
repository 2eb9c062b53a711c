package io.mbp.cli.evidence;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.mbp.anchor.JsonRpcChain;
import io.mbp.cli.CommandContext;
import io.mbp.cli.TextResult;
import io.mbp.cli.VersionProvider;
import io.mbp.cli.custody.KeyFileOption;
import io.mbp.cli.custody.StaleKeyOption;
import io.mbp.custody.NoteVerifierKey;
import io.mbp.custody.VerifierKeyFile;
import io.mbp.error.BadInputException;
import io.mbp.error.ExitCodes;
import io.mbp.evidence.BundleFiles;
import io.mbp.evidence.EvidenceBuilder;
import io.mbp.evidence.EvidenceReplayer;
import io.mbp.evidence.EvidenceReports;
import io.mbp.evidence.EvidenceVerifier;
import io.mbp.evidence.Sprint;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "evidence", mixinStandardHelpOptions = true,
        description = "Build, verify and replay evidence bundles (docs/audit.md).",
        subcommands = {EvidenceCommand.Build.class, EvidenceCommand.Verify.class, EvidenceCommand.Replay.class})
public final class EvidenceCommand {

    /** A bundle written. */
    @JsonPropertyOrder(alphabetic = true)
    record Built(String dir, String name, long checkpointId, long treeSize, String rootHash, Long dayFirstSeq, Long dayLastSeq,
                 int files, List<String> anchorTxs, List<String> sectionsWithoutSource, @JsonIgnore LocalDate date,
                 @JsonIgnore Path previous) implements TextResult {
        static Built of(EvidenceBuilder.Built b, LocalDate date, Path previous) {
            return new Built(b.dir().toString(), b.name(), b.checkpointId(), b.treeSize(), b.rootHex(), b.dayFirstSeq(),
                    b.dayLastSeq(), b.files(), b.anchorTxs(), b.missingSections(), date, previous);
        }

        @Override
        public void printText(PrintWriter w) {
            w.println("evidence bundle " + name + " written to " + dir);
            w.println("  checkpoint #" + checkpointId + ": " + treeSize + " events, root " + rootHash);
            if (date != null) {
                w.println("  " + date + ": " + (dayFirstSeq == null ? "no events" : "seq " + dayFirstSeq + ".." + dayLastSeq));
            }
            w.println("  " + files + " files, " + anchorTxs.size() + " anchor(s)"
                    + (previous == null ? "" : ", consistency proof from " + previous));
            for (String m : sectionsWithoutSource) {
                w.println("  section " + m + ": no source capability in this build (see manifest.json sections)");
            }
        }
    }

    @JsonPropertyOrder(alphabetic = true)
    record CheckResult(String check, boolean ok, String detail) {
    }

    /** A bundle checked, each check with its outcome. */
    @JsonPropertyOrder(alphabetic = true)
    record Verified(String dir, boolean verified, List<CheckResult> checks) implements TextResult {
        @Override
        public void printText(PrintWriter w) {
            for (CheckResult c : checks) {
                w.println((c.ok() ? "✓ " : "✗ ") + c.check() + ": " + c.detail());
            }
            w.println(verified ? "bundle " + dir + " verified" : "bundle " + dir + " FAILED verification: "
                    + checks.stream().filter(c -> !c.ok()).count() + " failure(s)");
        }
    }

    /** A bundle replayed and its reports compared. */
    @JsonPropertyOrder(alphabetic = true)
    record Replayed(String dir, boolean replayed, long events, List<String> reportsCompared, String firstDifference)
            implements TextResult {
        @Override
        public void printText(PrintWriter w) {
            if (replayed) {
                w.println("replayed " + events + " events; reports " + String.join(", ", reportsCompared)
                        + " recomputed and identical");
            } else {
                w.println("replay of " + dir + " DIFFERS: " + firstDifference);
            }
        }
    }

    static final class Scope {
        @Option(names = "--date", paramLabel = "YYYY-MM-DD", description = "A business date's bundle.") LocalDate date;
        @Option(names = "--sprint", paramLabel = "S19..S24", description = "A sprint's bundle (S19_formal_audit ... S24_ga_public).") String sprint;
    }

    @Command(name = "build", mixinStandardHelpOptions = true,
            description = {"Write a signed evidence bundle: the log up to the latest checkpoint as SQLite, checkpoint notes,",
                "consistency proof to --previous, anchor records, reports, manifest.json and its DSSE envelope."})
    static final class Build implements Callable<Integer> {
        @Mixin CommandContext ctx;
        @Mixin KeyFileOption keys;
        @Mixin StaleKeyOption staleKey;
        @ArgGroup(exclusive = true, multiplicity = "1") Scope scope;

        @Option(names = "--out", paramLabel = "DIR", description = "Bundle folder (default out/evidence/<date or sprint name>/).") Path out;

        @Option(names = "--previous", paramLabel = "DIR", description = "The previous bundle, to prove this one extends it.") Path previous;

        @Option(names = "--formal", paramLabel = "DIR",
                description = "S19: the formal pack's output (default: the bundle folder, where `mbp formal check` writes it).")
        Path formal;

        @Option(names = "--canary", paramLabel = "DIR", description = "S23: the canary drill's output (`mbp canary drill --out DIR`), copied in.")
        Path canary;

        @Option(names = "--audit", paramLabel = "DIR", description = "S24: custody audit workpapers (`mbp audit custody --out DIR`), copied in.")
        Path audit;

        @Override
        public Integer call() {
            java.util.Map<String, Path> inputs = new java.util.HashMap<>();
            if (canary != null) {
                inputs.put("canary", canary);
            }
            if (audit != null) {
                inputs.put("audit", audit);
            }
            EvidenceBuilder.Scope s = new EvidenceBuilder.Scope(scope.date, scope.sprint == null ? null : Sprint.parse(scope.sprint));
            Path dir = out != null ? out : Path.of("out", "evidence", s.name());
            if (previous != null && !Files.isRegularFile(previous.resolve(BundleFiles.MANIFEST))) {
                throw new BadInputException("--previous " + previous + ": no manifest.json there");
            }
            EvidenceBuilder.Built b = staleKey.signing(keys.store(), ctx, "evidence", (db, signer) ->
                    new EvidenceBuilder(db, EvidenceReports.standard())
                            .build(new EvidenceBuilder.Request(s, dir, previous, formal, VersionProvider.toolVersion(), inputs), signer));
            return ctx.render(Built.of(b, s.date(), previous));
        }
    }

    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = {"Check a bundle: DSSE signature, every file's SHA-256, every event's leaf hash and inclusion in the",
                "signed checkpoint, consistency with --previous, anchors on chain with --rpc. Exit 3 naming each failure."})
    static final class Verify implements Callable<Integer> {
        @Mixin CommandContext ctx;

        @Parameters(paramLabel = "DIR", description = "The bundle folder.") Path dir;

        @Option(names = "--pubkey", paramLabel = "FILE",
                description = "Operator verifier key(s) from `mbp keys export-public` (default: the bundle's own, self-asserted).")
        Path pubkey;

        @Option(names = "--rpc", paramLabel = "URL", description = "Check the anchors on this chain (default: offline).") String rpc;

        @Option(names = "--previous", paramLabel = "DIR", description = "The previous bundle this one must extend.") Path previous;

        @Override
        public Integer call() {
            requireBundle(dir, "DIR");
            if (previous != null) {
                requireBundle(previous, "--previous");
            }
            List<NoteVerifierKey> keys = pubkey == null ? List.of() : VerifierKeyFile.read(pubkey, "--pubkey " + pubkey);
            EvidenceVerifier.Report r = withWorkDir(work -> EvidenceVerifier.verify(dir, keys,
                    rpc == null ? null : () -> new JsonRpcChain(rpc), previous, work));
            ctx.render(new Verified(dir.toString(), r.ok(), r.checks().stream()
                    .map(c -> new CheckResult(c.name(), c.ok(), c.detail())).toList()));
            if (!r.ok()) {
                PrintWriter err = ctx.err();
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
        @Mixin CommandContext ctx;

        @Parameters(paramLabel = "DIR", description = "The bundle folder.") Path dir;

        @Override
        public Integer call() {
            requireBundle(dir, "DIR");
            EvidenceReplayer.Result r = withWorkDir(work -> {
                try {
                    return new EvidenceReplayer(EvidenceReports.standard()).replay(dir, work);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            ctx.render(new Replayed(dir.toString(), r.ok(), r.events(), r.reportsCompared(), r.firstDifference()));
            if (!r.ok()) {
                ctx.err().println("mbp: error: replay differs: " + r.firstDifference());
                ctx.err().flush();
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
}

package io.mbp.cli.release;

import io.mbp.anchor.ChainAccount;
import io.mbp.anchor.JsonRpcChain;
import io.mbp.anchor.Web3jChain;
import io.mbp.cli.CommandContext;
import io.mbp.cli.Main;
import io.mbp.cli.TextResult;
import io.mbp.cli.VersionProvider;
import io.mbp.cli.anchor.RpcOption;
import io.mbp.cli.custody.KeyFileOption;
import io.mbp.cli.custody.Secrets;
import io.mbp.cli.custody.StaleKeyOption;
import io.mbp.custody.NoteVerifierKey;
import io.mbp.custody.VerifierKeyFile;
import io.mbp.error.BadInputException;
import io.mbp.error.ExitCodes;
import io.mbp.evidence.ReleaseCutter;
import io.mbp.evidence.ReleaseVerifier;
import io.mbp.release.ReleaseFiles;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "release", mixinStandardHelpOptions = true,
        description = {"Releases, signed and anchored (docs/releases.md, ADR 0022): cut one, verify one."},
        subcommands = {ReleaseCommand.Cut.class, ReleaseCommand.Verify.class})
public final class ReleaseCommand {
    private ReleaseCommand() {
    }

    record CutResult(String dir, String version, String commit, String manifestSha256, String merkleRoot, long leaves, long chainId,
                     String anchorTx, long blockNumber, long seq) implements TextResult {
        @Override
        public void printText(PrintWriter out) {
            out.println("release " + version + " (commit " + commit + ") cut into " + dir + ": " + leaves + " files, Merkle root "
                    + merkleRoot + ", manifest sha256 " + manifestSha256);
            out.println("anchored on chain " + chainId + " by " + anchorTx + " in block " + blockNumber + "; ReleaseCut at seq " + seq);
        }
    }

    @Command(name = "cut", mixinStandardHelpOptions = true,
            description = {"Write a release folder: the jar and its lib/, the CycloneDX SBOM (bom.json), the engine parameter",
                "set (params.json), an in-toto/SLSA provenance statement and the manifest (every file's SHA-256), both",
                "DSSE-signed with the operator key; anchor the Merkle root of the files' hashes on chain and log ReleaseCut.",
                "The chain key comes from $MBP_CHAIN_KEY or --chain-keyfile."})
    static final class Cut implements Callable<Integer> {
        @Mixin CommandContext ctx;
        @Mixin KeyFileOption keys;
        @Mixin StaleKeyOption staleKey;
        @Mixin RpcOption rpc;

        @Option(names = "--version", required = true, paramLabel = "V", description = "The release version, never reused.") String version;

        @Option(names = "--out", paramLabel = "DIR", description = "Release folder, absent or empty (default out/releases/<version>).") Path out;

        @Option(names = "--commit", paramLabel = "SHA", description = "Git commit (default: `git rev-parse HEAD` in --repo).") String commit;

        @Option(names = "--repo", paramLabel = "DIR", defaultValue = ".", description = "The git checkout (default: the working directory).")
        Path repo;

        @Option(names = "--jar", paramLabel = "FILE", description = "The shipped jar, its lib/ beside it (default: the running mbp.jar, "
                + "else cli/target/mbp.jar).")
        Path jar;

        @Option(names = "--sbom", paramLabel = "FILE", description = "The CycloneDX JSON SBOM (default: bom.json beside the jar).") Path sbom;

        @Option(names = "--chain-keyfile", paramLabel = "FILE", description = "File holding the chain account's hex private key.") Path chainKeyfile;

        @Option(names = "--confirmations", paramLabel = "K", defaultValue = "6", description = "Blocks to wait for (default ${DEFAULT-VALUE}).")
        int confirmations;

        @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "300",
                description = "Give up waiting for confirmations after this long (default ${DEFAULT-VALUE}).")
        long timeout;

        @Override
        public Integer call() {
            Path j = jar != null ? jar : defaultJar();
            ReleaseCutter.Request req = new ReleaseCutter.Request(version, commit != null ? commit : gitCommit(repo), j,
                    sbom != null ? sbom : j.toAbsolutePath().getParent().resolve("bom.json"),
                    out != null ? out : Path.of("out", "releases", version == null ? "" : version), VersionProvider.toolVersion());
            try (var db = ctx.database()) {
                new ReleaseCutter(db).check(req); // bad input is exit 4 before a key is unlocked or the chain asked
            }
            ChainAccount account = ChainAccount.fromHex(Secrets.chainKey(chainKeyfile),
                    chainKeyfile != null ? "--chain-keyfile " + chainKeyfile : "$" + Secrets.CHAIN_KEY_ENV);
            ReleaseCutter.Cut c = staleKey.signing(keys.store(), ctx, "release", (db, signer) -> {
                try (Web3jChain chain = new Web3jChain(rpc.url())) {
                    return new ReleaseCutter(db).cut(req, ctx.clock().instant(), signer, new ReleaseCutter.Anchoring(chain, account,
                            confirmations, Duration.ofSeconds(timeout), Duration.ofMillis(250)));
                }
            });
            return ctx.render(new CutResult(c.dir().toString(), c.version(), c.commit(), c.manifestSha256(), c.merkleRoot(), c.leaves(),
                    c.chainId(), c.anchorTx(), c.blockNumber(), c.seq()));
        }

        private static Path defaultJar() {
            try {
                Path running = Path.of(Main.class.getProtectionDomain().getCodeSource().getLocation().toURI());
                if (running.toString().endsWith(".jar")) {
                    return running;
                }
            } catch (java.net.URISyntaxException | RuntimeException e) {
                // not run from a jar: fall back to the build's
            }
            return Path.of("cli", "target", "mbp.jar");
        }

        /** {@code git rev-parse HEAD} in {@code repo}; a clear exit 4 when it is not a git checkout. */
        static String gitCommit(Path repo) {
            String fix = ": pass --commit SHA or run from a git checkout (--repo DIR)";
            try {
                Process p = new ProcessBuilder("git", "rev-parse", "--verify", "HEAD").directory(repo.toFile())
                        .redirectErrorStream(true).start();
                String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
                if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0 || !text.matches("[0-9a-f]{40}([0-9a-f]{24})?")) {
                    throw new BadInputException("--repo " + repo + ": not a git checkout (git rev-parse HEAD: "
                            + text.lines().findFirst().orElse("no output") + ")" + fix);
                }
                return text;
            } catch (IOException e) {
                throw new BadInputException("--repo " + repo + ": git cannot be run (" + e.getMessage() + ")" + fix);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new BadInputException("--repo " + repo + ": interrupted reading the git commit" + fix);
            }
        }
    }

    record CheckResult(String name, boolean ok, String detail) {
    }

    record Verified(String dir, boolean ok, List<CheckResult> checks) implements TextResult {
        @Override
        public void printText(PrintWriter out) {
            for (CheckResult c : checks) {
                out.println((c.ok() ? "ok   " : "FAIL ") + c.name() + ": " + c.detail());
            }
            out.println(ok ? "release " + dir + " verified" : "release " + dir + " FAILED verification");
        }
    }

    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = {"Check a release folder: the manifest's and the provenance's DSSE signatures, every file's SHA-256",
                "(and no unlisted file), the SBOM and parameter set, the Merkle root, and the anchor on chain (--rpc; --offline",
                "skips the chain). Exit 3 naming the first failure."})
    static final class Verify implements Callable<Integer> {
        @Mixin CommandContext ctx;
        @Mixin RpcOption rpc;

        @Parameters(paramLabel = "DIR", description = "The release folder.") Path dir;

        @Option(names = "--pubkey", required = true, paramLabel = "FILE", description = "Operator verifier key(s) from `mbp keys export-public`.")
        Path pubkey;

        @Option(names = "--offline", description = "Do not ask the chain (the anchor is then unchecked).") boolean offline;

        @Override
        public Integer call() {
            if (!Files.isRegularFile(dir.resolve(ReleaseFiles.MANIFEST))) {
                throw new BadInputException("DIR " + dir + ": not a release folder (no manifest.json there)");
            }
            List<NoteVerifierKey> keys = VerifierKeyFile.read(pubkey, "--pubkey " + pubkey);
            String url = rpc.url();
            ReleaseVerifier.Report r = ReleaseVerifier.verify(dir, keys, offline ? null : () -> new JsonRpcChain(url));
            ctx.render(new Verified(dir.toString(), r.ok(), r.checks().stream().map(c -> new CheckResult(c.name(), c.ok(), c.detail())).toList()));
            r.failure().ifPresent(f -> {
                ctx.err().println("mbp: error: " + f.name() + ": " + f.detail());
                ctx.err().flush();
            });
            return r.ok() ? ExitCodes.OK : ExitCodes.VERIFICATION_FAILED;
        }
    }
}

package io.mbp.cli.publish;

import io.mbp.cli.CommandContext;
import io.mbp.cli.NowOption;
import io.mbp.cli.TextResult;
import io.mbp.cli.custody.KeyFileOption;
import io.mbp.cli.custody.StaleKeyOption;
import io.mbp.custody.NoteVerifierKey;
import io.mbp.custody.VerifierKeyFile;
import io.mbp.error.BadInputException;
import io.mbp.error.ExitCodes;
import io.mbp.evidence.Dsse;
import io.mbp.exports.ExportSet;
import io.mbp.jobs.steps.Publish;
import io.mbp.slo.SloSpecs;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "exports", mixinStandardHelpOptions = true,
        description = {"The daily public truth exports (docs/status.md, ADR 0605): oracle staleness and divergence, market",
            "quality (spread, slippage, depth), uptime and incidents as JSON and CSV, hashed, signed (DSSE, operator key)."},
        subcommands = {ExportsCommand.Build.class, ExportsCommand.Verify.class})
public final class ExportsCommand {
    private ExportsCommand() {
    }

    @Command(name = "build", mixinStandardHelpOptions = true,
            description = {"Write the public exports of --date into --out: <table>.json and .csv per table, SHA256SUMS,",
                "manifest.json and its DSSE envelope manifest.dsse.json; records ExportsPublished in the log (once per result).",
                "No personal data: no table has a column for a person."})
    public static final class Build implements Callable<Integer> {
        @Mixin CommandContext ctx;
        @Mixin KeyFileOption keys;
        @Mixin StaleKeyOption staleKey;
        @Mixin NowOption now;

        @Option(names = "--date", required = true, paramLabel = "YYYY-MM-DD", description = "The UTC day.") LocalDate date;

        @Option(names = "--out", required = true, paramLabel = "DIR", description = "Folder of the day's files.") Path out;

        @Option(names = "--specs", defaultValue = "specs/slo", paramLabel = "DIR",
                description = "SLO specs: the services uptime is given for (default ${DEFAULT-VALUE}).") Path specs;

        @Override
        public Integer call() {
            List<String> services = SloSpecs.services(SloSpecs.load(specs).slos());
            Publish.Exports p = staleKey.signing(keys.store(), ctx, "public exports", (db, signer) ->
                    Publish.exports(db, date, out, signer, services, now.clock(ctx.clock())));
            return ctx.render(new Built(out.toString(), date.toString(), p.written().manifestSha256(),
                    p.written().files().stream().map(ExportSet.FileHash::line).toList(), p.recorded()));
        }
    }

    record Built(String dir, String date, String manifestSha256, List<String> files, boolean recorded) implements TextResult {
        @Override
        public void printText(PrintWriter w) {
            files.forEach(f -> w.println(f));
            w.println("exports of " + date + " in " + dir + ": " + files.size() + " files, manifest sha256 " + manifestSha256 + ", signed"
                    + (recorded ? "" : " (already recorded in the log)"));
        }
    }

    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = {"Check a day's exports: the DSSE signature over manifest.json, then every listed file's SHA-256",
                "and size. Exit 3 naming each failure."})
    public static final class Verify implements Callable<Integer> {
        @Mixin CommandContext ctx;

        @Parameters(paramLabel = "DIR", description = "The day's exports folder.") Path dir;

        @Option(names = "--pubkey", paramLabel = "FILE",
                description = "Operator verifier key(s) from `mbp keys export-public` (default: the envelope's own key hint, self-asserted).")
        Path pubkey;

        @Override
        public Integer call() {
            Path env = dir.resolve(ExportSet.ENVELOPE);
            if (!Files.isRegularFile(env)) {
                throw new BadInputException(dir + ": no " + ExportSet.ENVELOPE + " (not a signed exports folder)").about("DIR");
            }
            Dsse.Envelope e;
            try {
                e = Dsse.parse(Files.readString(env));
            } catch (IOException | IllegalArgumentException x) {
                throw new BadInputException(env + ": not a DSSE envelope: " + x.getMessage());
            }
            List<NoteVerifierKey> trusted;
            boolean selfAsserted = pubkey == null;
            if (selfAsserted) {
                trusted = new ArrayList<>();
                for (Dsse.Envelope.Sig s : e.signatures()) {
                    try {
                        trusted.add(NoteVerifierKey.parse(s.keyid()));
                    } catch (RuntimeException x) {
                        // a hint that is no verifier key cannot vouch for anything
                    }
                }
            } else {
                trusted = VerifierKeyFile.read(pubkey, "--pubkey " + pubkey);
            }
            List<String> problems = new ArrayList<>();
            if (!ExportSet.PAYLOAD_TYPE.equals(e.payloadType())) {
                problems.add("payloadType: expected " + ExportSet.PAYLOAD_TYPE + ", got " + e.payloadType());
            } else if (trusted.stream().noneMatch(e::verifiedBy)) {
                problems.add(ExportSet.ENVELOPE + ": no signature verifies under " + (selfAsserted ? "the envelope's key hint" : "--pubkey"));
            } else {
                problems.addAll(ExportSet.check(dir, e.payload()));
            }
            ctx.render(new Verified(dir.toString(), problems.isEmpty(), selfAsserted, problems));
            if (!problems.isEmpty()) {
                PrintWriter err = ctx.err();
                problems.forEach(p -> err.println("mbp: error: " + p));
                err.flush();
                return ExitCodes.VERIFICATION_FAILED;
            }
            return ExitCodes.OK;
        }
    }

    record Verified(String dir, boolean verified, boolean selfAsserted, List<String> problems) implements TextResult {
        @Override
        public void printText(PrintWriter w) {
            w.println(verified ? "exports " + dir + " verified: signature and every file's SHA-256"
                    + (selfAsserted ? " (key self-asserted: pass --pubkey to pin the operator's key)" : "")
                    : "exports " + dir + " FAILED verification: " + problems.size() + " problem(s)");
        }
    }
}

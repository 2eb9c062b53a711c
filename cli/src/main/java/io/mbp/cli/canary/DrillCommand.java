package io.mbp.cli.canary;

import io.mbp.canary.Phases;
import io.mbp.canary.ReleaseParams;
import io.mbp.cli.CommandContext;
import io.mbp.cli.Render;
import io.mbp.error.BadInputException;
import io.mbp.error.ExitCodes;
import io.mbp.error.UsageException;
import io.mbp.sql.Database;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "drill", mixinStandardHelpOptions = true,
        description = {"Rehearse a canary on a COPY of the log (--db) in DIR/scratch (ADR 0024): drill markets and traffic through a",
            "daemon on 127.0.0.1, phases 5 -> 10 -> 20, a fault injected at 20% (a whale on every canary market) that must fail the",
            "analysis, the automatic rollback, then I10 (params restored, nothing rewritten, replay identical, invariants).",
            "Writes DIR/report.json (each phase's analysis, rolled_back, state_consistent). Exit 0 when the rehearsal went as",
            "designed, 3 when it did not. The source database is only read."})
public final class DrillCommand implements Callable<Integer> {
    @Mixin CommandContext ctx;
    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Folder for report.json and the scratch copy (must not hold a report).")
    Path out;
    @Option(names = "--params", paramLabel = "FILE", description = "The release's params.json (default: the rehearsal set, fee 210 bps).")
    Path params;
    @Option(names = "--release", paramLabel = "DIR", description = "A release folder (mbp release cut) whose parameters to rehearse.")
    Path release;
    @Option(names = "--soak", paramLabel = "DURATION", defaultValue = "PT10M", description = "Each phase's (simulated) soak window (default: ${DEFAULT-VALUE}).")
    Duration soak;

    @Override
    public Integer call() throws IOException {
        if (params != null && release != null) {
            throw new UsageException("give at most one of --params and --release");
        }
        if (soak.isNegative() || soak.getSeconds() < 60) {
            throw new UsageException("--soak must be at least PT1M, got " + soak);
        }
        if (Files.exists(out.resolve("report.json"))) {
            throw new BadInputException(out.resolve("report.json") + " exists: give a fresh --out folder");
        }
        ReleaseParams rp = release != null ? ReleaseParams.readRelease(release)
                : params != null ? ReleaseParams.read(params) : Drill.REHEARSAL;
        if (rp.version() == null) {
            rp = rp.withVersion("drill-" + rp.sha256().substring(0, 12));
        }
        Files.createDirectories(out);
        Drill.Report r;
        try (Database source = ctx.database()) {
            r = new Drill(source, out.resolve("scratch"), rp, soak, Phases.DEFAULT).run();
        }
        Path tmp = out.resolve("report.json.tmp");
        try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(tmp, StandardCharsets.UTF_8))) {
            Render.json(w, r);
        }
        Files.move(tmp, out.resolve("report.json"), java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        ctx.render(r);
        if (!r.asDesigned()) {
            ctx.err().println("mbp: error: the canary drill did not go as designed: see " + out.resolve("report.json"));
            ctx.err().flush();
            return ExitCodes.VERIFICATION_FAILED;
        }
        return ExitCodes.OK;
    }
}

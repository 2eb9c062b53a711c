package io.mbp.cli.jobs;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.mbp.cli.CommandContext;
import io.mbp.cli.TextResult;
import io.mbp.cli.VersionProvider;
import io.mbp.cli.anchor.RpcOption;
import io.mbp.cli.custody.KeyFileOption;
import io.mbp.cli.custody.Secrets;
import io.mbp.cli.custody.StaleKeyOption;
import io.mbp.jobs.JobListener;
import io.mbp.jobs.JobRunResult;
import io.mbp.jobs.Nightly;
import io.mbp.payout.PspAccount;
import io.mbp.sql.Database;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "nightly", mixinStandardHelpOptions = true,
        description = {"Run the nightly batch job for a business date; safe to re-run (resumes at the failed step).",
            "Steps: oracle, settle, payouts, recon (of D-1), retention, aml, gate, seal, anchor, evidence, public-exports, targets.",
            "Exit codes: 0 done (or already done), 1 a step failed, 3 verification failed or a target missed, 4 bad input,",
            "5 unreachable, 69 data not ready, 75 another run holds the lock and this one did nothing.",
            "On PostgreSQL a run that finds the lock held by a run of the same date joins it: it sends its share of",
            "the payouts, leaves the other steps to the holder and exits 0. See docs/runbooks/nightly.md."})
public final class NightlyCommand implements Callable<Integer> {
    @Mixin CommandContext ctx;

    /** What a nightly run did (or that the date was already done). */
    @JsonPropertyOrder(alphabetic = true)
    record Ran(String job, String businessDate, Long executionId, boolean alreadyCompleted, List<String> ran,
               List<String> skipped, String joined) implements TextResult {
        static Ran of(JobRunResult r) {
            return new Ran(r.job(), r.businessDate(), r.executionId(), r.alreadyCompleted(), r.ran(), r.skipped(), r.joined());
        }

        @Override
        public void printText(PrintWriter w) {
            if (joined != null) {
                w.println(job + " " + businessDate + " joined the run of " + joined + ": ran its share of "
                        + String.join(", ", ran) + "; the holder runs the other " + skipped.size() + " step(s)");
            } else if (alreadyCompleted) {
                w.println(job + " " + businessDate + " already completed; nothing run (use --force to re-run)");
            } else {
                w.println(job + " " + businessDate + " completed: " + ran.size() + " step(s) ran, " + skipped.size() + " skipped");
            }
        }
    }

    @Option(names = "--date", required = true, paramLabel = "YYYY-MM-DD", description = "Business date.") LocalDate date;

    @Option(names = "--force", description = "Re-run every step of a completed date (logged).") boolean force;

    @Option(names = "--out", defaultValue = "out", paramLabel = "DIR", description = "Output folder (default ${DEFAULT-VALUE}).") String out;

    @Option(names = "--lease", defaultValue = "PT10M", paramLabel = "DURATION",
            description = "Job lock lease, renewed while running (default ${DEFAULT-VALUE}).")
    Duration lease;

    @Option(names = "--join-wait", defaultValue = "PT10M", paramLabel = "DURATION",
            description = {"PostgreSQL: when another run of the same date holds the lock, wait this long for it to reach",
                "the payouts step and send a share of them (default ${DEFAULT-VALUE}); then exit 75 having done nothing."})
    Duration joinWait;

    @Mixin KeyFileOption keys;

    @Mixin RpcOption rpc;

    @Option(names = "--confirmations", paramLabel = "K", defaultValue = "6",
            description = "Anchor step: blocks to wait for (default ${DEFAULT-VALUE}).")
    int confirmations;

    @Option(names = "--chain-keyfile", paramLabel = "FILE",
            description = "Anchor step: file with the chain account's hex key (default: $MBP_CHAIN_KEY).")
    Path chainKeyfile;

    @Option(names = "--anchor-timeout", paramLabel = "SECONDS", defaultValue = "300",
            description = "Anchor step: give up waiting for confirmations after this long (default ${DEFAULT-VALUE}).")
    long anchorTimeout;

    @Mixin StaleKeyOption staleKey;

    @Option(names = "--skip-anchor",
            description = "No chain here: the anchor step completes without anchoring and says so in the job log.")
    boolean skipAnchor;

    @Option(names = "--oracle-every", defaultValue = "PT10M", paramLabel = "DURATION",
            description = "Oracle step: cadence of the aggregation rounds over the date, ISO-8601 (default ${DEFAULT-VALUE}).")
    String oracleEvery;

    @Option(names = "--psp", paramLabel = "URL",
            description = "Payouts step: base URL of the PSP; without it the step is skipped and says so.")
    String psp;

    @Option(names = "--psp-timeout-ms", paramLabel = "MS", defaultValue = "2000",
            description = "Payouts step: per-request timeout (default ${DEFAULT-VALUE}).")
    long pspTimeoutMs;

    @Option(names = "--psp-parallelism", paramLabel = "N", defaultValue = "16",
            description = "Payouts step: sends in flight at once; a worker claims 4 x N at a time (default ${DEFAULT-VALUE}).")
    int pspParallelism;

    @Option(names = "--psp-account", paramLabel = "ACCOUNT", defaultValue = PspAccount.DEFAULT,
            description = "Recon step: our account at the PSP (default ${DEFAULT-VALUE}).")
    String pspAccount;

    @Option(names = "--statement-dir", paramLabel = "DIR",
            description = {"Recon step: folder of the PSP's statements, <date>.csv or <date>.camt053.xml; the night of D",
                "reconciles D-1. Without it the step is skipped and says so; a missing statement is exit 69."})
    Path statementDir;

    @Option(names = "--recon-fail-under", paramLabel = "PCT", defaultValue = "100",
            description = {"Targets step (last): exit 3 when the reconciliation of D-1 is under PCT percent (default ${DEFAULT-VALUE});",
                "the payouts MTTR p95 of D above 4 h fails the same way. See docs/runbooks/nightly.md."})
    String reconFailUnder;

    @Option(names = "--gate-out", paramLabel = "DIR",
            description = "Gate step: output folder with the Go/No-Go evidence (default: --out).")
    Path gateOut;

    @Override
    public Integer call() {
        io.mbp.jobs.steps.TargetsStep.floor(reconFailUnder); // a bad floor is refused before any step runs (exit 4)
        // Options name files and URLs only; the passphrase and chain key stay in the environment.
        Map<String, String> options = new LinkedHashMap<>();
        options.put("out", out);
        options.put("keyfile", keys.store().file().toString());
        options.put("rpc", rpc.url());
        options.put("confirmations", Integer.toString(confirmations));
        options.put("timeout", Long.toString(anchorTimeout));
        options.put("skip-anchor", Boolean.toString(skipAnchor));
        options.put("tool-version", VersionProvider.toolVersion());
        options.put("oracle-every", oracleEvery);
        options.put("psp-timeout-ms", Long.toString(pspTimeoutMs));
        options.put("psp-account", pspAccount);
        options.put("psp-parallelism", Integer.toString(pspParallelism));
        options.put("recon-fail-under", reconFailUnder);
        if (gateOut != null) {
            options.put("gate-out", gateOut.toString());
        }
        if (psp != null) {
            options.put("psp", psp);
        }
        if (statementDir != null) {
            options.put("statement-dir", statementDir.toString());
        }
        if (chainKeyfile != null) {
            options.put("chain-keyfile", chainKeyfile.toString());
        }
        if (staleKey.given()) {
            options.put("allow-stale-key", "true"); // $MBP_ALLOW_STALE_KEY the steps read themselves
        }
        JobListener listener = ctx.json() ? JobListener.NONE : new ConsoleJobListener(ctx.out(), System.console() != null);
        listener = io.mbp.cli.metrics.BatchMetrics.listener(io.mbp.cli.metrics.BatchMetrics.dir(ctx.global().metricsDir()),
                "nightly", ctx.clock(), listener);
        JobRunResult r;
        try (Database db = ctx.database()) {
            r = Nightly.run(ctx.global().dbUrl(), db, ctx.clock(), date, force, options, lease, joinWait, listener, Secrets::env);
        }
        return ctx.render(Ran.of(r));
    }
}

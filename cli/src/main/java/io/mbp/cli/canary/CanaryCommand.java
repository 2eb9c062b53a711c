package io.mbp.cli.canary;

import io.mbp.canary.ApiMetrics;
import io.mbp.canary.CanaryService;
import io.mbp.canary.CanaryState;
import io.mbp.canary.Consistency;
import io.mbp.canary.Phases;
import io.mbp.canary.ReleaseParams;
import io.mbp.cli.CommandContext;
import io.mbp.cli.NowOption;
import io.mbp.error.ExitCodes;
import io.mbp.error.UsageException;
import io.mbp.sql.Database;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "canary", mixinStandardHelpOptions = true,
        description = {"Canary a release's engine parameters on a growing cohort of markets (docs/releases.md#canary,",
            "ADR 0318, 0319): each phase soaks, then canary is analysed against baseline; a failed analysis rolls back."},
        subcommands = {CanaryCommand.Start.class, CanaryCommand.Status.class, CanaryCommand.Promote.class,
            CanaryCommand.Rollback.class, CanaryCommand.Events.class, DrillCommand.class})
public final class CanaryCommand {
    private CanaryCommand() {
    }

    @Command(name = "start", mixinStandardHelpOptions = true,
            description = "Record the release and move its first cohort (markets whose bucket is below the first phase) onto its parameters.")
    static final class Start implements Callable<Integer> {
        @Mixin CommandContext ctx;
        @Mixin NowOption now;
        @Option(names = "--version", paramLabel = "V", description = "The release's version (default: the manifest's or params.json's).")
        String version;
        @Option(names = "--params", paramLabel = "FILE", description = "The release's params.json.")
        Path params;
        @Option(names = "--release", paramLabel = "DIR", description = "A release folder (mbp release cut): DIR/params.json, version from DIR/manifest.json.")
        Path release;
        @Option(names = "--pubkey", paramLabel = "FILE",
                description = "Operator verifier key(s) (mbp keys export-public): with --release, the folder must verify offline first (exit 3 if not).")
        Path pubkey;
        @Option(names = "--phases", paramLabel = "P,P,..", defaultValue = "5,10,20,100", description = "Phases in percent, ending at 100 (default: ${DEFAULT-VALUE}).")
        String phases;
        @Option(names = "--soak", paramLabel = "DURATION", defaultValue = "PT1H", description = "How long each phase soaks before its analysis, ISO-8601 (default: ${DEFAULT-VALUE}).")
        Duration soak;

        @Override
        public Integer call() {
            if ((params == null) == (release == null)) {
                throw new UsageException("give exactly one of --params FILE and --release DIR");
            }
            if (soak.isNegative() || soak.isZero()) {
                throw new UsageException("--soak must be positive, got " + soak);
            }
            List<Long> p;
            try {
                p = Phases.parse(phases);
            } catch (io.mbp.events.FieldException e) {
                throw new UsageException("--phases: " + e.getMessage());
            }
            if (pubkey != null && release == null) {
                throw new UsageException("--pubkey verifies a release folder: give it with --release DIR");
            }
            if (pubkey != null) {
                ReleaseCheck.verified(release, pubkey);
            }
            ReleaseParams rp = release != null ? ReleaseParams.readRelease(release) : ReleaseParams.read(params);
            if (version != null) {
                if (rp.version() != null && !rp.version().equals(version)) {
                    throw new UsageException("--version " + version + " but the release says " + rp.version());
                }
                rp = rp.withVersion(version);
            }
            try (Database db = ctx.database()) {
                CanaryState s = new CanaryService(db, now.clock(ctx.clock())).start(rp, p, soak);
                return ctx.render(StatusView.of(s, null, new io.mbp.events.EventLog(db)));
            }
        }
    }

    @Command(name = "status", mixinStandardHelpOptions = true, description = "The stable release, the running canary, its cohort and last analysis, and past canaries.")
    static final class Status implements Callable<Integer> {
        @Mixin CommandContext ctx;
        @Mixin NowOption now;

        @Override
        public Integer call() {
            try (Database db = ctx.database()) {
                return ctx.render(StatusView.of(new CanaryService(db, now.clock(ctx.clock())).state(), now.clock(ctx.clock()).instant(),
                        new io.mbp.events.EventLog(db)));
            }
        }
    }

    @Command(name = "promote", mixinStandardHelpOptions = true,
            description = {"After the phase's soak: analyse canary against baseline over the phase and move to the next phase;",
                "a failed analysis rolls back by itself (exit 3). Exit 3 too, nothing written, while the phase still soaks."})
    static final class Promote implements Callable<Integer> {
        @Mixin CommandContext ctx;
        @Mixin NowOption now;
        @Option(names = "--api-metrics", paramLabel = "FILE",
                description = "A scrape of the stable daemon's /metrics (the baseline's API figures); without it the API watchers have no data and the analysis fails.")
        Path apiMetrics;
        @Option(names = "--canary-api-metrics", paramLabel = "FILE",
                description = "A scrape of the canary daemon's /metrics when the release runs its own daemon (default: --api-metrics, one daemon serving both cohorts).")
        Path canaryApiMetrics;

        @Override
        public Integer call() {
            ApiMetrics base = apiMetrics == null ? null : ApiMetrics.read(apiMetrics);
            ApiMetrics canary = canaryApiMetrics == null ? base : ApiMetrics.read(canaryApiMetrics);
            try (Database db = ctx.database()) {
                CanaryService.Promotion p = new CanaryService(db, now.clock(ctx.clock())).promote(canary, base);
                ctx.render(new PromotionView(p));
                return p.rolledBack() ? ExitCodes.VERIFICATION_FAILED : ExitCodes.OK;
            }
        }
    }

    @Command(name = "rollback", mixinStandardHelpOptions = true,
            description = "End the running canary: its markets return to the stable parameters through events; then invariant I10 is checked (exit 3 if it fails).")
    static final class Rollback implements Callable<Integer> {
        @Mixin CommandContext ctx;
        @Mixin NowOption now;
        @Option(names = "--reason", required = true, paramLabel = "TEXT", description = "Why, for the log.")
        String reason;

        @Override
        public Integer call() {
            try (Database db = ctx.database()) {
                Consistency.Report r = new CanaryService(db, now.clock(ctx.clock())).rollback(reason, false);
                ctx.render(new PromotionView.ConsistencyView(r));
                return r.consistent() ? ExitCodes.OK : ExitCodes.VERIFICATION_FAILED;
            }
        }
    }

    @Command(name = "events", mixinStandardHelpOptions = true,
            description = {"The events a release produced: a market's events under the release it ran at their seq, a canary's under",
                "its release, every other event under the stable release of the moment (derived from the log, ADR 0322)."})
    static final class Events implements Callable<Integer> {
        @Mixin CommandContext ctx;
        @Option(names = "--release", required = true, paramLabel = "R", description = "The release (e.g. 1.5.0, or initial).")
        String release;
        @Option(names = "--limit", paramLabel = "N", defaultValue = "1000", description = "List at most N events; the count is always whole (default: ${DEFAULT-VALUE}).")
        int limit;

        @Override
        public Integer call() {
            if (limit < 0) {
                throw new UsageException("--limit must be 0 or more, got " + limit);
            }
            try (Database db = ctx.database()) {
                return ctx.render(EventsView.of(new io.mbp.events.EventLog(db), release, limit));
            }
        }
    }
}

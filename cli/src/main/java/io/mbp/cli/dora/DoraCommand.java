package io.mbp.cli.dora;

import io.mbp.cli.CommandContext;
import io.mbp.cli.InstantConverter;
import io.mbp.cli.TextResult;
import io.mbp.dora.DoraReport;
import io.mbp.dora.Restoration;
import io.mbp.error.UsageException;
import io.mbp.events.Timestamps;
import io.mbp.incident.Incident;
import io.mbp.incident.IncidentService;
import io.mbp.sql.Database;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "dora", mixinStandardHelpOptions = true,
        description = "DORA metrics (ADR 0017): deployment frequency, lead time, change failure rate, time to restore.",
        subcommands = {DoraCommand.Report.class})
public final class DoraCommand {

    record Text(DoraReport r) implements TextResult {
        @com.fasterxml.jackson.annotation.JsonValue
        DoraReport value() {
            return r;
        }

        @Override
        public void printText(PrintWriter out) {
            out.println("DORA " + r.from() + " .. " + r.to() + " (deployments: " + r.source() + ")");
            out.println("  deployment frequency  " + r.deployments() + " deployments on " + r.deploymentDays() + " of " + r.windowDays()
                    + " days  [" + r.frequencyBand() + "]");
            out.println("  lead time for changes " + (r.leadTimeP50Seconds() == null ? "no changes" : "p50 " + human(r.leadTimeP50Seconds())
                    + ", p90 " + human(r.leadTimeP90Seconds()) + "  [" + r.leadTimeBand() + "]"));
            out.println("  change failure rate   " + (r.changeFailureRateBps() == null ? "no deployments" : String.format(java.util.Locale.ROOT,
                    "%d.%02d%% (%d of %d deployments named by an incident)  [%s]", r.changeFailureRateBps() / 100,
                    r.changeFailureRateBps() % 100, r.failedDeployments(), r.deployments(), r.failureBand())));
            out.println("  time to restore       " + (r.timeToRestoreP50Seconds() == null ? "no resolved incident (" + r.incidents() + " open)"
                    : "p50 " + human(r.timeToRestoreP50Seconds()) + " over " + r.resolved() + " resolved incidents  [" + r.restoreBand() + "]"));
            out.flush();
        }

        static String human(long seconds) {
            return seconds < 3_600 ? seconds / 60 + " min" : seconds < 172_800 ? seconds / 3_600 + " h" : seconds / 86_400 + " d";
        }
    }

    @Command(name = "report", mixinStandardHelpOptions = true,
            description = {"From the git history of --repo (release tags when they exist, else merges into the main line) and",
                "the incidents in the log of --db. A change failure is a deployment an incident names (--change)."})
    static final class Report implements Callable<Integer> {
        @Mixin CommandContext ctx;

        @Option(names = "--repo", defaultValue = ".", paramLabel = "DIR", description = "The git repository (default: the current folder).")
        Path repo;

        @Option(names = "--from", converter = InstantConverter.class, paramLabel = "TS", description = "Window start (default: 30 days before --to).")
        Instant from;

        @Option(names = "--to", converter = InstantConverter.class, paramLabel = "TS", description = "Window end, exclusive (default: now).")
        Instant to;

        @Option(names = "--tags", defaultValue = "v*", paramLabel = "PATTERN", description = "Release tag pattern (default ${DEFAULT-VALUE}).")
        String tags;

        @Override
        public Integer call() {
            Instant end = to != null ? to : ctx.clock().instant();
            Instant start = from != null ? from : end.minus(Duration.ofDays(30));
            if (!start.isBefore(end)) {
                throw new UsageException("--from must be before --to");
            }
            GitHistory.Found found = new GitHistory(repo).deployments(tags);
            List<Incident> incidents;
            try (Database db = ctx.database()) {
                incidents = new IncidentService(db, ctx.clock()).list();
            }
            List<Restoration> restorations = incidents.stream().map(i -> new Restoration(i.id(),
                    Timestamps.parse("started_at", i.startedAt()), i.timeToRestore(), i.change())).toList();
            return ctx.render(new Text(DoraReport.compute(start, end, found.source(), found.deployments(), restorations)));
        }
    }
}

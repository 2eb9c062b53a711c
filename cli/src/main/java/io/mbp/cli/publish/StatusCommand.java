package io.mbp.cli.publish;

import io.mbp.cli.CommandContext;
import io.mbp.cli.NowOption;
import java.time.Clock;
import io.mbp.cli.TextResult;
import io.mbp.error.UsageException;
import io.mbp.jobs.steps.Publish;
import io.mbp.sql.Database;
import io.mbp.slo.SloSpec;
import io.mbp.slo.SloSpecs;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "status", mixinStandardHelpOptions = true,
        description = "The public status site (docs/status.md, ADR 0606).",
        subcommands = {StatusCommand.Build.class})
public final class StatusCommand {
    private StatusCommand() {
    }

    @Command(name = "build", mixinStandardHelpOptions = true,
            description = {"Render the static status site from the log into --out (replaced whole): per-service uptime bars",
                "and error budget left, the monthly baseline, incident reports with RCA, the changelog, links to anchors and",
                "exports; PT-BR, ES and EN; no script, strict CSP, SRI. Same log, same bytes. Records StatusSiteBuilt."})
    public static final class Build implements Callable<Integer> {
        @Mixin CommandContext ctx;
        @Mixin NowOption now;

        @Option(names = "--out", required = true, paramLabel = "DIR", description = "The site folder (replaced whole).") Path out;

        @Option(names = "--date", paramLabel = "YYYY-MM-DD", description = "Last day of the bars (default: yesterday, UTC).")
        LocalDate date;

        @Option(names = "--month", paramLabel = "YYYY-MM", description = "Month of the baseline (default: the month of --date).")
        YearMonth month;

        @Option(names = "--specs", defaultValue = "specs/slo", paramLabel = "DIR", description = "SLO specs (default ${DEFAULT-VALUE}).")
        Path specs;

        @Option(names = "--changelog", defaultValue = "docs/changelog.md", paramLabel = "FILE",
                description = "The changelog shown (default ${DEFAULT-VALUE}; missing: an empty page).") Path changelog;

        @Option(names = "--exports-base", defaultValue = "../exports/", paramLabel = "PATH",
                description = "Where the daily exports folders are, relative to the site's root (default ${DEFAULT-VALUE}).")
        String exportsBase;

        @Override
        public Integer call() {
            if (!exportsBase.endsWith("/") || exportsBase.contains("://") || exportsBase.startsWith("/")) {
                throw new UsageException("--exports-base: a relative path ending in '/', such as ../exports/");
            }
            Clock clock = now.clock(ctx.clock());
            LocalDate d = date != null ? date : LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).minusDays(1);
            YearMonth m = month != null ? month : YearMonth.from(d);
            List<SloSpec> objectives = SloSpecs.load(specs).slos();
            Publish.Site s;
            try (Database db = ctx.database()) {
                s = Publish.site(db, d, m, out, objectives, changelog, exportsBase, clock);
            }
            return ctx.render(new Built(out.toString(), d.toString(), m.toString(), s.files(), s.siteSha256(), s.recorded()));
        }
    }

    record Built(String dir, String date, String month, int files, String siteSha256, boolean recorded) implements TextResult {
        @Override
        public void printText(PrintWriter w) {
            w.println("status site for " + date + " (baseline " + month + ") in " + dir + ": " + files + " files, SHA256SUMS sha256 "
                    + siteSha256 + (recorded ? "" : " (already recorded in the log)"));
        }
    }
}

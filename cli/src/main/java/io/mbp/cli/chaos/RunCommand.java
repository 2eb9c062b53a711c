package io.mbp.cli.chaos;

import io.mbp.chaos.GameDay;
import io.mbp.chaos.GameDayLog;
import io.mbp.chaos.Verdict;
import io.mbp.cli.CommandContext;
import io.mbp.cli.Render;
import io.mbp.error.BadInputException;
import io.mbp.error.ExitCodes;
import io.mbp.error.MbpException;
import io.mbp.error.UsageException;
import io.mbp.events.Timestamps;
import io.mbp.sql.Database;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Run one game day (docs/runbooks/game-days.md): steady-state checks, the fault, the abort condition,",
            "recovery, the checks again. Writes DIR/report.json and DIR/report.md; the scenario works in DIR/scratch.",
            "The outcome is recorded in the log of --db (GameDayRecorded, for the S21 evidence) unless --no-record.",
            "Scenarios: oracle-source-outage, db-primary-loss, api-surge, psp-latency (`mbp chaos scenarios`).",
            "Exit 0 PASS (or SKIPPED: the scenario's capability is absent), 3 FAIL or ABORTED, 4 when DIR holds a report."})
final class RunCommand implements Callable<Integer> {
    private static final org.apache.logging.log4j.Logger LOG = org.apache.logging.log4j.LogManager.getLogger(RunCommand.class);

    @Mixin CommandContext ctx;

    @Parameters(index = "0", paramLabel = "SCENARIO", description = "oracle-source-outage, db-primary-loss, api-surge or psp-latency.")
    String scenario;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Folder for the report (new or empty of reports).")
    Path out;

    @Option(names = "--seconds", defaultValue = "5", paramLabel = "S",
            description = "Load duration of api-surge and of the DR drill (default ${DEFAULT-VALUE}; the game-day runbook uses 60).")
    double seconds;

    @Option(names = "--clients", defaultValue = "16", paramLabel = "N", description = "Concurrent clients of api-surge (default ${DEFAULT-VALUE}).")
    int clients;

    @Option(names = "--payouts", defaultValue = "12", paramLabel = "N", description = "Payouts psp-latency sends (default ${DEFAULT-VALUE}).")
    int payouts;

    @Option(names = "--drill-db", paramLabel = "URL",
            description = "db-primary-loss: the primary the DR drill runs against (default: a scratch H2 database in DIR/scratch).")
    String drillDb;

    @Option(names = "--drill-arg", paramLabel = "ARG", description = "db-primary-loss: an extra argument for `mbp dr drill` (repeatable).")
    List<String> drillArgs = new ArrayList<>();

    @Option(names = "--no-record", description = "Do not append the outcome to the log of --db.") boolean noRecord;

    @Override
    public Integer call() throws Exception {
        Scenario s = scenario(scenario);
        if (seconds <= 0 || seconds > 3_600 || clients < 1 || clients > 512 || payouts < 1 || payouts > 10_000) {
            throw new UsageException("bounds: --seconds 0..3600, --clients 1..512, --payouts 1..10000");
        }
        Path json = out.resolve("report.json");
        if (Files.exists(json)) {
            throw new BadInputException(out + " already holds a game-day report (report.json): choose a new --out");
        }
        Path scratch = Files.createDirectories(out.resolve("scratch"));
        Clock clock = ctx.clock();
        Instant started = clock.instant();
        Trial t = new Trial(scratch, clock, new Trial.Bounds(seconds, clients, payouts));
        try {
            s.run(t);
        } catch (Trial.Stop stop) {
            // recorded in the trial: aborted or skipped
        } catch (Exception e) {
            t.broke(e);
            LOG.warn("game day {} broke", s.spec().name(), e);
        }
        GameDay g = t.finish(s.spec(), started);
        String run = "gd-" + s.spec().name() + "-" + Timestamps.format(started).replaceAll("[^0-9]", "").substring(0, 14);
        GameDayReport report = GameDayReport.of(run, g);
        byte[] bytes = write(json, out.resolve("report.md"), report);
        if (!noRecord) {
            String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
            try (Database db = ctx.database()) {
                report = report.withSeq(new GameDayLog(db).record(run, g, sha, clock.instant()));
            }
        }
        ctx.render(report);
        ctx.err().println("mbp: game day report in " + json + " and " + out.resolve("report.md"));
        ctx.err().flush();
        return g.verdict() == Verdict.PASS || g.verdict() == Verdict.SKIPPED ? 0 : ExitCodes.VERIFICATION_FAILED;
    }

    Scenario scenario(String name) {
        return switch (name) {
            case "oracle-source-outage" -> new OracleSourceOutage();
            case "api-surge" -> new ApiSurge();
            case "psp-latency" -> new PspLatency();
            case "db-primary-loss" -> new DbPrimaryLoss(new CliDrDrill(drillArgs), drillDb);
            default -> throw new UsageException("scenario " + name + ": not one of " + ChaosCommand.NAMES);
        };
    }

    /** Writes both files through temporary names, so a crash leaves no half report; returns report.json's bytes. */
    private static byte[] write(Path json, Path md, GameDayReport r) {
        StringWriter s = new StringWriter();
        Render.json(new PrintWriter(s), r);
        byte[] bytes = (s.toString().strip() + "\n").getBytes(StandardCharsets.UTF_8);
        try {
            Path tj = Files.write(json.resolveSibling("report.json.tmp"), bytes);
            Path tm = Files.writeString(md.resolveSibling("report.md.tmp"), r.markdown());
            Files.move(tm, md, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            Files.move(tj, json, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new MbpException(ExitCodes.UNEXPECTED, "cannot write " + json + ": " + e.getMessage(), e);
        }
        return bytes;
    }
}

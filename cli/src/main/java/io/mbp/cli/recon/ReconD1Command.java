package io.mbp.cli.recon;

import io.mbp.cli.GlobalOptions;
import io.mbp.cli.Globals;
import io.mbp.cli.Render;
import io.mbp.cli.payout.RailOptions;
import io.mbp.error.BadInputException;
import io.mbp.error.UsageException;
import io.mbp.payout.PspAccount;
import io.mbp.recon.ReconReports;
import io.mbp.recon.ReconService;
import io.mbp.sql.Database;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "d1", mixinStandardHelpOptions = true,
        description = {"Import the statement of --date (CSV or camt.053; the same file twice is a no-op) and",
            "reconcile it with the ledger: E2EID, then reference, then amount+date+counterparty; zero tolerance.",
            "Exit 3 with --fail-under when the match rate (matched + resolved) is below it."})
public final class ReconD1Command implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--date", required = true, paramLabel = "D")
    LocalDate date;

    @Option(names = "--statement", paramLabel = "FILE",
            description = "Statement file to import first; without it, the date's last imported statement is used.")
    Path statement;

    @Option(names = "--account", defaultValue = PspAccount.DEFAULT,
            description = "Our account at the PSP; a statement of another account is refused (default ${DEFAULT-VALUE}).")
    String account;

    @Option(names = "--format", defaultValue = "text", description = "Report on stdout: text, csv or json (--json = json).")
    String format;

    @Option(names = "--report-dir", paramLabel = "DIR", description = "Also write recon-D.txt, .csv and .json here.")
    Path reportDir;

    @Option(names = "--fail-under", paramLabel = "PCT", description = "Exit 3 if the match rate is below PCT (e.g. 100).")
    Integer failUnder;

    @Option(names = "--now", paramLabel = "TS", description = "Clock for the events this run logs (UTC ISO-8601).")
    String now;

    @Override
    public Integer call() {
        GlobalOptions g = Globals.of(spec);
        String fmt = g.json() ? "json" : format;
        if (!fmt.equals("text") && !fmt.equals("csv") && !fmt.equals("json")) {
            throw new UsageException("--format must be text, csv or json, got " + format);
        }
        ReconService.ImportResult imported = null;
        ReconService.Report r;
        try (Database db = Database.openMigrated(g.dbUrl())) {
            ReconService svc = new ReconService(db, RailOptions.clock(now));
            if (statement != null) {
                // Streamed within the statement limits (docs/payouts-recon.md), never read whole.
                imported = svc.importStatement(statement, statement.toString(), account, date);
            }
            r = svc.reconcile(account, date);
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (imported != null) {
            err.println(imported.alreadyImported()
                    ? "statement " + statement + " was imported before (sha256 " + imported.statementId().substring(0, 12)
                            + "...): not imported again"
                    : "imported " + imported.lines() + " " + imported.format() + " lines from " + statement);
            err.flush();
        }
        String text = switch (fmt) {
            case "json" -> ReconReports.json(r);
            case "csv" -> ReconReports.csv(r);
            default -> ReconReports.text(r);
        };
        out.print(text);
        out.flush();
        if (reportDir != null) {
            try {
                Files.createDirectories(reportDir);
                Files.writeString(reportDir.resolve("recon-" + date + ".txt"), ReconReports.text(r), StandardCharsets.UTF_8);
                Files.writeString(reportDir.resolve("recon-" + date + ".csv"), ReconReports.csv(r), StandardCharsets.UTF_8);
                Files.writeString(reportDir.resolve("recon-" + date + ".json"), ReconReports.json(r), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new BadInputException("cannot write reports to " + reportDir + ": " + e.getMessage());
            }
        }
        if (failUnder != null && r.rateBasisPoints() < failUnder * 100L) {
            err.println("mbp: recon " + date + ": match rate " + r.rate() + "% is below --fail-under " + failUnder
                    + " (" + r.open() + " open exceptions: `mbp recon exceptions list --date " + date + "`)");
            err.flush();
            return 3;
        }
        return 0;
    }
}

package io.mbp.cli.recon;

import io.mbp.cli.CommandContext;
import io.mbp.cli.TextResult;
import io.mbp.error.ExitCodes;
import io.mbp.recon.ReconStreak;
import io.mbp.sql.Database;
import java.io.PrintWriter;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "streak", mixinStandardHelpOptions = true,
        description = {"The D+1 reconciliation rate of each of the last --days days, from the log (each day's last",
            "ReconCompleted). A day counts only at 100%; a day with no result is a gap, never a pass.",
            "Exit codes: 0 every day at 100%, 3 a day below or missing (docs/adr/0513)."})
public final class ReconStreakCommand implements Callable<Integer> {
    @Mixin CommandContext ctx;

    @Option(names = "--days", defaultValue = "14", paramLabel = "N", description = "Days in the window (default ${DEFAULT-VALUE}).")
    int days;

    @Option(names = "--to", paramLabel = "YYYY-MM-DD", description = "Last day of the window (default: yesterday, UTC: D+1).")
    LocalDate to;

    /** {@code unbroken}: every day logged at 100%. */
    record Result(String from, String to, int days, long fullDays, boolean unbroken, List<String> missing, List<String> below,
                  List<ReconStreak.Day> perDay) implements TextResult {
        @Override
        public void printText(PrintWriter w) {
            for (ReconStreak.Day d : perDay) {
                w.printf("%s  %s%n", d.date(), !d.logged() ? "no result" : d.rate() + "%" + (d.full() ? "" : "  BELOW (" + d.open()
                        + " open exception(s))") + "  log seq " + d.seq());
            }
            w.println(from + ".." + to + ": " + fullDays + "/" + days + " days at 100%" + (unbroken ? " (unbroken)"
                    : ": missing " + missing + ", below " + below));
        }
    }

    @Override
    public Integer call() {
        LocalDate end = to != null ? to : LocalDate.ofInstant(ctx.clock().instant(), ZoneOffset.UTC).minusDays(1);
        ReconStreak s;
        try (Database db = ctx.database()) {
            s = ReconStreak.read(db, end, days);
        }
        ctx.render(new Result(s.from().toString(), s.to().toString(), days, s.fullDays(), s.unbroken(), s.missing(), s.below(), s.days()));
        return s.unbroken() ? ExitCodes.OK : ExitCodes.VERIFICATION_FAILED;
    }
}

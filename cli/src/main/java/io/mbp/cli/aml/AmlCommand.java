package io.mbp.cli.aml;

import com.fasterxml.jackson.annotation.JsonValue;
import io.mbp.aml.Alert;
import io.mbp.aml.AmlService;
import io.mbp.cli.TextResult;
import io.mbp.cli.privacy.VaultCommand;
import io.mbp.error.UsageException;
import io.mbp.sql.Database;
import java.io.PrintWriter;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "aml", mixinStandardHelpOptions = true,
        description = "AML monitoring (docs/aml.md): run the versioned scenarios over a day's events, review alerts, work"
                + " cases (close as false positive or escalate) and their COAF communication drafts. Nothing here is ever"
                + " shown to the customer (no tipping-off).",
        subcommands = {AmlCommand.Run.class, AmlCommand.Alerts.class, AmlCasesCommand.class, CoafCommand.class})
public final class AmlCommand {

    record RunView(String date, List<String> scenarios, Map<String, Long> found, Map<String, Long> opened, long events,
                   long foundTotal, long openedTotal) implements TextResult {
        static RunView of(AmlService.RunReport r) {
            return new RunView(r.date(), r.scenarios(), r.found(), r.opened(), r.events(), r.foundTotal(), r.openedTotal());
        }

        @Override
        public void printText(PrintWriter out) {
            out.printf("%-26s %6s %6s%n", "SCENARIO", "FOUND", "NEW");
            found.forEach((s, n) -> out.printf("%-26s %6d %6d%n", s, n, opened.getOrDefault(s, 0L)));
            out.println("aml " + date + ": " + events + " event(s), " + foundTotal + " alert(s) found, " + openedTotal + " new");
        }
    }

    @Command(name = "run", mixinStandardHelpOptions = true,
            description = "Evaluate the active scenarios over the UTC day D's events and open their alerts. Idempotent: a re-run"
                    + " opens no alert twice. Refused (exit 2) before D has ended. The nightly's \"aml\" step runs the same.")
    static final class Run extends VaultCommand {
        @Option(names = "--date", required = true, paramLabel = "YYYY-MM-DD", description = "The business day (UTC).") String date;

        @Override
        public Integer call() {
            LocalDate d;
            try {
                d = LocalDate.parse(date);
            } catch (DateTimeParseException e) {
                throw new UsageException("--date must be YYYY-MM-DD");
            }
            try (Database db = ctx.database()) {
                return ctx.render(RunView.of(new AmlService(db, clock()).run(d)));
            }
        }
    }

    record AlertView(String id, String scenario, int scenarioVersion, String account, String subject, String businessDate, String summary,
                     List<Long> evidence, String status, String caseId, String openedAt) implements TextResult {
        static AlertView of(Alert a) {
            return new AlertView(a.id(), a.scenario(), a.scenarioVersion(), a.account(), a.subject(), a.businessDate(), a.summary(),
                    a.evidence(), a.status(), a.caseId(), a.openedAt());
        }

        @Override
        public void printText(PrintWriter out) {
            out.println(id + "  " + scenario + "@" + scenarioVersion + "  " + status + (caseId == null ? "" : " (" + caseId + ")"));
            out.println("  account " + account + (subject == null ? "" : ", subject " + subject) + ", business date " + businessDate
                    + ", opened " + openedAt);
            out.println("  " + summary);
            out.println("  evidence seqs " + evidence);
        }
    }

    record AlertViews(@JsonValue List<AlertView> alerts) implements TextResult {
        private static final String ROW = "%-21s %-24s %-10s %-14s %-10s %s%n";

        @Override
        public void printText(PrintWriter out) {
            out.printf(ROW, "ALERT", "SCENARIO", "DATE", "ACCOUNT", "STATUS", "SUMMARY");
            for (AlertView a : alerts) {
                out.printf(ROW, a.id(), a.scenario() + "@" + a.scenarioVersion(), a.businessDate(), a.account(), a.status(), a.summary());
            }
            out.println(alerts.size() + " alert(s)");
        }
    }

    @Command(name = "alerts", mixinStandardHelpOptions = true, description = "AML alerts: list, show.",
            subcommands = {ListAlerts.class, ShowAlert.class})
    static final class Alerts {
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Alerts, oldest first.")
    static final class ListAlerts extends VaultCommand {
        private static final Set<String> STATUSES = Set.of(Alert.OPEN, Alert.IN_CASE, Alert.CLOSED, Alert.ESCALATED);

        @Option(names = "--status", paramLabel = "STATUS", description = "Only alerts in this state: open, in-case, closed, escalated.")
        String status;

        @Override
        public Integer call() {
            if (status != null && !STATUSES.contains(status)) {
                throw new UsageException("--status must be open, in-case, closed or escalated");
            }
            try (Database db = ctx.database()) {
                return ctx.render(new AlertViews(new AmlService(db, clock()).alerts(status).stream().map(AlertView::of).toList()));
            }
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "One alert with its evidence seqs.")
    static final class ShowAlert extends VaultCommand {
        @Parameters(index = "0", paramLabel = "ID") String id;

        @Override
        public Integer call() {
            try (Database db = ctx.database()) {
                return ctx.render(AlertView.of(new AmlService(db, clock()).alert(id)));
            }
        }
    }
}

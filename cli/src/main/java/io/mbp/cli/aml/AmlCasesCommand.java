package io.mbp.cli.aml;

import com.fasterxml.jackson.annotation.JsonValue;
import io.mbp.aml.AmlCases;
import io.mbp.aml.Case;
import io.mbp.cli.TextResult;
import io.mbp.cli.privacy.VaultCommand;
import io.mbp.error.UsageException;
import io.mbp.sql.Database;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "cases", mixinStandardHelpOptions = true,
        description = "AML cases (docs/runbooks/aml-review.md): open over alerts, assign, decide (close as false positive"
                + " or escalate, which drafts the COAF communication with its deadline), list, show.",
        subcommands = {AmlCasesCommand.Open.class, AmlCasesCommand.Assign.class, AmlCasesCommand.Decide.class,
            AmlCasesCommand.ListCases.class, AmlCasesCommand.Show.class})
final class AmlCasesCommand {

    record CaseView(String id, String status, String assignee, String openedAt, String openedBy, String decision, String reason,
                    String decidedAt, String decidedBy, List<AmlCommand.AlertView> alerts, String coafDraft) implements TextResult {
        static CaseView of(AmlCases.CaseView v) {
            Case c = v.kase();
            return new CaseView(c.id(), c.status(), c.assignee(), c.openedAt(), c.openedBy(), c.decision(), c.reason(), c.decidedAt(),
                    c.decidedBy(), v.alerts().stream().map(AmlCommand.AlertView::of).toList(), v.coafDraft());
        }

        @Override
        public void printText(PrintWriter out) {
            out.println(id + "  " + status + (assignee == null ? "" : ", assigned to " + assignee) + ", opened " + openedAt + " by "
                    + openedBy);
            if (decision != null) {
                out.println("  decided " + decision + " at " + decidedAt + " by " + decidedBy + ": " + reason);
            }
            if (coafDraft != null) {
                out.println("  COAF draft " + coafDraft + " (mbp aml coaf show " + coafDraft + ")");
            }
            alerts.forEach(a -> out.println("  " + a.id() + " " + a.scenario() + "@" + a.scenarioVersion() + " " + a.account() + ": "
                    + a.summary()));
        }
    }

    @Command(name = "open", mixinStandardHelpOptions = true, description = "Open a case over one or more open alerts.")
    static final class Open extends VaultCommand {
        @Option(names = "--alert", required = true, arity = "1..*", paramLabel = "ID", description = "Alert ids (repeatable).")
        List<String> alerts;

        @Override
        public Integer call() {
            try (Database db = ctx.database()) {
                return ctx.render(CaseView.of(new AmlCases(db, clock()).open(alerts, vault.actor())));
            }
        }
    }

    @Command(name = "assign", mixinStandardHelpOptions = true, description = "Give an open case to an analyst.")
    static final class Assign extends VaultCommand {
        @Option(names = "--case", required = true, paramLabel = "CASE") String caseId;

        @Option(names = "--to", required = true, paramLabel = "USER") String to;

        @Override
        public Integer call() {
            try (Database db = ctx.database()) {
                return ctx.render(CaseView.of(new AmlCases(db, clock()).assign(caseId, to, vault.actor())));
            }
        }
    }

    @Command(name = "decide", mixinStandardHelpOptions = true,
            description = "Decide an open case: --close-false-positive, or --escalate (drafts the COAF communication, due by the"
                    + " end of the next business day). --reason is logged and goes into the draft.")
    static final class Decide extends VaultCommand {
        @Option(names = "--case", required = true, paramLabel = "CASE") String caseId;

        @Option(names = "--close-false-positive", description = "Close the case: the alerts were not suspicious.") boolean falsePositive;

        @Option(names = "--escalate", description = "Decide to communicate to COAF: drafts the communication.") boolean escalate;

        @Option(names = "--reason", required = true, paramLabel = "TEXT", description = "Why (no clear personal data, please).")
        String reason;

        @Override
        public Integer call() {
            if (falsePositive == escalate) {
                throw new UsageException("give exactly one of --close-false-positive and --escalate");
            }
            try (Database db = ctx.database()) {
                return ctx.render(CaseView.of(new AmlCases(db, clock()).decide(caseId, escalate, reason, vault.actor())));
            }
        }
    }

    record CaseRows(@JsonValue List<Case> cases) implements TextResult {
        @Override
        public void printText(PrintWriter out) {
            out.printf("%-12s %-10s %-12s %-24s %s%n", "CASE", "STATUS", "ASSIGNEE", "OPENED", "DECISION");
            for (Case c : cases) {
                out.printf("%-12s %-10s %-12s %-24s %s%n", c.id(), c.status(), c.assignee() == null ? "-" : c.assignee(), c.openedAt(),
                        c.decision() == null ? "-" : c.decision());
            }
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Every case.")
    static final class ListCases extends VaultCommand {
        @Override
        public Integer call() {
            try (Database db = ctx.database()) {
                return ctx.render(new CaseRows(new AmlCases(db, clock()).cases()));
            }
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "One case with its alerts.")
    static final class Show extends VaultCommand {
        @Option(names = "--case", required = true, paramLabel = "CASE") String caseId;

        @Override
        public Integer call() {
            try (Database db = ctx.database()) {
                return ctx.render(CaseView.of(new AmlCases(db, clock()).show(caseId)));
            }
        }
    }
}

package io.mbp.cli.appeals;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonValue;
import io.mbp.appeals.AppealService;
import io.mbp.cli.TextResult;
import io.mbp.cli.privacy.VaultCommand;
import io.mbp.error.UsageException;
import io.mbp.kyc.KycStatus;
import io.mbp.sql.Database;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "appeals", mixinStandardHelpOptions = true,
        description = "Appeals of rejected or blocked customers (docs/runbooks/privacy-requests.md): open, list, decide;"
                + " each an event, with an SLA clock. An overturned appeal moves the account to verified or review.",
        subcommands = {AppealsCommand.Open.class, AppealsCommand.ListAppeals.class, AppealsCommand.Decide.class})
public final class AppealsCommand {

    @JsonPropertyOrder(alphabetic = true)
    record View(String appeal, String account, String status, String reason, String openedAt, String due, String outcome,
            String decisionReason, String decidedBy, String decidedAt, String newStatus, boolean late) implements TextResult {
        static View of(AppealService.Appeal a, Instant now) {
            return new View(a.id(), a.account(), a.status(), a.reason(), a.openedAt(), a.due(), a.outcome(), a.decisionReason(),
                    a.decidedBy(), a.decidedAt(), a.newStatus(), a.late(now));
        }

        @Override
        public void printText(PrintWriter out) {
            if (outcome == null) {
                out.println(appeal + ": " + account + " (" + status + ") appeal open since " + openedAt + ", due " + due
                        + (late ? " (OVERDUE)" : ""));
            } else {
                out.println(appeal + ": " + account + " appeal " + outcome + " by " + decidedBy + " at " + decidedAt
                        + (newStatus == null ? "" : "; account is now " + newStatus) + (late ? " (after the deadline " + due + ")" : ""));
            }
        }
    }

    record Views(@JsonValue List<View> appeals) implements TextResult {
        private static final String ROW = "%-12s %-14s %-9s %-24s %-24s %s%n";

        @Override
        public void printText(PrintWriter out) {
            out.printf(ROW, "APPEAL", "ACCOUNT", "WAS", "OPENED", "DUE", "STATE");
            for (View v : appeals) {
                out.printf(ROW, v.appeal(), v.account(), v.status(), v.openedAt(), v.due(),
                        v.outcome() == null ? (v.late() ? "OVERDUE" : "open") : v.outcome() + (v.late() ? " (late)" : ""));
            }
        }
    }

    @Command(name = "open", mixinStandardHelpOptions = true, description = "Open an appeal for a rejected or blocked account.")
    static final class Open extends VaultCommand {
        @Option(names = "--account", required = true, paramLabel = "ACCOUNT") String account;

        @Option(names = "--reason", required = true, paramLabel = "TEXT",
                description = "The customer's grounds, summarised (logged; no personal data, please).")
        String reason;

        @Option(names = "--sla-days", paramLabel = "DAYS", defaultValue = "15", description = "Days to decide (default ${DEFAULT-VALUE}).")
        int slaDays;

        @Override
        public Integer call() {
            Clock clock = clock();
            AppealService.Appeal a;
            try (Database db = ctx.database()) {
                a = new AppealService(db, clock).open(account, reason, slaDays, vault.actor());
            }
            return ctx.render(View.of(a, clock.instant()));
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Appeals, oldest first (--open: only undecided ones).")
    static final class ListAppeals extends VaultCommand {
        @Option(names = "--open", description = "Only appeals not decided yet.") boolean open;

        @Override
        public Integer call() {
            Clock clock = clock();
            List<AppealService.Appeal> all;
            try (Database db = ctx.database()) {
                all = new AppealService(db, clock).list();
            }
            Instant now = clock.instant();
            return ctx.render(new Views(all.stream().filter(a -> !open || a.open()).map(a -> View.of(a, now)).toList()));
        }
    }

    @Command(name = "decide", mixinStandardHelpOptions = true,
            description = "Decide an open appeal: upheld (the decision stands) or overturned (the account moves to --to).")
    static final class Decide extends VaultCommand {
        @Parameters(index = "0", paramLabel = "ID") String id;

        @Option(names = "--outcome", required = true, paramLabel = "OUTCOME", description = "upheld or overturned.") String outcome;

        @Option(names = "--to", paramLabel = "STATE", defaultValue = "verified",
                description = "Where an overturned appeal moves the account: verified or review (default ${DEFAULT-VALUE}).")
        String to;

        @Option(names = "--reason", required = true, paramLabel = "TEXT", description = "Why (logged; no personal data, please).")
        String reason;

        @Override
        public Integer call() {
            if (!"upheld".equals(outcome) && !"overturned".equals(outcome)) {
                throw new UsageException("--outcome must be upheld or overturned");
            }
            KycStatus target = KycStatus.of(to).filter(s -> s == KycStatus.VERIFIED || s == KycStatus.REVIEW)
                    .orElseThrow(() -> new UsageException("--to must be verified or review"));
            Clock clock = clock();
            AppealService.Appeal a;
            try (Database db = ctx.database()) {
                a = new AppealService(db, clock).decide(id, "overturned".equals(outcome), target, reason, vault.actor());
            }
            return ctx.render(View.of(a, clock.instant()));
        }
    }
}

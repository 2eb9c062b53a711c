package io.mbp.cli.screening;

import com.fasterxml.jackson.annotation.JsonValue;
import io.mbp.cli.CommandContext;
import io.mbp.cli.TextResult;
import io.mbp.cli.privacy.VaultCommand;
import io.mbp.screenhooks.PayoutHoldDecided;
import io.mbp.screenhooks.PayoutHolds;
import io.mbp.sql.Database;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "holds", mixinStandardHelpOptions = true,
        description = "Payouts held by a screening hit (ADR 0717): list them, release one after review (the next payouts run "
                + "pays it) or confirm the hit (it stays blocked). Runbook: docs/runbooks/sanctions-updates.md.",
        subcommands = {HoldsCommand.ListHolds.class, HoldsCommand.Release.class, HoldsCommand.Confirm.class})
public final class HoldsCommand {

    record Holds(@JsonValue List<PayoutHolds.Hold> rows) implements TextResult {
        private static final String ROW = "%-20s %-14s %12s %-9s %-24s %s%n";

        @Override
        public void printText(PrintWriter out) {
            out.printf(ROW, "PAYOUT", "ACCOUNT", "CENTAVOS", "STATE", "HELD AT", "HITS / DECISION");
            for (PayoutHolds.Hold h : rows) {
                out.printf(ROW, h.instructionId(), h.account(), h.amount(), h.state(), h.heldAt(), String.join(", ", h.hits())
                        + (h.decidedBy() == null ? "" : "; " + h.state() + " by " + h.decidedBy() + ": " + h.decisionReason()));
            }
            out.println(rows.size() + " hold(s)");
        }
    }

    record Decided(@JsonValue PayoutHolds.Hold hold) implements TextResult {
        @Override
        public void printText(PrintWriter out) {
            out.println("payout " + hold.instructionId() + " (account " + hold.account() + ") " + hold.state() + " by " + hold.decidedBy()
                    + (PayoutHoldDecided.RELEASED.equals(hold.state()) ? ": the next payouts run pays it"
                            : ": it stays blocked"));
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Held payouts (with --all: released and confirmed too).")
    static final class ListHolds implements Callable<Integer> {
        @Mixin CommandContext ctx;

        @Option(names = "--all", description = "Also the decided ones.") boolean all;

        @Override
        public Integer call() {
            try (Database db = ctx.database()) {
                return ctx.render(new Holds(new PayoutHolds(db, ctx.clock()).all().values().stream()
                        .filter(h -> all || PayoutHolds.HELD.equals(h.state())).toList()));
            }
        }
    }

    abstract static class Decide extends VaultCommand {
        @Option(names = "--payout", required = true, paramLabel = "ID", description = "The held instruction id.") String payout;

        @Option(names = "--reason", required = true, paramLabel = "TEXT", description = "Why (logged; no personal data).") String reason;

        abstract String decision();

        @Override
        public Integer call() {
            try (Database db = ctx.database()) {
                return ctx.render(new Decided(new PayoutHolds(db, clock()).decide(payout, decision(), vault.actor(), reason)));
            }
        }
    }

    @Command(name = "release", mixinStandardHelpOptions = true,
            description = "A false positive: release the held payout; the next `payouts run` pays it (once), unless an entity"
                    + " the hold did not name hits.")
    static final class Release extends Decide {
        @Override
        String decision() {
            return PayoutHoldDecided.RELEASED;
        }
    }

    @Command(name = "confirm", mixinStandardHelpOptions = true,
            description = "A true hit: the payout stays blocked (never sent). Block the account too with `mbp kyc review decide`.")
    static final class Confirm extends Decide {
        @Override
        String decision() {
            return PayoutHoldDecided.CONFIRMED;
        }
    }
}

package io.mbp.cli.privacy;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.mbp.cli.TextResult;
import io.mbp.privacy.Vault;
import io.mbp.privacy.retention.RetentionPolicy;
import io.mbp.privacy.retention.RetentionService;
import io.mbp.sql.Database;
import java.io.PrintWriter;
import java.time.Clock;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "retention", mixinStandardHelpOptions = true,
        description = "The retention policy (docs/privacy.md, ADR 0706): 12 months hot, 48 months cold, then shredded;"
                + " erasures waiting for the AML/KYC retention are executed when it ends.",
        subcommands = RetentionCommand.Run.class)
public final class RetentionCommand {

    @JsonPropertyOrder(alphabetic = true)
    record Ran(String asOf, long subjects, long archived, long shredded, long erasuresExecuted, long rescheduled, boolean logged,
            String kek) implements TextResult {
        @Override
        public void printText(PrintWriter out) {
            out.println("retention as of " + asOf + ": " + subjects + " subject(s) with data, " + archived + " moved to cold, "
                    + shredded + " shredded by the policy, " + erasuresExecuted + " scheduled erasure(s) executed, " + rescheduled
                    + " pushed back" + (logged ? " (logged as RetentionApplied)" : " (nothing to do)"));
            if (kek != null) {
                out.println(kek);
            }
        }
    }

    @Command(name = "run", mixinStandardHelpOptions = true,
            description = "Apply the policy as of --now (default: now): archive, shred, execute due erasures; report counts."
                    + " Idempotent. The vault passphrase is needed only to rotate the KEK after shredding.")
    static final class Run extends VaultCommand {
        @Option(names = "--no-rotate", description = "Do not rotate the KEK after shredding.") boolean noRotate;

        @Override
        public Integer call() {
            Clock clock = clock();
            RetentionService.Report r;
            String kek = null;
            try (Database db = ctx.database()) {
                // Archiving and shredding only move or delete wrapped keys: no key is opened for them.
                r = new RetentionService(db, new Vault(null, clock), clock, RetentionPolicy.STANDARD).run();
                if (r.destroyed() > 0) {
                    kek = noRotate ? "KEK not rotated (--no-rotate): run `mbp privacy kek rotate`" : DsrCommand.rotate(() -> vault.vault(clock), db);
                }
            }
            return ctx.render(new Ran(r.asOf(), r.subjects(), r.archived(), r.shredded(), r.erasuresExecuted(), r.rescheduled(), r.logged(),
                    kek));
        }
    }
}

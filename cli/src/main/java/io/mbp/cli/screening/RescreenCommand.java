package io.mbp.cli.screening;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.mbp.aml.AmlService;
import io.mbp.cli.TextResult;
import io.mbp.cli.privacy.VaultOptions;
import io.mbp.screenhooks.AlertQueue;
import io.mbp.screenhooks.CaseDeskAlerts;
import io.mbp.screenhooks.DeltaRescreen;
import io.mbp.screenhooks.SubjectScreening;
import io.mbp.sql.Database;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.Map;
import picocli.CommandLine.Command;

@Command(name = "rescreen", mixinStandardHelpOptions = true,
        description = "Screen every customer against the entities the list versions not yet re-screened added or changed, "
                + "opening an alert per new hit (ADR 0716). `lists import` and `lists update` do it themselves; this catches "
                + "up one that could not (no vault passphrase).")
public final class RescreenCommand extends io.mbp.cli.privacy.VaultCommand {

    @JsonPropertyOrder({"versions", "entities", "customers", "hits", "alerts_opened", "skipped"})
    record Rescreened(Map<String, Integer> versions, int entities, int customers, int hits, int alertsOpened, int skipped)
            implements TextResult {
        static Rescreened of(DeltaRescreen.Result r) {
            return new Rescreened(r.versions(), r.entities(), r.customers(), r.hits(), r.alerts(), r.skipped());
        }

        @Override
        public void printText(PrintWriter out) {
            if (versions.isEmpty()) {
                out.println("re-screen: nothing pending (every list version's delta is re-screened)");
                return;
            }
            StringBuilder v = new StringBuilder();
            versions.forEach((k, x) -> v.append(v.isEmpty() ? "" : ", ").append(k).append(" v").append(x));
            out.println("re-screen on " + v + ": " + customers + " customer(s) against " + entities + " added or changed entities, "
                    + hits + " hit(s), " + alertsOpened + " new alert(s)" + (skipped > 0 ? ", " + skipped + " skipped (archived or"
                    + " erased)" : "") + (alertsOpened > 0 ? ": see `mbp screening alerts list`" : ""));
        }
    }

    /** The re-screen over the environment's vault (opened only when there are customers and entities to screen). */
    static DeltaRescreen.Result run(Database db, Clock clock, String actor) {
        return new DeltaRescreen(db, clock, () -> new SubjectScreening(db, VaultOptions.fromEnvironment(clock), clock, actor),
                alerts(db, clock)).run();
    }

    /** New hits go to the screening queue and, as "sanctions-screening" alerts, to the AML case desk. */
    static CaseDeskAlerts alerts(Database db, Clock clock) {
        return new CaseDeskAlerts(new AlertQueue(db, clock), new AmlService(db, clock), clock);
    }

    @Override
    public Integer call() {
        Clock clock = clock();
        try (Database db = ctx.database()) {
            return ctx.render(Rescreened.of(new DeltaRescreen(db, clock, () -> new SubjectScreening(db, vault.vault(clock), clock,
                    vault.actor()), alerts(db, clock)).run()));
        }
    }
}

package io.mbp.cli.incident;

import com.fasterxml.jackson.annotation.JsonValue;
import io.mbp.cli.CommandContext;
import io.mbp.cli.InstantConverter;
import io.mbp.cli.NowOption;
import io.mbp.cli.TextResult;
import io.mbp.error.UsageException;
import io.mbp.events.FieldException;
import io.mbp.incident.Incident;
import io.mbp.incident.IncidentService;
import io.mbp.incident.IncidentUpdated;
import io.mbp.incident.Severity;
import io.mbp.sql.Database;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "incident", mixinStandardHelpOptions = true,
        description = {"Incidents (docs/runbooks/incidents.md, ADR 0017): open with a severity P1..P4, update the timeline,",
            "resolve with the root cause. Each step is an event: the status page, the GA gate's P1 count, MTTR and",
            "`mbp dora report` read them. Texts are logged: no personal data in them."},
        subcommands = {IncidentCommand.Open.class, IncidentCommand.Update.class, IncidentCommand.Resolve.class,
            IncidentCommand.ListIncidents.class, IncidentCommand.Show.class})
public final class IncidentCommand {

    record View(String incident, String severity, String title, String service, String status, String startedAt, String openedAt,
                String openedBy, String change, String restoredAt, Long timeToRestoreSeconds, boolean withinTarget, String rca,
                String actions, List<String> timeline) implements TextResult {
        static View of(Incident i, Instant now) {
            return new View(i.id(), i.severity().name(), i.title(), i.service(), i.status(), i.startedAt(), i.openedAt(), i.openedBy(),
                    i.change(), i.restoredAt(), i.open() ? null : i.timeToRestore().toSeconds(), i.withinTarget(now), i.rca(),
                    i.actions(), i.timeline());
        }

        @Override
        public void printText(PrintWriter out) {
            out.println(incident + " " + severity + " " + service + ": " + title + " (" + status
                    + (timeToRestoreSeconds == null ? "" : ", restored in " + timeToRestoreSeconds + " s") + (withinTarget ? "" : ", PAST TARGET")
                    + ")");
            timeline.forEach(t -> out.println("  " + t));
            if (rca != null) {
                out.println("  root cause: " + rca);
                out.println("  actions: " + actions);
            }
            out.flush();
        }
    }

    record Views(@JsonValue List<View> incidents) implements TextResult {
        private static final String ROW = "%-9s %-3s %-13s %-14s %-21s %-21s %s%n";

        @Override
        public void printText(PrintWriter out) {
            out.printf(ROW, "INCIDENT", "SEV", "STATUS", "SERVICE", "STARTED", "RESTORED", "TITLE");
            for (View v : incidents) {
                out.printf(ROW, v.incident(), v.severity(), v.status(), v.service(), v.startedAt(),
                        v.restoredAt() == null ? "-" : v.restoredAt(), v.title());
            }
            out.flush();
        }
    }

    abstract static class Base implements Callable<Integer> {
        @Mixin CommandContext ctx;
        @Mixin NowOption now;

        @Option(names = "--by", paramLabel = "WHO", description = "Who acts (default: the system user name).")
        String by = System.getProperty("user.name", "operator");

        int run(Function<IncidentService, Incident> action) {
            Clock clock = now.clock(ctx.clock());
            Incident i;
            try (Database db = ctx.database()) {
                i = action.apply(new IncidentService(db, clock));
            }
            return ctx.render(View.of(i, clock.instant()));
        }
    }

    static Severity severity(String option, String text) {
        try {
            return Severity.parse(option, text);
        } catch (FieldException e) {
            throw new UsageException(option + " must be one of P1, P2, P3, P4, got \"" + text + "\"");
        }
    }

    @Command(name = "open", mixinStandardHelpOptions = true, description = "Declare an incident; prints its id (INC-0001, ...).")
    static final class Open extends Base {
        @Option(names = "--severity", required = true, paramLabel = "P1..P4") String severity;
        @Option(names = "--title", required = true, paramLabel = "TEXT") String title;
        @Option(names = "--service", required = true, paramLabel = "NAME", description = "api, oracle, payouts, status, settlement, ...")
        String service;
        @Option(names = "--started", paramLabel = "TS", converter = InstantConverter.class,
                description = "When impact began (default: now); MTTR counts from here.") Instant started;
        @Option(names = "--change", paramLabel = "REF",
                description = "The deployment that caused it (release tag or commit); counts in DORA's change failure rate.")
        String change;

        @Override
        public Integer call() {
            Severity s = severity("--severity", severity);
            return run(svc -> svc.open(s, title, service, started, by, change));
        }
    }

    @Command(name = "update", mixinStandardHelpOptions = true, description = "Add a timeline entry; optionally change severity or status.")
    static final class Update extends Base {
        @Parameters(index = "0", paramLabel = "ID") String id;
        @Option(names = "--note", required = true, paramLabel = "TEXT") String note;
        @Option(names = "--severity", paramLabel = "P1..P4") String severity;
        @Option(names = "--status", paramLabel = "STATUS", description = "investigating, identified or monitoring.") String status;

        @Override
        public Integer call() {
            if (status != null && !IncidentUpdated.STATUSES.contains(status)) {
                throw new UsageException("--status must be one of " + IncidentUpdated.STATUSES);
            }
            Severity s = severity == null ? null : severity("--severity", severity);
            return run(svc -> svc.update(id, note, by, s, status));
        }
    }

    @Command(name = "resolve", mixinStandardHelpOptions = true, description = "Close an incident with its root cause and follow-up actions.")
    static final class Resolve extends Base {
        @Parameters(index = "0", paramLabel = "ID") String id;
        @Option(names = "--rca", required = true, paramLabel = "TEXT", description = "Root cause.") String rca;
        @Option(names = "--actions", required = true, paramLabel = "TEXT", description = "What prevents a recurrence.") String actions;
        @Option(names = "--restored", paramLabel = "TS", converter = InstantConverter.class,
                description = "When impact ended (default: now).") Instant restored;

        @Override
        public Integer call() {
            return run(svc -> svc.resolve(id, restored, rca, actions, by));
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "One incident with its timeline.")
    static final class Show extends Base {
        @Parameters(index = "0", paramLabel = "ID") String id;

        @Override
        public Integer call() {
            return run(svc -> svc.get(id));
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Incidents, oldest first (--open: unresolved only).")
    static final class ListIncidents implements Callable<Integer> {
        @Mixin CommandContext ctx;
        @Option(names = "--open", description = "Only unresolved incidents.") boolean open;

        @Override
        public Integer call() {
            Instant now = ctx.clock().instant();
            List<Incident> all;
            try (Database db = ctx.database()) {
                all = new IncidentService(db, ctx.clock()).list();
            }
            return ctx.render(new Views(all.stream().filter(i -> !open || i.open()).map(i -> View.of(i, now)).toList()));
        }
    }
}

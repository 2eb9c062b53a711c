package io.mbp.cli.jobs;

import io.mbp.cli.GlobalOptions;
import io.mbp.cli.Globals;
import io.mbp.cli.Render;
import io.mbp.error.BadInputException;
import io.mbp.jobs.JobRepository;
import io.mbp.jobs.JobViews;
import io.mbp.sql.Database;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "jobs", mixinStandardHelpOptions = true, description = "Inspect and restart batch job executions.",
        subcommands = {JobsCommand.List.class, JobsCommand.Show.class, JobsCommand.Restart.class})
public final class JobsCommand {

    static JobViews.ExecutionDetail load(GlobalOptions g, long id) {
        JobViews.ExecutionDetail d;
        try (Database db = Database.openMigrated(g.dbUrl())) {
            d = new JobRepository(db, Clock.systemUTC()).execution(id);
        }
        if (d == null) {
            throw new BadInputException("no job execution " + id + " (see mbp jobs list)");
        }
        return d;
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Latest executions, newest first.")
    static final class List implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--job", description = "Only this job (e.g. nightly).")
        String job;

        @Option(names = {"-n", "--limit"}, defaultValue = "20", description = "How many (default ${DEFAULT-VALUE}).")
        int limit;

        @Override
        public Integer call() {
            GlobalOptions g = Globals.of(spec);
            java.util.List<JobViews.Execution> rows;
            try (Database db = Database.openMigrated(g.dbUrl())) {
                rows = new JobRepository(db, Clock.systemUTC()).executions(job, limit);
            }
            PrintWriter out = spec.commandLine().getOut();
            if (g.json()) {
                Render.json(out, rows);
                return 0;
            }
            out.printf("%5s  %-10s %-10s  %-9s  %-24s  %-24s  %s%n", "ID", "JOB", "DATE", "STATUS", "STARTED", "ENDED", "EXIT");
            for (JobViews.Execution e : rows) {
                out.printf("%5d  %-10s %-10s  %-9s  %-24s  %-24s  %s%s%n", e.id(), e.jobName(), e.businessDate(), e.status(),
                        e.startedAt(), e.endedAt() == null ? "-" : e.endedAt(), e.exitCode() == null ? "-" : e.exitCode(),
                        e.forced() ? " (forced)" : "");
            }
            out.flush();
            return 0;
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "One execution and its steps.")
    static final class Show implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "ID", description = "Execution id (from `mbp jobs list`).")
        long id;

        @Override
        public Integer call() {
            GlobalOptions g = Globals.of(spec);
            JobViews.ExecutionDetail d = load(g, id);
            PrintWriter out = spec.commandLine().getOut();
            if (g.json()) {
                Render.json(out, d);
                return 0;
            }
            JobViews.Execution e = d.execution();
            out.printf("execution %d: %s %s %s%s, owner %s%n", e.id(), e.jobName(), e.businessDate(), e.status(),
                    e.forced() ? " (forced)" : "", e.owner());
            out.printf("started %s, ended %s, exit %s: %s%n", e.startedAt(), e.endedAt() == null ? "-" : e.endedAt(),
                    e.exitCode() == null ? "-" : e.exitCode(), e.exitMessage() == null ? "" : e.exitMessage());
            for (JobViews.StepRun s : d.steps()) {
                out.printf("  %-18s %-9s read %d wrote %d  %s%n", s.stepName(), s.status(), s.read(), s.written(),
                        s.exitMessage() == null ? "" : s.exitMessage());
            }
            out.flush();
            return 0;
        }
    }

    @Command(name = "restart", mixinStandardHelpOptions = true,
            description = "Run again the job instance of a failed or abandoned execution, from its failed step.")
    static final class Restart implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "ID", description = "Execution id.")
        long id;

        @Override
        public Integer call() {
            JobViews.ExecutionDetail d = load(Globals.of(spec), id);
            if (!"nightly".equals(d.execution().jobName())) {
                throw new BadInputException("execution " + id + " is of job " + d.execution().jobName()
                        + ", which cannot be restarted from here");
            }
            java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("--date", d.execution().businessDate()));
            CommandLine nightly = spec.root().commandLine().getSubcommands().get("nightly");
            return nightly.execute(args.toArray(String[]::new));
        }
    }
}

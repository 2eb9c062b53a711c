package io.mbp.cli.jobs;

import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.JsonNode;
import io.mbp.cli.CommandContext;
import io.mbp.cli.JavaNamed;
import io.mbp.cli.TextResult;
import io.mbp.error.BadInputException;
import io.mbp.jobs.JobRepository;
import io.mbp.jobs.JobViews;
import io.mbp.sql.Database;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "jobs", mixinStandardHelpOptions = true, description = "Inspect and restart batch job executions.",
        subcommands = {JobsCommand.List.class, JobsCommand.Show.class, JobsCommand.Restart.class})
public final class JobsCommand {

    static JobViews.ExecutionDetail load(CommandContext ctx, long id) {
        JobViews.ExecutionDetail d;
        try (Database db = ctx.database()) {
            d = new JobRepository(db, ctx.clock()).execution(id);
        }
        if (d == null) {
            throw new BadInputException("no job execution " + id + " (see mbp jobs list)");
        }
        return d;
    }

    /** Executions, newest first. */
    record Executions(java.util.List<JobViews.Execution> rows) implements TextResult {
        @JsonValue
        JsonNode json() {
            return JavaNamed.tree(rows);
        }

        private static final String ROW = "%5s  %-10s %-10s  %-9s  %-24s  %-24s  %s%s%n";

        @Override
        public void printText(PrintWriter out) {
            out.printf(ROW, "ID", "JOB", "DATE", "STATUS", "STARTED", "ENDED", "EXIT", "");
            for (JobViews.Execution e : rows) {
                out.printf(ROW, e.id(), e.jobName(), e.businessDate(), e.status(), e.startedAt(),
                        e.endedAt() == null ? "-" : e.endedAt(), e.exitCode() == null ? "-" : e.exitCode(),
                        e.forced() ? " (forced)" : "");
            }
        }
    }

    /** One execution and its steps. */
    record Detail(JobViews.ExecutionDetail detail) implements TextResult {
        @JsonValue
        JsonNode json() {
            return JavaNamed.tree(detail);
        }

        @Override
        public void printText(PrintWriter out) {
            JobViews.Execution e = detail.execution();
            out.printf("execution %d: %s %s %s%s, owner %s%n", e.id(), e.jobName(), e.businessDate(), e.status(),
                    e.forced() ? " (forced)" : "", e.owner());
            out.printf("started %s, ended %s, exit %s: %s%n", e.startedAt(), e.endedAt() == null ? "-" : e.endedAt(),
                    e.exitCode() == null ? "-" : e.exitCode(), e.exitMessage() == null ? "" : e.exitMessage());
            for (JobViews.StepRun s : detail.steps()) {
                out.printf("  %-18s %-9s read %d wrote %d  %s%n", s.stepName(), s.status(), s.read(), s.written(),
                        s.exitMessage() == null ? "" : s.exitMessage());
            }
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Latest executions, newest first.")
    static final class List implements Callable<Integer> {
        @Mixin CommandContext ctx;

        @Option(names = "--job", description = "Only this job (e.g. nightly).") String job;

        @Option(names = {"-n", "--limit"}, defaultValue = "20", description = "How many (default ${DEFAULT-VALUE}).") int limit;

        @Override
        public Integer call() {
            try (Database db = ctx.database()) {
                return ctx.render(new Executions(new JobRepository(db, ctx.clock()).executions(job, limit)));
            }
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "One execution and its steps.")
    static final class Show implements Callable<Integer> {
        @Mixin CommandContext ctx;

        @Parameters(paramLabel = "ID", description = "Execution id (from `mbp jobs list`).") long id;

        @Override
        public Integer call() {
            return ctx.render(new Detail(load(ctx, id)));
        }
    }

    @Command(name = "restart", mixinStandardHelpOptions = true,
            description = "Run again the job instance of a failed or abandoned execution, from its failed step.")
    static final class Restart implements Callable<Integer> {
        @Mixin CommandContext ctx;
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Parameters(paramLabel = "ID", description = "Execution id.") long id;

        @Override
        public Integer call() {
            JobViews.ExecutionDetail d = load(ctx, id);
            if (!"nightly".equals(d.execution().jobName())) {
                throw new BadInputException("execution " + id + " is of job " + d.execution().jobName()
                        + ", which cannot be restarted from here");
            }
            CommandLine nightly = spec.root().commandLine().getSubcommands().get("nightly");
            return nightly.execute("--date", d.execution().businessDate());
        }
    }
}

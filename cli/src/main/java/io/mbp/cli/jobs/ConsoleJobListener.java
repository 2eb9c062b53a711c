package io.mbp.cli.jobs;

import io.mbp.jobs.JobListener;
import io.mbp.jobs.StepOutcome;
import java.io.PrintWriter;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * One line per step on stdout (what cron mails and logs keep); on a terminal, also a progress bar
 * on stderr while a step reports progress.
 */
final class ConsoleJobListener implements JobListener {
    private final PrintWriter out;
    private final boolean terminal;
    private ProgressBar bar;

    ConsoleJobListener(PrintWriter out, boolean terminal) {
        this.out = out;
        this.terminal = terminal;
    }

    @Override
    public void jobStarted(String job, String date, long executionId, boolean resumed) {
        out.printf("%s %s: execution %d%s%n", job, date, executionId, resumed ? " (resuming)" : "");
        out.flush();
    }

    @Override
    public void stepSkipped(String step) {
        out.printf("  %-18s skipped (completed earlier)%n", step);
        out.flush();
    }

    @Override
    public void stepStarted(String step, int index, int total) {
        if (terminal) {
            bar = new ProgressBarBuilder().setTaskName(index + "/" + total + " " + step).setInitialMax(-1)
                    .setStyle(ProgressBarStyle.ASCII).continuousUpdate().build();
        }
    }

    @Override
    public void stepProgress(String step, long done) {
        if (bar != null) {
            bar.stepTo(done);
        }
    }

    @Override
    public void stepCompleted(String step, StepOutcome outcome, long millis) {
        closeBar();
        out.printf("  %-18s ok      %6d ms  read %d, wrote %d: %s%n", step, millis, outcome.read(), outcome.written(),
                outcome.message());
        out.flush();
    }

    @Override
    public void stepFailed(String step, String message, long millis) {
        closeBar();
        out.printf("  %-18s FAILED  %6d ms  %s%n", step, millis, message);
        out.flush();
    }

    private void closeBar() {
        if (bar != null) {
            bar.close();
            bar = null;
        }
    }
}

package io.mbp.cli.dr;

import io.mbp.cli.CommandContext;
import io.mbp.cli.Render;
import io.mbp.cli.TextResult;
import io.mbp.error.BadInputException;
import io.mbp.error.ExitCodes;
import io.mbp.error.MbpException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "drill", mixinStandardHelpOptions = true,
        description = {"The DR drill against a live daemon taking orders. Embedded engines (--engine h2|sqlite, a fresh drill",
            "database under DIR): sealed online backups every --backup-every seconds, the daemon killed (SIGKILL) mid-load,",
            "the newest backup restored into a fresh database and verified, a daemon started on it. PostgreSQL with",
            "--replica: the promotion drill (promote-drill). Writes DIR/report.json (rpo_seconds, rto_seconds, events_lost,",
            "verified) and DIR/report.md. Exit 3 when the restored database fails verification (docs/runbooks/dr.md)."})
public final class DrillCommand implements Callable<Integer> {
    @Mixin CommandContext ctx;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Folder for the drill's databases, backups and reports.")
    Path out;

    @Option(names = "--engine", defaultValue = "h2", paramLabel = "h2|sqlite",
            description = "Engine of the drill database (default ${DEFAULT-VALUE}).") String engine;

    @Option(names = "--seconds", defaultValue = "20", description = "Seconds of load before the primary is killed (default ${DEFAULT-VALUE}).")
    double seconds;

    @Option(names = "--backup-every", defaultValue = "5", paramLabel = "SECONDS",
            description = "Backup schedule during the load (default ${DEFAULT-VALUE}); the RPO follows it.") double backupEvery;

    @Option(names = "--clients", defaultValue = "8", description = "Concurrent order clients (default ${DEFAULT-VALUE}).") int clients;

    @Option(names = "--replica", paramLabel = "URL",
            description = "PostgreSQL: the streaming replica to promote (then --db is the primary; see promote-drill).") String replica;

    @Option(names = "--replica-admin", paramLabel = "URL", description = "PostgreSQL: a role allowed to run pg_promote() on the replica.")
    String replicaAdmin;

    @Override
    public Integer call() throws Exception {
        if (seconds <= 0 || clients < 1 || backupEvery <= 0) {
            throw new BadInputException("--seconds and --backup-every must be positive and --clients at least 1");
        }
        if (replica == null && seconds <= backupEvery) {
            throw new BadInputException("--seconds must be longer than --backup-every: the drill restores the newest backup");
        }
        Files.createDirectories(out);
        if (replica != null) {
            PromoteDrillCommand promote = new PromoteDrillCommand();
            promote.ctx = ctx;
            promote.replica = replica;
            promote.replicaAdmin = replicaAdmin;
            promote.seconds = seconds;
            promote.clients = clients;
            promote.out = out;
            return promote.call();
        }
        BackupDrill.Report r = new BackupDrill(ctx.clock()).run(new BackupDrill.Request(engine, out, clients, seconds, backupEvery));
        write(out.resolve("report.json"), w -> Render.json(w, r));
        write(out.resolve("report.md"), w -> markdown(w, r));
        ctx.render(r);
        if (!r.verified()) {
            ctx.err().println("mbp: error: the restored database FAILED verification: see " + out.resolve("report.md"));
            ctx.err().flush();
            return ExitCodes.VERIFICATION_FAILED;
        }
        return ExitCodes.OK;
    }

    static void markdown(PrintWriter w, BackupDrill.Report r) {
        w.println("# DR drill: " + r.engine() + ", " + r.mode());
        w.println();
        StringWriter text = new StringWriter();
        r.printText(new PrintWriter(text));
        text.toString().lines().forEach(l -> w.println("- " + l));
        w.println();
        w.println("| backup | started after (s) | seal (s) | events at start | backup (s) | complete before the kill |");
        w.println("|---|---|---|---|---|---|");
        for (BackupDrill.Backup b : r.backups()) {
            w.printf("| %s | %.3f | %.3f | %d | %.3f | %s |%n", Path.of(b.dir()).getFileName(), b.startedAfterSeconds(), b.sealSeconds(),
                    b.logSize(), b.seconds(), b.completeBeforeFailure() ? "yes" : "no (died with the primary)");
        }
        w.println();
        w.println("Verification of the restored database:");
        w.println();
        r.checks().forEach(c -> w.println("- " + (c.ok() ? "✓ " : "✗ ") + c.check() + ": " + c.detail()));
        w.println();
        w.printf("The dead primary held %d events; the restored log %d (before the first order after recovery: "
                + "%d acknowledged orders were lost).%n", r.primaryLogSize(), r.restoredLogSize(), r.eventsLost());
    }

    private static void write(Path file, java.util.function.Consumer<PrintWriter> body) {
        try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8))) {
            body.accept(w);
        } catch (IOException e) {
            throw new MbpException(ExitCodes.UNEXPECTED, "cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}

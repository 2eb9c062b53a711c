package io.mbp.cli.dr;

import io.mbp.cli.CommandContext;
import io.mbp.cli.Render;
import io.mbp.error.BadInputException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "promote-drill", mixinStandardHelpOptions = true,
        description = {"Failover drill: a daemon takes orders on the primary (--db), the streaming replica is promoted",
            "mid-load, a daemon starts on it and takes the first order. Writes DIR/report.json: rpo_seconds and",
            "events_lost (acknowledged orders missing on the promoted replica), rto_seconds (failover to the first",
            "accepted order). Works in a fresh schema drill_*; the replica is no longer a standby afterwards",
            "(scripts/postgres replica create makes a new one). Exit 4 when the replica is not a standby."})
public final class PromoteDrillCommand implements Callable<Integer> {
    @Mixin CommandContext ctx;

    @Option(names = "--replica", required = true, paramLabel = "URL",
            description = "JDBC URL of the replica for the application role (scripts/postgres replica url).") String replica;

    @Option(names = "--replica-admin", paramLabel = "URL",
            description = "JDBC URL of a role allowed to run pg_promote() on the replica (default: --replica; "
                    + "scripts/postgres replica url --admin).") String replicaAdmin;

    @Option(names = "--seconds", defaultValue = "10", description = "Seconds of load on the primary before the failover (default ${DEFAULT-VALUE}).")
    double seconds;

    @Option(names = "--clients", defaultValue = "16", description = "Concurrent order clients (default ${DEFAULT-VALUE}).") int clients;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Folder for report.json.") Path out;

    @Override
    public Integer call() throws Exception {
        String primary = ctx.global().dbUrl();
        for (String[] u : new String[][] {{"--db", primary}, {"--replica", replica}, {"--replica-admin", replicaAdmin}}) {
            if (u[1] != null && !u[1].startsWith("jdbc:postgresql:")) {
                throw new BadInputException(u[0] + ": the drill needs PostgreSQL (a jdbc:postgresql: URL); streaming replicas are PostgreSQL's");
            }
        }
        if (seconds <= 0 || clients < 1) {
            throw new BadInputException("--seconds must be positive and --clients at least 1");
        }
        Files.createDirectories(out);
        PromoteDrill.Report r = new PromoteDrill(ctx.clock()).run(primary, replica, replicaAdmin == null ? replica : replicaAdmin,
                clients, seconds);
        Path file = out.resolve("report.json");
        try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8))) {
            Render.json(w, r);
        } catch (IOException e) {
            throw new io.mbp.error.MbpException(io.mbp.error.ExitCodes.UNEXPECTED, "cannot write " + file + ": " + e.getMessage(), e);
        }
        return ctx.render(r);
    }
}

package io.mbp.cli.daemon;

import io.mbp.cli.GlobalOptions;
import io.mbp.cli.Globals;
import io.mbp.error.ExitCodes;
import io.mbp.market.Shard;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "daemon", mixinStandardHelpOptions = true,
        description = {"Run the settlement daemon: the /v2 JSON API on 127.0.0.1 (docs/openapi.yaml), group-committed",
            "durable acks, settlement on the oracle's Finalized events, halts on FailoverRolled.",
            "Prints 'listening on 127.0.0.1:PORT' when ready; SIGTERM drains and stops. Exit 3 if an invariant breaks."})
public final class DaemonCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--port", defaultValue = "8080", description = "TCP port on 127.0.0.1 (0 = any free port; default ${DEFAULT-VALUE}).") int port;

    @Option(names = "--max-batch", defaultValue = "2000", description = "Most commands per group commit (default ${DEFAULT-VALUE}).") int maxBatch;

    @Option(names = "--rate-orders", defaultValue = "50000", description = "POST /v2/orders per second (token bucket; default ${DEFAULT-VALUE}).")
    double rateOrders;

    @Option(names = "--rate-writes", defaultValue = "5000", description = "Other writes per second (default ${DEFAULT-VALUE}).") double rateWrites;

    @Option(names = "--rate-reads", defaultValue = "20000", description = "GETs per second (default ${DEFAULT-VALUE}).") double rateReads;

    @Option(names = "--snapshot-every", defaultValue = "200000",
            description = "Snapshot the market state every N log events, and at shutdown (default ${DEFAULT-VALUE}).")
    long snapshotEvery;

    @Option(names = "--read-timeout", defaultValue = "10", paramLabel = "SECONDS",
            description = "Close a connection that sends or takes no byte for this long (default ${DEFAULT-VALUE}).")
    long readTimeout;

    @Option(names = "--request-timeout", defaultValue = "20", paramLabel = "SECONDS",
            description = "Close a connection whose request is not read whole this long after its first byte (default ${DEFAULT-VALUE}).")
    long requestTimeout;

    @Option(names = "--max-connections-per-client", defaultValue = "256", paramLabel = "N",
            description = "Open connections one client address may hold; more are closed at once (default ${DEFAULT-VALUE}).")
    int maxConnectionsPerClient;

    @Option(names = "--shard", defaultValue = "1/1", paramLabel = "I/N",
            description = {"Decide only the markets whose id hashes to shard I of N (docs/adr/0309); several daemons,",
                "one per shard, share one PostgreSQL log. Others' markets get 421 WRONG_SHARD naming the owner (default ${DEFAULT-VALUE})."})
    String shard;

    @Option(names = "--fsync", description = "Accepted for compatibility; does nothing: every group commit is already synced to disk.") boolean fsync;

    @Override
    public Integer call() throws Exception {
        GlobalOptions g = Globals.of(spec);
        if (readTimeout < 1 || requestTimeout < 1 || maxConnectionsPerClient < 1) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--read-timeout, --request-timeout and --max-connections-per-client must be at least 1");
        }
        Shard s;
        try {
            s = Shard.parse(shard);
        } catch (IllegalArgumentException e) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--shard: " + e.getMessage());
        }
        Daemon.Options o = new Daemon.Options(port, maxBatch, rateOrders, rateWrites, rateReads, fsync, 64, snapshotEvery)
                .withHttpLimits(Duration.ofSeconds(readTimeout), Duration.ofSeconds(requestTimeout), maxConnectionsPerClient)
                .withShard(s);
        Daemon d = new Daemon(g.dbUrl(), o, Clock.systemUTC());
        // SIGTERM/SIGINT start the drain here instead of the JVM's shutdown: H2 (AUTO_SERVER cannot
        // turn off DB_CLOSE_ON_EXIT) would otherwise close the database under the last group commit.
        // The process exits once the drain is done and call() returns.
        sun.misc.SignalHandler drain = sig -> new Thread(d::close, "drain-on-" + sig.getName()).start();
        sun.misc.Signal.handle(new sun.misc.Signal("TERM"), drain);
        sun.misc.Signal.handle(new sun.misc.Signal("INT"), drain);
        d.start();
        PrintWriter out = spec.commandLine().getOut();
        out.println("listening on 127.0.0.1:" + d.port());
        out.flush();
        String fatal = d.awaitStop();
        if (fatal != null) {
            spec.commandLine().getErr().println("mbp: error: daemon stopped: " + fatal);
            spec.commandLine().getErr().flush();
            return ExitCodes.VERIFICATION_FAILED;
        }
        return 0;
    }
}

package io.mbp.cli.daemon;

import io.mbp.cli.GlobalOptions;
import io.mbp.cli.Globals;
import io.mbp.cli.custody.Secrets;
import io.mbp.cli.privacy.VaultOptions;
import io.mbp.error.ExitCodes;
import io.mbp.error.UsageException;
import io.mbp.kyc.CallbackSignature;
import io.mbp.privacy.LocalKekFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
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
        description = {"Run the settlement daemon: the /v2 JSON API on 127.0.0.1 (or --bind with TLS 1.3; docs/openapi.yaml), signed",
            "requests (docs/api-auth.md; keys need $MBP_VAULT_PASSPHRASE), group-committed",
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

    @Option(names = "--kek-file", paramLabel = "FILE",
            description = "Vault key file for POST /v2/accounts (default: $MBP_KEK_FILE, else data/keys/vault-kek.json); "
                    + "onboarding is on when $MBP_VAULT_PASSPHRASE is set.")
    Path kekFile;

    @Option(names = "--kyc-provider", paramLabel = "URL",
            description = "KYC provider on 127.0.0.1 asked about each new account, off the engine thread; without it accounts stay pending.")
    String kycProvider;

    @Option(names = "--kyc-provider-timeout", defaultValue = "5000", paramLabel = "MS",
            description = "Per-request provider timeout; a timed-out account stays pending (default ${DEFAULT-VALUE}).")
    long kycProviderTimeout;

    @Option(names = "--kyc-liveness", description = "Tell the provider a liveness check was done in the app.") boolean kycLiveness;

    @Option(names = "--shard", defaultValue = "1/1", paramLabel = "I/N",
            description = {"Decide only the markets whose id hashes to shard I of N (docs/adr/0309); several daemons,",
                "one per shard, share one PostgreSQL log. Others' markets get 421 WRONG_SHARD naming the owner (default ${DEFAULT-VALUE})."})
    String shard;

    @Option(names = "--cohort", paramLabel = "canary|stable",
            description = {"Instead of --shard: decide only the markets the log's current canary puts in this cohort (docs/adr/0321),",
                "followed as it is promoted or rolled back; with no canary running, canary owns none and stable all. Others' markets",
                "get 421 WRONG_SHARD naming the owning cohort. A canary daemon warns when its jar is not the canary release's."})
    String cohort;

    @Option(names = "--fail-every", defaultValue = "0", paramLabel = "N",
            description = "Drills only: answer every N-th API request 503 STORAGE_UNAVAILABLE (docs/slo.md; default 0 = off).")
    long failEvery;

    @Option(names = "--bench-routes", description = "Also serve GET /v2/noop (no engine work) for `mbp bench daemon`'s anchor.")
    boolean benchRoutes;

    @Option(names = "--fsync-off-engine", description = {"SQLite: fsync the log on a thread of its own before the answers, not inside",
            "each group commit, so the engine writes the next batch meanwhile; both ack only what is on disk. Slower with",
            "few requests in flight; faster with many in some runs only (docs/adr/0124: measure with `mbp bench commit-loop`)."})
    boolean fsyncOffEngine;

    @Option(names = "--bind", defaultValue = "127.0.0.1", paramLabel = "ADDR",
            description = "Address to listen on (default ${DEFAULT-VALUE}); anything but loopback needs --tls-cert (docs/adr/0313).")
    String bind;

    @Option(names = "--tls-cert", paramLabel = "FILE",
            description = "Serve TLS 1.3: a PEM certificate chain (with --tls-key) or a PKCS#12 key store (alone).") Path tlsCert;

    @Option(names = "--tls-key", paramLabel = "FILE", description = "The PEM PKCS#8 private key of --tls-cert.") Path tlsKey;

    @Option(names = "--tls-key-password-env", paramLabel = "VAR",
            description = "Environment variable holding the PKCS#12 password (never on the command line).") String tlsPasswordEnv;

    @Option(names = "--tls-client-ca", paramLabel = "FILE",
            description = "mTLS: require client certificates issued by these PEM CA certificates.") Path tlsClientCa;

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
        if (cohort != null) {
            if (spec.commandLine().getParseResult().hasMatchedOption("--shard")) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                        "--cohort and --shard are mutually exclusive: a daemon owns a canary cohort or a shard of the hash split");
            }
            try {
                Ownership.Side.parse(cohort);
            } catch (IllegalArgumentException e) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--cohort: " + e.getMessage());
            }
        }
        Daemon.Options o = new Daemon.Options(port, maxBatch, rateOrders, rateWrites, rateReads, fsync, 64, snapshotEvery)
                .withHttpLimits(Duration.ofSeconds(readTimeout), Duration.ofSeconds(requestTimeout), maxConnectionsPerClient)
                .withShard(s).withCohort(cohort).withTransport(bind, transport());
        if (kycProviderTimeout < 1) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--kyc-provider-timeout must be at least 1");
        }
        LocalKekFile kek = kek();
        Daemon d = new Daemon(g.dbUrl(), o.withApiKeys(kek), Clock.systemUTC(), kek, kycProvider, Duration.ofMillis(kycProviderTimeout),
                kycLiveness, callbackSecret());
        // SIGTERM/SIGINT start the drain here instead of the JVM's shutdown: H2 (AUTO_SERVER cannot
        // turn off DB_CLOSE_ON_EXIT) would otherwise close the database under the last group commit.
        // The process exits once the drain is done and call() returns.
        sun.misc.SignalHandler drain = sig -> new Thread(d::close, "drain-on-" + sig.getName()).start();
        sun.misc.Signal.handle(new sun.misc.Signal("TERM"), drain);
        sun.misc.Signal.handle(new sun.misc.Signal("INT"), drain);
        if (failEvery < 0) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--fail-every must be 0 (off) or more");
        }
        d.failEvery(failEvery);
        if (fsyncOffEngine) {
            d.fsyncOffEngine();
        }
        if (benchRoutes) {
            d.enableBenchRoutes();
        }
        io.mbp.webhooks.WebhookSecrets hooks = webhookKey();
        if (hooks != null) {
            d.webhooks(hooks, io.mbp.webhooks.DeliveryPolicy.DEFAULT, Duration.ofSeconds(1));
        }
        d.start();
        PrintWriter out = spec.commandLine().getOut();
        out.println("listening on " + bind + ":" + d.port() + (tlsCert == null ? ""
                : tlsClientCa == null ? " (TLS 1.3)" : " (TLS 1.3, client certificates required)"));
        out.flush();
        String fatal = d.awaitStop();
        if (fatal != null) {
            spec.commandLine().getErr().println("mbp: error: daemon stopped: " + fatal);
            spec.commandLine().getErr().flush();
            return ExitCodes.VERIFICATION_FAILED;
        }
        return 0;
    }

    /** TLS files, or null for plain HTTP, which only a loopback address may serve (docs/adr/0313). */
    private TlsFiles transport() {
        if (tlsCert == null) {
            if (tlsKey != null || tlsClientCa != null || tlsPasswordEnv != null) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--tls-key, --tls-client-ca and --tls-key-password-env need --tls-cert");
            }
            if (!loopback(bind)) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--bind " + bind
                        + ": plain HTTP is served on loopback only; give --tls-cert (and --tls-client-ca for mTLS), or bind 127.0.0.1");
            }
            return null;
        }
        String password = tlsPasswordEnv == null ? null : Secrets.env(tlsPasswordEnv);
        return TlsFiles.load(tlsCert, tlsKey, password, tlsClientCa);
    }

    private boolean loopback(String address) {
        try {
            return java.net.InetAddress.getByName(address).isLoopbackAddress();
        } catch (java.net.UnknownHostException e) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--bind " + address + ": not an address of this host");
        }
    }

    /** The vault key, when $MBP_VAULT_PASSPHRASE is set (the daemon never prompts); else onboarding answers KYC_UNAVAILABLE. */
    private LocalKekFile kek() {
        String pass = Secrets.env(VaultOptions.PASSPHRASE_ENV);
        if (pass == null || pass.isEmpty()) {
            return null;
        }
        Path file = kekFile;
        if (file == null) {
            String env = Secrets.env("MBP_KEK_FILE");
            file = env != null && !env.isBlank() ? Path.of(env) : LocalKekFile.DEFAULT_PATH;
        }
        return LocalKekFile.open(file, pass.toCharArray());
    }

    /** $MBP_WEBHOOK_KEY, the key webhook secrets derive from (docs/webhooks.md), or null: webhooks are then off. */
    public static io.mbp.webhooks.WebhookSecrets webhookKey() {
        String s = Secrets.env(io.mbp.webhooks.WebhookSecrets.KEY_ENV);
        if (s == null || s.isEmpty()) {
            return null;
        }
        if (s.getBytes(StandardCharsets.UTF_8).length < io.mbp.webhooks.WebhookSecrets.MIN_KEY_BYTES) {
            throw new UsageException("$" + io.mbp.webhooks.WebhookSecrets.KEY_ENV + " must be at least "
                    + io.mbp.webhooks.WebhookSecrets.MIN_KEY_BYTES + " bytes (e.g. openssl rand -hex 32)");
        }
        return new io.mbp.webhooks.WebhookSecrets(s.getBytes(StandardCharsets.UTF_8));
    }

    /** $MBP_KYC_CALLBACK_SECRET (shared with the vendor), or null: callbacks then answer KYC_UNAVAILABLE. */
    private byte[] callbackSecret() {
        String s = Secrets.env(CallbackSignature.SECRET_ENV);
        if (s == null || s.isEmpty()) {
            return null;
        }
        if (s.getBytes(StandardCharsets.UTF_8).length < CallbackSignature.MIN_SECRET_BYTES) {
            throw new UsageException("$" + CallbackSignature.SECRET_ENV + " must be at least " + CallbackSignature.MIN_SECRET_BYTES
                    + " bytes (e.g. openssl rand -hex 32)");
        }
        return s.getBytes(StandardCharsets.UTF_8);
    }
}

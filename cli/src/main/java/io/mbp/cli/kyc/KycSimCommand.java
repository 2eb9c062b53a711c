package io.mbp.cli.kyc;

import io.mbp.error.InfrastructureException;
import io.mbp.kyc.CallbackSignature;
import io.mbp.kyc.sim.KycSimConfig;
import io.mbp.kyc.sim.KycSimServer;
import io.mbp.kyc.sim.KycSimulator;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "kyc-sim", mixinStandardHelpOptions = true,
        description = "A simulated KYC vendor on 127.0.0.1 for demos and tests: latency, first-request timeouts, "
                + "approve / reject / manual review, optional liveness requirement, duplicate callbacks. Runs"
                + " until killed. With $MBP_KYC_CALLBACK_SECRET set, callbacks carry an Mbp-Signature header"
                + " (HMAC-SHA-256, docs/adr/0708).")
public final class KycSimCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--port", defaultValue = "8471", paramLabel = "PORT", description = "Port on 127.0.0.1 (default ${DEFAULT-VALUE}; 0 = any).")
    int port;
    @Option(names = "--seed", defaultValue = "1", description = "Seed of the deterministic draws (default ${DEFAULT-VALUE}).") long seed;
    @Option(names = "--latency-ms", defaultValue = "0", paramLabel = "MS") long latency;
    @Option(names = "--timeout-pct", defaultValue = "0", paramLabel = "PCT", description = "Subjects whose first request hangs.") int timeoutPct;
    @Option(names = "--hang-ms", defaultValue = "30000", paramLabel = "MS", description = "How long a hanging request hangs (default ${DEFAULT-VALUE}).")
    long hang;
    @Option(names = "--reject-pct", defaultValue = "0", paramLabel = "PCT") int rejectPct;
    @Option(names = "--review-pct", defaultValue = "0", paramLabel = "PCT") int reviewPct;
    @Option(names = "--liveness-required", description = "Send requests without a liveness check to review.") boolean liveness;
    @Option(names = "--duplicate-pct", defaultValue = "0", paramLabel = "PCT", description = "Verdict callbacks delivered twice.") int duplicatePct;
    @Option(names = "--callback", paramLabel = "URL",
            description = "Also POST each verdict here (a request's own callback_url on 127.0.0.1 wins).") String callback;

    @Override
    public Integer call() throws InterruptedException {
        KycSimConfig cfg;
        try {
            cfg = new KycSimConfig(seed, latency, timeoutPct, hang, rejectPct, reviewPct, liveness, duplicatePct, callback);
        } catch (IllegalArgumentException e) {
            throw new io.mbp.error.UsageException(e.getMessage());
        }
        KycSimServer server;
        try {
            server = new KycSimServer(new KycSimulator(cfg), port).start();
        } catch (IOException e) {
            throw new InfrastructureException("cannot listen on 127.0.0.1:" + port + ": " + e.getMessage(), e);
        }
        String secret = io.mbp.cli.custody.Secrets.env(CallbackSignature.SECRET_ENV);
        if (secret != null && !secret.isBlank()) {
            try {
                server.signCallbacks(secret.getBytes(StandardCharsets.UTF_8), Clock.systemUTC());
            } catch (IllegalArgumentException e) {
                server.close();
                throw new io.mbp.error.UsageException("$" + CallbackSignature.SECRET_ENV + ": " + e.getMessage());
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println("KYC simulator listening on " + server.baseUrl());
        out.flush();
        Runtime.getRuntime().addShutdownHook(new Thread(server::close));
        new CountDownLatch(1).await();
        return 0;
    }
}

package io.mbp.cli.pspsim;

import io.mbp.cli.CommandContext;
import io.mbp.cli.NowOption;
import io.mbp.cli.TextResult;
import io.mbp.error.InfrastructureException;
import io.mbp.error.UsageException;
import io.mbp.payout.sim.Credits;
import io.mbp.payout.sim.PspSimServer;
import io.mbp.payout.sim.PspSimulator;
import io.mbp.payout.sim.SimConfig;
import io.mbp.payout.sim.StatementVariants;
import java.io.IOException;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "psp-sim", mixinStandardHelpOptions = true,
        description = {"A PIX PSP simulator on 127.0.0.1, for tests and the demo.",
            "Idempotent PUT by our id, E2EID assignment, injected",
            "latency, timeouts, 5xx, rejects, late confirmation, duplicate statement lines, devoluções, and the",
            "D+1 statement as CSV, camt.053 (with balances; batched, pending and reversed entries on request), CNAB 240 or OFX.",
            "Failures are drawn from --seed, so a run is reproducible.",
            "Runs until stopped (SIGTERM / Ctrl-C). See docs/payouts-recon.md for the API."})
public final class PspSimCommand implements Callable<Integer> {
    @Mixin CommandContext ctx;

    @Option(names = "--port", defaultValue = "0", description = "Port on 127.0.0.1; 0 = a free one (default).") int port;

    @Option(names = "--port-file", description = "Write the bound port to this file once listening.") Path portFile;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of the failure draws (default ${DEFAULT-VALUE}).") long seed;

    @Option(names = "--ispb", defaultValue = SimConfig.DEFAULT_ISPB, description = "The PSP's ISPB (8 digits) in E2EIDs.") String ispb;

    @Option(names = "--account", defaultValue = SimConfig.DEFAULT_ACCOUNT, description = "Our account at the PSP, on statements.") String account;

    @Option(names = "--error-pct", defaultValue = "0", description = "%% of requests answered 503 without processing.") BigDecimal errorPct;

    @Option(names = "--timeout-pct", defaultValue = "0", description = "%% of requests processed but answered too late.") BigDecimal timeoutPct;

    @Option(names = "--reject-pct", defaultValue = "0", description = "%% of payments refused for good (422).") BigDecimal rejectPct;

    @Option(names = "--late-pct", defaultValue = "0", description = "%% of payments confirmed only after --late-ms.") BigDecimal latePct;

    @Option(names = "--late-booking-pct", defaultValue = "0", description = "%% of payments booked on the next day's statement.")
    BigDecimal lateBookingPct;

    @Option(names = "--duplicate-pct", defaultValue = "0", description = "%% of payments whose statement line is delivered twice.")
    BigDecimal duplicatePct;

    @Option(names = "--returns", defaultValue = "0", description = "Payments returned (devolução) per day.") int returns;

    @Option(names = "--batch-credits", defaultValue = "0", description = "Accounts whose credits of a day are booked as one line.") int batchCredits;

    @Option(names = "--fee", defaultValue = "0", description = "Fee per payout in centavos, booked as its own line.") long fee;

    @Option(names = "--opening-balance", defaultValue = "10000000", paramLabel = "CENTAVOS",
            description = "Booked balance the first statement opens with (default ${DEFAULT-VALUE}); each day opens at the last one's closing.")
    long openingBalance;

    @Option(names = "--batch-details", description = "Book --batch-credits as one entry with a TxDtls per credit (N:1), not one summed line.")
    boolean batchDetails;

    @Option(names = "--pending", description = "Announce a payment booked the next day as a pending (PDNG) entry on its own day.")
    boolean pending;

    @Option(names = "--reversals", defaultValue = "0", description = "Payments a day booked twice by mistake, the second booking reversed (RvslInd).")
    int reversals;

    @Option(names = "--latency-ms", defaultValue = "0") long latencyMs;

    @Option(names = "--timeout-ms", defaultValue = "3000", description = "How late a 'timeout' answer comes.") long timeoutMs;

    @Option(names = "--late-ms", defaultValue = "1000", description = "Delay of a late confirmation.") long lateMs;

    @Option(names = "--deposits", description = "Events NDJSON whose DepositReceived lines are the credits to book.") Path deposits;

    @Mixin NowOption now;

    /** Said once the simulator listens (its port may have been chosen by the system). */
    record Listening(String baseUrl, long seed, String account) implements TextResult {
        @Override
        public void printText(PrintWriter out) {
            out.println("psp-sim listening on " + baseUrl + " (seed " + seed + ", account " + account + ")");
        }
    }

    @Override
    public Integer call() throws Exception {
        SimConfig cfg;
        try {
            cfg = new SimConfig(ispb, account, seed, permille(errorPct), permille(timeoutPct), permille(rejectPct),
                    permille(latePct), permille(lateBookingPct), permille(duplicatePct), returns, batchCredits, fee,
                    latencyMs, timeoutMs, lateMs);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        PspSimulator sim;
        try {
            sim = new PspSimulator(cfg, now.clock(ctx.clock()))
                    .statementVariants(new StatementVariants(openingBalance, batchDetails, pending, reversals));
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        if (deposits != null) {
            Credits.fromEvents(deposits).forEach(sim::addCredit);
        }
        PspSimServer server;
        try {
            server = new PspSimServer(sim, port).start();
        } catch (IOException e) {
            throw new InfrastructureException("cannot listen on 127.0.0.1:" + port + ": " + e.getMessage(), e);
        }
        CountDownLatch stop = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stop.countDown();
        }));
        ctx.render(new Listening(server.baseUrl(), seed, account));
        if (portFile != null) {
            Path tmp = Files.createTempFile(portFile.toAbsolutePath().getParent(), ".port", ".tmp");
            Files.writeString(tmp, Integer.toString(server.port()));
            Files.move(tmp, portFile, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        }
        stop.await();
        return 0;
    }

    /** "5" or "2.5" percent to per mille, exactly (no floating point). */
    static int permille(BigDecimal pct) {
        try {
            BigDecimal pm = pct.movePointRight(1);
            if (pm.signum() < 0 || pm.compareTo(BigDecimal.valueOf(1000)) > 0) {
                throw new UsageException("a percentage must be within 0..100, got " + pct.toPlainString());
            }
            return pm.intValueExact();
        } catch (ArithmeticException e) {
            throw new UsageException("percentages take at most one decimal place (per mille), got " + pct.toPlainString());
        }
    }
}

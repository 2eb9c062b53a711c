package io.mbp.cli.chaos;

import io.mbp.catalog.EventCatalog;
import io.mbp.chaos.Check.Phase;
import io.mbp.chaos.ScenarioSpec;
import io.mbp.error.ExitCodes;
import io.mbp.error.MbpException;
import io.mbp.events.EventLog;
import io.mbp.events.NewEvent;
import io.mbp.market.PixPayee;
import io.mbp.payout.HttpPixRail;
import io.mbp.payout.PayeeKeys;
import io.mbp.payout.Payees;
import io.mbp.payout.Payout;
import io.mbp.payout.PayoutInstructed;
import io.mbp.payout.PayoutService;
import io.mbp.payout.PayoutStatus;
import io.mbp.payout.RetryPolicy;
import io.mbp.payout.sim.PspSimServer;
import io.mbp.payout.sim.PspSimulator;
import io.mbp.payout.sim.SimConfig;
import io.mbp.sql.Database;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The PIX provider slows down past our timeout while still executing what it receives: every send
 * times out on our side but may have paid. The hypothesis is the payout engine's (ADR 0500): ids are
 * reused, nothing is paid twice, and once the provider recovers a rerun and the operator's retries
 * confirm everything; MTTR is measured from the log.
 */
final class PspLatency implements Scenario {
    /** Our rail timeout; the injected latency is {@value #SLOW_MILLIS} ms, well past it. */
    static final long TIMEOUT_MILLIS = 800;
    static final long SLOW_MILLIS = 2_000;

    @Override
    public ScenarioSpec spec() {
        return new ScenarioSpec("psp-latency",
                "When the PSP answers slower than our timeout (and still executes the payments), payouts time out, retry with the same "
                        + "instruction ids and park; nothing is paid twice; after the PSP recovers a rerun and the operator's retries confirm "
                        + "every payout, each paid exactly once, and MTTR is measured.",
                "a PSP simulator behind a latency proxy on 127.0.0.1 and a scratch database of synthetic instructions in the run's folder",
                "any instruction paid twice, or the PSP paying more than was instructed",
                List.of("a payout is confirmed", "the PSP paid exactly what we confirmed"));
    }

    @Override
    public void run(Trial t) throws Exception {
        int n = Math.max(4, t.bounds().size());
        String url = "jdbc:h2:file:" + t.scratch().resolve("payouts").toAbsolutePath();
        Instant start = t.clock().instant();
        LocalDate day = LocalDate.ofInstant(start, ZoneOffset.UTC);
        PspSimulator sim = new PspSimulator(SimConfig.clean(14), t.clock());
        try (Database db = Database.openMigrated(url);
             PspSimServer psp = new PspSimServer(sim, 0).start();
             LatencyProxy proxy = new LatencyProxy(psp.baseUrl())) {
            PayoutService svc = new PayoutService(db, t.clock());
            HttpPixRail rail = new HttpPixRail(proxy.baseUrl(), Duration.ofMillis(TIMEOUT_MILLIS));
            // the scenario exercises the rail: its synthetic accounts are not onboarded, their keys synthetic
            Payees payees = new Payees((p, paid) -> Optional.empty(), PayeeKeys.CLEAR_ONLY);
            RetryPolicy policy = new RetryPolicy(20, 100, 3, 1);

            instruct(db, List.of(0), start);
            PayoutService.RunSummary steady = svc.run(day, rail, d -> Thread.sleep(d.toMillis()), policy, 4, payees);
            t.check(Phase.BEFORE, "a payout is confirmed", steady.report().confirmed() == 1,
                    steady.report().confirmed() + " confirmed, " + steady.report().failedAttempts() + " failed attempts");
            t.check(Phase.BEFORE, "the PSP paid exactly what we confirmed", sim.paidTotal() == steady.report().confirmedAmount(),
                    "psp " + sim.paidTotal() + " ours " + steady.report().confirmedAmount());

            // Inject: the provider slows past our timeout.
            List<Integer> batch = new ArrayList<>();
            for (int i = 1; i <= n; i++) {
                batch.add(i);
            }
            long instructed = instruct(db, batch, start);
            proxy.delayMillis(SLOW_MILLIS);
            long s0 = System.nanoTime();
            String during;
            try {
                PayoutService.RunSummary slow = svc.run(day, rail, d -> Thread.sleep(d.toMillis()), policy, 4, payees);
                during = "finished: " + slow.report().failedAttempts() + " failed attempts";
            } catch (MbpException e) {
                if (e.exitCode() != ExitCodes.UNREACHABLE) {
                    throw e;
                }
                // the run stops when the provider does not answer at all (its returns call): exit 5, as `mbp payouts run` does
                during = "stopped, PSP unreachable";
            }
            long duringMs = (System.nanoTime() - s0) / 1_000_000;
            Thread.sleep(SLOW_MILLIS + 200); // the requests we gave up on reach the provider now
            Map<PayoutStatus, Long> states = new java.util.EnumMap<>(PayoutStatus.class);
            svc.list(null).forEach(p -> states.merge(p.status(), 1L, Long::sum));
            long unconfirmed = instructed + 1 - states.getOrDefault(PayoutStatus.CONFIRMED, 0L);
            t.measure("payouts", n);
            t.measure("timeout_ms", TIMEOUT_MILLIS);
            t.measure("injected_latency_ms", SLOW_MILLIS);
            t.measure("during_run", during);
            t.measure("during_run_ms", duringMs);
            t.measure("during_states", states.toString().toLowerCase(java.util.Locale.ROOT));
            t.measure("psp_paid_during_outage", sim.paidCount() - 1);
            noDoublePayment(t, sim, svc, Phase.DURING);
            t.check(Phase.DURING, "sends time out instead of hanging", unconfirmed > 0,
                    unconfirmed + " of " + instructed + " not confirmed after " + duringMs + " ms");

            // Recover: the provider is fast again; the nightly reruns, the operator retries what parked.
            proxy.delayMillis(0);
            long t0 = System.nanoTime();
            svc.run(day, rail, d -> Thread.sleep(d.toMillis()), policy, 4, payees);
            int retried = 0;
            for (Payout p : svc.list(PayoutStatus.PARKED)) {
                svc.retry(p.id(), "chaos", rail, d -> Thread.sleep(d.toMillis()), policy, payees);
                retried++;
            }
            for (Payout p : svc.list(PayoutStatus.FAILED)) {
                svc.retry(p.id(), "chaos", rail, d -> Thread.sleep(d.toMillis()), policy, payees);
                retried++;
            }
            long recoverMs = (System.nanoTime() - t0) / 1_000_000;
            t.measure("operator_retries", retried);
            t.measure("recovery_ms", recoverMs);
            long confirmed = svc.list(PayoutStatus.CONFIRMED).size();
            t.check(Phase.AFTER, "every payout confirmed", confirmed == instructed + 1, confirmed + " of " + (instructed + 1));
            noDoublePayment(t, sim, svc, Phase.AFTER);
            PayoutService.Mttr mttr = svc.mttr(start.minusSeconds(1), t.clock().instant().plusSeconds(1));
            t.measure("mttr_samples", mttr.samples());
            t.measure("mttr_p50_ms", mttr.p50() == null ? "none" : mttr.p50().toMillis());
            t.measure("mttr_max_ms", mttr.max() == null ? "none" : mttr.max().toMillis());
            t.check(Phase.AFTER, "MTTR measured for the failed payouts", mttr.samples() > 0,
                    mttr.samples() + " recovered payouts");
        }
    }

    /** Aborts on a double payment: each instruction paid at most once, and never more than we confirmed plus what is open. */
    private static void noDoublePayment(Trial t, PspSimulator sim, PayoutService svc, Phase phase) {
        Map<String, Long> ours = new HashMap<>();
        for (Payout p : svc.list(null)) {
            ours.put(p.id(), p.amount());
        }
        Map<String, Long> paid = sim.paidById();
        boolean onlyOurs = paid.entrySet().stream().allMatch(e -> e.getValue().equals(ours.get(e.getKey())));
        boolean once = sim.paidCount() == paid.size();
        if (!onlyOurs || !once) {
            t.abort("double payment: the PSP made " + sim.paidCount() + " payments for " + paid.size() + " ids");
        }
        t.check(phase, "nothing paid twice", true, sim.paidCount() + " payments for " + paid.size() + " instructions");
    }

    private static long instruct(Database db, List<Integer> ids, Instant at) {
        List<NewEvent> ins = new ArrayList<>();
        for (int i : ids) {
            PayoutInstructed p = new PayoutInstructed("po-chaos-" + i, "chaos-" + i, PixPayee.legacy("+55119" + (20_000_000 + i)),
                    1_000 + i, "withdrawal", "chaos-" + i);
            ins.add(NewEvent.of(EventCatalog.standard(), p.instructionId(), at, p));
        }
        new EventLog(db).append(ins);
        return ids.size();
    }
}

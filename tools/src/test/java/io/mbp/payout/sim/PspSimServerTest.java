package io.mbp.payout.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mbp.payout.HttpPixRail;
import io.mbp.payout.PixRail;
import io.mbp.payout.RailResult;
import io.mbp.statement.Statement;
import io.mbp.statement.StatementFormat;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** The simulator over real HTTP on 127.0.0.1, through the production adapter. */
class PspSimServerTest {
    static final Instant T = Instant.parse("2026-11-27T20:00:00Z");

    @Test
    void idempotentPutE2eidFormatConflictAndTimeouts() throws Exception {
        SimConfig cfg = new SimConfig("12345678", "acct-x", 9, 0, 0, 0, 0, 0, 0, 0, 0, 25, 0, 0, 0);
        PspSimulator sim = new PspSimulator(cfg, Clock.fixed(T, ZoneOffset.UTC));
        try (PspSimServer s = new PspSimServer(sim, 0).start()) {
            HttpPixRail rail = new HttpPixRail(s.baseUrl(), Duration.ofSeconds(5));
            RailResult a = rail.send(new PixRail.PaymentOrder("po-1", "acct-1", "k1", 1234));
            RailResult b = rail.send(new PixRail.PaymentOrder("po-1", "acct-1", "k1", 1234));
            RailResult.Confirmed c = assertInstanceOf(RailResult.Confirmed.class, a);
            assertEquals(a, b, "the same id answers the same payment");
            assertTrue(c.e2eid().matches("E12345678202611272000[A-Z0-9]{11}"), c.e2eid());
            assertEquals(25, c.fee());
            RailResult conflict = rail.send(new PixRail.PaymentOrder("po-1", "acct-1", "k1", 9999));
            assertEquals(false, assertInstanceOf(RailResult.Failed.class, conflict).retryable());
            assertEquals(1, sim.paidCount());
            assertEquals(1234, sim.paidTotal());
            assertEquals("unknown", assertInstanceOf(RailResult.Failed.class, rail.status("po-404")).reason());
            Statement st = StatementFormat.read(rail.statement(LocalDate.parse("2026-11-27"), "camt053"), "camt");
            assertEquals(2, st.lines().size(), "the payment and its fee line");
            assertEquals("acct-x", st.account());
        }
        SimConfig slow = new SimConfig("12345678", "acct-x", 9, 0, 1000, 0, 0, 0, 0, 0, 0, 0, 0, 600, 0);
        PspSimulator sim2 = new PspSimulator(slow, Clock.systemUTC());
        try (PspSimServer s = new PspSimServer(sim2, 0).start()) {
            RailResult r = new HttpPixRail(s.baseUrl(), Duration.ofMillis(150))
                    .send(new PixRail.PaymentOrder("po-2", "acct-2", "k2", 500));
            assertEquals("timeout", assertInstanceOf(RailResult.Failed.class, r).reason());
            assertEquals(500, sim2.paidTotal(), "the PSP paid although the client saw a timeout");
        }
    }

    @Test
    void lateConfirmationAndDevolucao() throws Exception {
        SimConfig cfg = new SimConfig(SimConfig.DEFAULT_ISPB, SimConfig.DEFAULT_ACCOUNT, 4, 0, 0, 0, 1000, 0, 0, 1, 0, 0, 0,
                0, 60_000);
        MutableClock clock = new MutableClock(T);
        PspSimulator sim = new PspSimulator(cfg, clock);
        try (PspSimServer s = new PspSimServer(sim, 0).start()) {
            HttpPixRail rail = new HttpPixRail(s.baseUrl(), Duration.ofSeconds(5));
            assertInstanceOf(RailResult.Pending.class, rail.send(new PixRail.PaymentOrder("po-3", "a", "k", 700)));
            assertEquals(0, sim.statement(LocalDate.parse("2026-11-27")).lines().size(), "pending is not booked yet");
            clock.now = T.plusSeconds(61);
            assertInstanceOf(RailResult.Confirmed.class, rail.status("po-3"));
            Statement st = StatementFormat.read(rail.statement(LocalDate.parse("2026-11-27"), "csv"), "csv");
            assertEquals(2, st.lines().size(), "the payout and its devolução");
            PixRail.RailReturn ret = rail.returns(LocalDate.parse("2026-11-27")).get(0);
            assertEquals("po-3", ret.instructionId());
            assertTrue(ret.returnId().startsWith("D" + SimConfig.DEFAULT_ISPB), ret.returnId());
        }
    }

    static final class MutableClock extends Clock {
        volatile Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}

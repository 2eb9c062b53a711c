package io.mbp.payout.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mbp.statement.EntryStatus;
import io.mbp.statement.Statement;
import io.mbp.statement.StatementFormat;
import io.mbp.statement.StatementLine;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The simulator's statements carry balances that add up, day after day, and the variants of issue 20. */
class PspSimStatementTest {
    static final Instant T = Instant.parse("2026-11-27T20:00:00Z");
    static final LocalDate D = LocalDate.parse("2026-11-27");

    static PspSimulator sim(StatementVariants v, int lateBookingPermille, int batchCredits) {
        SimConfig cfg = new SimConfig(SimConfig.DEFAULT_ISPB, "acct-x", 7, 0, 0, 0, 0, lateBookingPermille, 0, 0,
                batchCredits, 10, 0, 0, 0);
        PspSimulator sim = new PspSimulator(cfg, Clock.fixed(T, ZoneOffset.UTC)).statementVariants(v);
        for (int i = 0; i < 12; i++) {
            sim.put("po-" + i, "acct-" + i, "k" + i, 1000L + i);
        }
        for (int i = 0; i < 3; i++) {
            sim.addCredit(new PspSimulator.Credit("acct-b", 500L + i, "ECRED" + i, D));
        }
        sim.addCredit(new PspSimulator.Credit("acct-c", 900, "ECREDC", D));
        return sim;
    }

    /** Written as camt.053 and read back: so every statement here is also schema-valid (ADR 0508). */
    static Statement roundTrip(Statement s) {
        byte[] xml = StatementFormat.writeCamt053(s, "M", "2026-11-28T05:00:00Z");
        Statement back = StatementFormat.read(xml, "sim.xml");
        assertEquals(s.balances(), back.balances());
        assertEquals(s.lines().size(), back.lines().size());
        return back;
    }

    @Test
    void eachDayOpensAtThePreviousClosingAndClosesAtOpeningPlusBookedMovements() {
        PspSimulator sim = sim(new StatementVariants(123_456, false, false, 0), 300, 0);
        Statement d0 = roundTrip(sim.statement(D));
        Statement d1 = roundTrip(sim.statement(D.plusDays(1)));
        assertEquals(123_456, d0.opening().orElseThrow().amount());
        assertEquals(d0.opening().orElseThrow().amount() + d0.bookedNet(), d0.closing().orElseThrow().amount());
        assertEquals(d0.closing().orElseThrow().amount(), d1.opening().orElseThrow().amount());
        assertTrue(d1.lines().size() > 0, "some payments were booked the next day");
        assertEquals(d1.opening().orElseThrow().amount() + d1.bookedNet(), d1.closing().orElseThrow().amount());
    }

    @Test
    void variantsBatchedDetailsPendingAndReversals() {
        PspSimulator sim = sim(new StatementVariants(0, true, true, 2), 300, 1);
        Statement s = roundTrip(sim.statement(D));
        List<StatementLine> batched = s.lines().stream().filter(l -> l.lineId().contains("/")).toList();
        assertEquals(3, batched.size(), "acct-b's three credits are one entry with three TxDtls");
        assertEquals(List.of("ECRED0", "ECRED1", "ECRED2"), batched.stream().map(StatementLine::e2eid).toList());
        long pending = s.lines().stream().filter(l -> l.status() == EntryStatus.PENDING).count();
        assertTrue(pending > 0, "next-day bookings are announced as pending");
        List<StatementLine> reversals = s.lines().stream().filter(StatementLine::reversal).toList();
        assertEquals(2, reversals.size());
        for (StatementLine r : reversals) {
            assertEquals('C', r.direction());
            assertEquals(2, s.lines().stream().filter(l -> l.e2eid().equals(r.e2eid()) && l.direction() == 'D').count(),
                    "the payment and its mistaken second booking");
        }
        String xml = new String(StatementFormat.writeCamt053(s, "M", "2026-11-28T05:00:00Z"), StandardCharsets.UTF_8);
        assertTrue(xml.contains("<Cd>PDNG</Cd>") && xml.contains("<RvslInd>true</RvslInd>") && xml.contains("<Btch>"));
        assertEquals(s.opening().orElseThrow().amount() + s.bookedNet(), s.closing().orElseThrow().amount());
        assertThrows(IllegalArgumentException.class, () -> StatementFormat.writeCsv(s),
                "our CSV has no column for a pending line or a reversal");
    }
}

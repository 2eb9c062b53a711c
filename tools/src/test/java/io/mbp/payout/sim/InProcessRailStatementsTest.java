package io.mbp.payout.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mbp.statement.BankStatements;
import io.mbp.statement.Statement;
import io.mbp.statement.StatementFormat;
import io.mbp.statement.StatementLine;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The simulator's day as CNAB 240 and OFX (ADR 0510, 0511): the booked lines and the balances of its statement. */
class InProcessRailStatementsTest {
    static final LocalDate D = LocalDate.parse("2026-11-27");

    @Test
    void cnabAndOfxStateTheBookedLinesAndBalancesOfTheDay() {
        SimConfig cfg = new SimConfig(SimConfig.DEFAULT_ISPB, SimConfig.DEFAULT_ACCOUNT, 7, 0, 0, 0, 0, 300, 0, 0, 0, 10, 0, 0, 0);
        PspSimulator sim = new PspSimulator(cfg, Clock.fixed(Instant.parse("2026-11-27T20:00:00Z"), ZoneOffset.UTC))
                .statementVariants(new StatementVariants(50_000, false, true, 1));
        for (int i = 0; i < 12; i++) {
            sim.put("po-" + i, "acct-" + i, "k" + i, 1000L + i);
        }
        InProcessRail rail = new InProcessRail(sim);
        Statement day = sim.statement(D);
        List<StatementLine> booked = day.lines().stream().filter(StatementLine::booked).toList();
        assertTrue(booked.size() > 0 && day.lines().size() > booked.size(), "booked lines and a pending one");
        assertTrue(booked.stream().anyMatch(StatementLine::reversal), "and a reversal");
        for (String f : List.of("cnab240", "ofx", "ofx2")) {
            StatementFormat.Parsed p = StatementFormat.parse(new java.io.ByteArrayInputStream(rail.statement(D, f)), f,
                    io.mbp.input.InputLimits.STATEMENTS);
            Statement s = p.statement();
            assertEquals(day.balances(), s.balances(), f);
            assertEquals(booked.size(), s.lines().size(), f);
            for (int i = 0; i < booked.size(); i++) {
                assertEquals(booked.get(i).lineId(), s.lines().get(i).lineId(), f);
                assertEquals(booked.get(i).signedAmount(), s.lines().get(i).signedAmount(), f);
                assertEquals(booked.get(i).e2eid(), s.lines().get(i).e2eid(), f);
                if (f.equals("cnab240")) {
                    // CNAB 240 states a reversal by its category (estorno); OFX cannot (ADR 0511)
                    assertEquals(booked.get(i).reversal(), s.lines().get(i).reversal(), f);
                }
            }
        }
        assertEquals(day.closing(), BankStatements.readCnab240(rail.statement(D, "cnab240"), "d.cnab240").closing());
    }
}

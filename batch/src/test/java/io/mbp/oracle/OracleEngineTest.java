package io.mbp.oracle;

import static io.mbp.oracle.Scenario.t;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mbp.error.BadInputException;
import io.mbp.oracle.OracleCommand.RawReport;
import java.util.List;
import org.junit.jupiter.api.Test;

class OracleEngineTest {
    static final List<String> ABCD = List.of("a", "b", "c", "d");

    static Scenario fourSources() {
        return new Scenario().source("a", 3000).source("b", 3000).source("c", 2000).source("d", 2000)
                .member("m1").member("m2").member("m3");
    }

    static void reportAll(Scenario s, String event, String hhmm, String... values) {
        for (int i = 0; i < values.length; i++) {
            if (values[i] != null) {
                s.report(ABCD.get(i), event, hhmm, values[i]);
            }
        }
    }

    @Test
    void consensusRoundProposesTheLowerWeightedMedianFromReportsObservedAfterResolution() {
        Scenario s = fourSources().numeric("fx", "12:00", null);
        reportAll(s, "fx", "11:55", "9.0", "9.0", "9.0", "9.0");
        reportAll(s, "fx", "12:01", "5.30", "5.31", "5.32", "5.29");
        List<OracleEvent> out = s.aggregate("12:05");
        RoundAggregated r = s.of(out, RoundAggregated.class).get(0);
        assertEquals("consensus", r.status());
        // sorted: 5.29 (d 2000), 5.30 (a 3000) -> cumulative 5000 of 10000 reaches half: 5.30
        assertEquals("5.30", r.value());
        OutcomeProposed p = s.of(out, OutcomeProposed.class).get(0);
        assertEquals("5.30", p.value());
        assertEquals("2026-11-27T14:05:00Z", p.livenessEndsAt());
    }

    @Test
    void divergentReportsGiveNoConsensusAndNoProposal() {
        Scenario s = fourSources().numeric("fx", "12:00", null);
        reportAll(s, "fx", "12:01", "5.00", "6.00", "7.00", "8.00");
        List<OracleEvent> out = s.aggregate("12:05");
        assertEquals("divergent", s.of(out, RoundAggregated.class).get(0).status());
        assertTrue(s.of(out, OutcomeProposed.class).isEmpty());
    }

    @Test
    void quorumNeedsHalfThePanelWeightNotJustThreeSources() {
        Scenario s = new Scenario().source("a", 6000).source("b", 1000).source("c", 1000).source("d", 1000)
                .numeric("fx", "12:00", null);
        s.report("b", "fx", "12:01", "5");
        s.report("c", "fx", "12:01", "5");
        s.report("d", "fx", "12:01", "5");
        RoundAggregated r = s.of(s.aggregate("12:05"), RoundAggregated.class).get(0);
        assertEquals(3, r.freshSources());
        assertEquals("no_quorum", r.status());
    }

    @Test
    void failsOverAfterKFailedRoundsWithATwapAndNeverProposesFromIt() {
        Scenario s = fourSources().numeric("fx", "13:00", null);
        reportAll(s, "fx", "10:00", "5.00", "5.00", "5.00", "5.00");
        reportAll(s, "fx", "10:20", "5.10", "5.10", "5.10", "5.10");
        assertEquals("consensus", s.of(s.aggregate("10:10"), RoundAggregated.class).get(0).status());
        assertEquals("consensus", s.of(s.aggregate("10:30"), RoundAggregated.class).get(0).status());
        // nothing new: reports age out at 10:50; rounds fail from 10:55
        assertTrue(s.of(s.aggregate("10:55"), FailoverRolled.class).isEmpty());
        assertTrue(s.of(s.aggregate("11:00"), FailoverRolled.class).isEmpty());
        List<OracleEvent> third = s.aggregate("11:05");
        FailoverRolled f = s.of(third, FailoverRolled.class).get(0);
        assertEquals("consensus", f.from());
        assertEquals("fallback", f.to());
        RoundAggregated r = s.of(third, RoundAggregated.class).get(0);
        assertEquals("fallback", r.mode());
        // TWAP over 10:05-11:05: no value before 10:10, then 5.00 for 20 min and 5.10 for 35 min = 5.0636, at scale 2
        assertEquals("5.06", r.fallbackValue());

        // Healthy again after resolution, but m-1 healthy rounds keep fallback and propose nothing.
        for (int i = 0; i < 4; i++) {
            String hhmm = "13:0" + i;
            reportAll(s, "fx", hhmm, "5.20", "5.20", "5.20", "5.20");
            List<OracleEvent> out = s.aggregate(hhmm);
            assertEquals("fallback", s.of(out, RoundAggregated.class).get(0).mode());
            assertTrue(s.of(out, OutcomeProposed.class).isEmpty(), "a fallback round never proposes");
        }
        reportAll(s, "fx", "13:04", "5.20", "5.20", "5.20", "5.20");
        List<OracleEvent> back = s.aggregate("13:04");
        assertEquals("consensus", s.of(back, FailoverRolled.class).get(0).to());
        assertEquals("5.20", s.of(back, OutcomeProposed.class).get(0).value());
    }

    @Test
    void undisputedProposalFinalizesAfterTheWindowAndOnlyOnce() {
        Scenario s = fourSources().categorical("match", "21:00", List.of("home", "draw", "away"));
        reportAll(s, "match", "21:01", "home", "home", "home", "away");
        s.aggregate("21:05");
        assertTrue(s.run(new OracleCommand.Finalize(), t("23:04")).isEmpty(), "window still open");
        List<OracleEvent> out = s.run(new OracleCommand.Finalize(), t("23:05"));
        Finalized f = s.of(out, Finalized.class).get(0);
        assertEquals("home", f.outcome());
        assertEquals("undisputed", f.via());
        ReputationChanged d = s.of(out, ReputationChanged.class).stream().filter(r -> r.source().equals("d")).findFirst().orElseThrow();
        assertEquals(2000 - 200, d.afterBps());
        // I3 in code: nothing more can finalize, dispute or resolve it.
        assertTrue(s.run(new OracleCommand.Finalize(), t("23:59")).isEmpty());
        assertTrue(s.aggregate("23:30").isEmpty(), "a finalized event has no more rounds");
        assertThrows(BadInputException.class, () -> s.run(new OracleCommand.OpenDispute("match", "x", "late"), t("23:10")));
        assertEquals(1, s.all(Finalized.class).size());
    }

    @Test
    void firstDisputeReRequestsAndTheNextRoundReProposes() {
        Scenario s = fourSources().categorical("match", "21:00", List.of("home", "draw", "away"));
        reportAll(s, "match", "21:01", "home", "home", "home", "home");
        s.aggregate("21:05");
        DisputeOpened d = s.of(s.run(new OracleCommand.OpenDispute("match", "acct-1", "VAR"), t("21:10")), DisputeOpened.class).get(0);
        assertEquals(1, d.round());
        assertEquals("2026-11-29T21:10:00Z", d.reproposeBy());
        reportAll(s, "match", "21:12", "draw", "draw", "draw", "home");
        OutcomeProposed p = s.of(s.aggregate("21:15"), OutcomeProposed.class).get(0);
        assertEquals(2, p.attempt());
        assertEquals("draw", p.outcome());
        Finalized f = s.of(s.run(new OracleCommand.Finalize(), t("23:15")), Finalized.class).get(0);
        assertEquals("re_proposed", f.via());
        assertEquals("draw", f.outcome());
    }

    @Test
    void secondDisputeEscalatesAndTheCommitteeResolvesWithAQuorum() {
        Scenario s = escalated();
        assertThrows(BadInputException.class, () -> s.run(new OracleCommand.ResolveDispute("match", null, "away", false,
                List.of("m1")), t("23:00")), "one signer is below the quorum of 2");
        assertThrows(BadInputException.class, () -> s.run(new OracleCommand.ResolveDispute("match", null, "away", false,
                List.of("m1", "intruder")), t("23:00")));
        assertThrows(BadInputException.class, () -> s.run(new OracleCommand.ResolveDispute("match", null, "penalties", false,
                List.of("m1", "m2")), t("23:00")));
        List<OracleEvent> out = s.run(new OracleCommand.ResolveDispute("match", null, "away", false, List.of("m1", "m2")), t("23:00"));
        Finalized f = s.of(out, Finalized.class).get(0);
        assertEquals("committee", f.via());
        assertEquals("away", f.outcome());
        assertEquals(List.of("m1", "m2"), s.of(out, CommitteeResolved.class).get(0).signers());
        assertTrue(s.run(new OracleCommand.Finalize(), t("23:59")).isEmpty());
    }

    @Test
    void committeeMissingItsDeadlineFinalizesInvalid() {
        Scenario s = escalated();
        assertTrue(s.run(new OracleCommand.Finalize(), java.time.Instant.parse("2026-11-29T21:19:59Z")).isEmpty(),
                "one second before the deadline is still in time");
        // The deadline instant is already too late, as the dispute window's end is (disputes.tla).
        assertThrows(BadInputException.class, () -> s.run(new OracleCommand.ResolveDispute("match", null, "away", false,
                List.of("m1", "m2")), java.time.Instant.parse("2026-11-29T21:20:00Z")));
        Finalized f = s.of(s.run(new OracleCommand.Finalize(), java.time.Instant.parse("2026-11-29T21:20:00Z")), Finalized.class).get(0);
        assertTrue(f.invalid());
        assertNull(f.outcome());
        assertEquals("committee_timeout", f.via());
        assertTrue(s.all(ReputationChanged.class).isEmpty(), "an invalid result says nothing about the sources");
    }

    @Test
    void aReRequestWithoutANewProposalEscalatesAndThenTimesOut() {
        Scenario s = fourSources().categorical("match", "21:00", List.of("home", "draw", "away"));
        reportAll(s, "match", "21:01", "home", "home", "home", "home");
        s.aggregate("21:05");
        s.run(new OracleCommand.OpenDispute("match", "acct-1", "VAR"), t("21:10"));
        List<OracleEvent> out = s.run(new OracleCommand.Finalize(), java.time.Instant.parse("2026-12-04T00:00:00Z"));
        assertEquals("2026-12-01T21:10:00Z", s.of(out, DisputeEscalated.class).get(0).deadline());
        assertEquals("committee_timeout", s.of(out, Finalized.class).get(0).via());
    }

    @Test
    void theReproposalDeadlineInstantIsAlreadyTooLate() {
        Scenario s = fourSources().categorical("match", "21:00", List.of("home", "draw", "away"));
        reportAll(s, "match", "21:01", "home", "home", "home", "home");
        s.aggregate("21:05");
        DisputeOpened d = s.of(s.run(new OracleCommand.OpenDispute("match", "acct-1", "VAR"), t("21:10")), DisputeOpened.class).get(0);
        java.time.Instant by = java.time.Instant.parse(d.reproposeBy());
        assertTrue(s.run(new OracleCommand.Finalize(), by.minusSeconds(1)).isEmpty(), "still time to re-propose");
        List<RawReport> late = new java.util.ArrayList<>();
        for (String src : ABCD) {
            late.add(new RawReport("t:late", src, "match", d.reproposeBy(), "away", null));
        }
        s.run(new OracleCommand.Ingest(late), by);
        assertTrue(s.run(new OracleCommand.Aggregate(List.of("match")), by).stream().noneMatch(e -> e instanceof OutcomeProposed),
                "a round at repropose_by is too late to propose");
        assertEquals(1, s.of(s.run(new OracleCommand.Finalize(), by), DisputeEscalated.class).size(),
                "finalize at repropose_by escalates");
    }

    static Scenario escalated() {
        Scenario s = fourSources().categorical("match", "21:00", List.of("home", "draw", "away"));
        reportAll(s, "match", "21:01", "home", "home", "home", "home");
        s.aggregate("21:05");
        s.run(new OracleCommand.OpenDispute("match", "acct-1", "VAR"), t("21:10"));
        s.aggregate("21:15");
        List<OracleEvent> out = s.run(new OracleCommand.OpenDispute("match", "acct-2", "still VAR"), t("21:20"));
        assertEquals("2026-11-29T21:20:00Z", s.of(out, DisputeEscalated.class).get(0).deadline());
        assertTrue(s.aggregate("21:25").stream().noneMatch(e -> e instanceof OutcomeProposed), "no proposals once escalated");
        return s;
    }

    @Test
    void ingestRejectsEachBadReportWithAReasonAndKeepsTheRest() {
        Scenario s = fourSources().numeric("fx", "12:00", List.of("a", "b", "c"));
        s.run(new OracleCommand.SuspendSource("c", "feed compromised"), t("00:00"));
        List<RawReport> rows = List.of(
                new RawReport("f:2", "a", "fx", "2026-11-27T10:00:00Z", "5.30", null),
                new RawReport("f:3", "a", "fx", "2026-11-27T10:00:00Z", "5.35", null),
                new RawReport("f:4", "zz", "fx", "2026-11-27T10:00:00Z", "5.30", null),
                new RawReport("f:5", "c", "fx", "2026-11-27T10:00:00Z", "5.30", null),
                new RawReport("f:6", "d", "fx", "2026-11-27T10:00:00Z", "5.30", null),
                new RawReport("f:7", "b", "fx", "2026-11-27T10:00:00Z", "500", null),
                new RawReport("f:8", "b", "fx", "2026-11-27T10:00:00Z", "5,30", null),
                new RawReport("f:9", "b", "fx", "2026-11-28T10:00:00Z", "5.30", null),
                new RawReport("f:10", "b", "nope", "2026-11-27T10:00:00Z", "5.30", null),
                new RawReport("f:11", "b", "fx", "yesterday", "5.30", null),
                new RawReport("f:12", null, null, null, null, "expected 4 columns, found 2"),
                new RawReport("f:13", "b", "fx", "2026-11-27T10:00:00-03:00", "5.31", null));
        List<OracleEvent> out = s.run(new OracleCommand.Ingest(rows), t("23:00"));
        assertEquals(rows.size(), out.size(), "one event per line: nothing dropped");
        List<String> reasons = s.of(out, ReportRejected.class).stream().map(r -> r.input() + " " + r.reason()).toList();
        assertEquals(List.of("f:3 duplicate", "f:4 unknown_source", "f:5 suspended_source", "f:6 not_on_panel",
                "f:7 out_of_bounds", "f:8 unparsable", "f:9 future", "f:10 unknown_event", "f:11 unparsable",
                "f:12 unparsable"), reasons);
        List<ReportReceived> ok = s.of(out, ReportReceived.class);
        assertEquals(2, ok.size());
        assertEquals("2026-11-27T13:00:00Z", ok.get(1).observedAt(), "offsets are normalized to UTC");
    }

    @Test
    void reputationIsBoundedPerStepAndByTheFloor() {
        Scenario s = new Scenario().source("a", 5000).source("b", 5000).source("c", 5000).source("low", 150)
                .numeric("fx", "12:00", null);
        for (String src : List.of("a", "b", "c")) {
            s.report(src, "fx", "12:01", "5.00");
        }
        s.report("low", "fx", "12:01", "9.00");
        s.aggregate("12:05");
        ReputationChanged low = s.of(s.run(new OracleCommand.Finalize(), t("14:05")), ReputationChanged.class).stream()
                .filter(r -> r.source().equals("low")).findFirst().orElseThrow();
        assertEquals(150, low.beforeBps());
        assertEquals(100, low.afterBps(), "loses 200 but stops at the 100 bps floor");
    }

    @Test
    void roundsOnlyMoveForward() {
        Scenario s = fourSources().numeric("fx", "12:00", null);
        assertTrue(s.aggregate("09:00").isEmpty(), "no round before the first observation");
        s.report("a", "fx", "09:30", "5.0");
        assertEquals(1, s.of(s.aggregate("10:00"), RoundAggregated.class).size());
        assertThrows(BadInputException.class, () -> s.aggregate("10:00"));
        assertThrows(BadInputException.class, () -> s.aggregate("09:00"));
    }

    @Test
    void aTieForTheTopOutcomeIsNoAnswerAndAClosedWindowCannotBeDisputed() {
        Scenario s = fourSources().categorical("match", "21:00", List.of("home", "draw", "away"));
        reportAll(s, "match", "21:01", "home", "draw", "home", "draw");
        RoundAggregated tie = s.of(s.aggregate("21:05"), RoundAggregated.class).get(0);
        assertEquals("divergent", tie.status(), "5000 vs 5000 bps: no plurality");
        assertNull(tie.outcome());

        reportAll(s, "match", "21:06", "home", "home", "home", "draw");
        s.aggregate("21:10");
        BadInputException late = assertThrows(BadInputException.class,
                () -> s.run(new OracleCommand.OpenDispute("match", "x", "too late"), t("23:10")));
        assertTrue(late.getMessage().contains("dispute window"), late.getMessage());
        assertEquals("undisputed", s.of(s.run(new OracleCommand.Finalize(), t("23:10")), Finalized.class).get(0).via());
    }

    @Test
    void aSuspendedSourceLeavesThePanelAndItsWeight() {
        Scenario s = fourSources().numeric("fx", "12:00", null);
        reportAll(s, "fx", "12:01", "5.00", "5.00", "5.00", "9.00");
        s.run(new OracleCommand.SuspendSource("d", "wrong feed"), t("12:02"));
        RoundAggregated r = s.of(s.aggregate("12:05"), RoundAggregated.class).get(0);
        assertEquals(8000, r.panelWeightBps());
        assertEquals(3, r.sources().size());
        assertEquals("consensus", r.status());
        assertEquals(8000, r.agreeWeightBps());
    }
}

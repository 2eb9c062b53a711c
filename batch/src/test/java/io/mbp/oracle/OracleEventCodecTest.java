package io.mbp.oracle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mbp.catalog.EventCatalog;
import io.mbp.events.EventTypes;
import io.mbp.events.FieldException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every oracle event survives canonical encode/decode, including absent optional fields. */
class OracleEventCodecTest {
    static final EventTypes TYPES = EventCatalog.standard();

    static final List<OracleEvent> SAMPLES = List.of(
            new OracleEventRegistered("ptax", "numeric", null, "3.0000", "9.0000", null, "2026-11-27T13:10:00-03:00", 1800, 7200, null),
            new OracleEventRegistered("match", "categorical", "Fla x Pal", null, null, List.of("home", "draw", "away"),
                    "2026-11-27T21:00:00Z", 1800, 7200, List.of("ge-globo", "espn-br")),
            new SourceRegistered("bcb-sgs", "Banco Central", 2500),
            new SourceSuspended("bcb-sgs", "feed compromised", "2026-11-27T10:00:00Z"),
            new CommitteeMemberAdded("comite-ana", "Ana"),
            new ReportReceived("bcb-sgs", "ptax", "2026-11-27T16:10:05Z", "5.3587"),
            new ReportRejected("reports.csv:7", null, null, null, null, "unparsable", "expected 4 columns, found 2"),
            new RoundAggregated("ptax", "2026-11-27T16:20:00Z", "consensus", "no_quorum", null, null, null, 2, 3000, 9000, 0,
                    List.of("bcb-sgs|agree|60|5.3587", "b3|silent||")),
            new RoundAggregated("ptax", "2026-11-27T16:30:00Z", "fallback", "consensus", "5.3587", null, "5.3512", 3, 6000, 9000,
                    6000, List.of()),
            new FailoverRolled("ptax", "consensus", "fallback", "3 failed rounds", "2026-11-27T16:40:00Z"),
            new OutcomeProposed("match", "categorical", null, "home", "2026-11-27T21:10:00Z", 1, "2026-11-27T23:10:00Z"),
            new DisputeOpened("match", 1, "acct-1", "VAR", "2026-11-27T21:15:00Z", "2026-11-29T21:15:00Z"),
            new DisputeOpened("match", 2, "acct-1", "VAR again", "2026-11-27T21:25:00Z", null),
            new DisputeEscalated("match", "second dispute", "2026-11-27T21:25:00Z", "2026-11-29T21:25:00Z"),
            new CommitteeResolved("match", null, null, true, List.of("a", "b"), "2026-11-28T01:00:00Z"),
            new Finalized("match", "categorical", null, null, true, "committee_timeout", "2026-11-30T00:00:00Z"),
            new Finalized("ptax", "numeric", "5.3587", null, false, "undisputed", "2026-11-27T18:20:00Z"),
            new ReputationChanged("bcb-sgs", "ptax", 2500, 2550, "agreed"));

    @Test
    void everyOracleEventTypeRoundTripsThroughItsCanonicalPayload() {
        assertEquals(OracleEvent.class.getPermittedSubclasses().length,
                SAMPLES.stream().map(Object::getClass).distinct().count(), "a sample for every event type");
        for (OracleEvent e : SAMPLES) {
            String type = TYPES.nameOf(e);
            String canonical = TYPES.encode(e);
            assertFalse(canonical.contains("null"), "absent optional fields are left out: " + canonical);
            assertEquals(e, TYPES.decode(type, canonical), type);
            assertTrue(OracleEvent.streamOf(e).length() <= 256);
        }
    }

    @Test
    void timestampsAreNormalizedToUtcAndBadFieldsAreNamed() {
        OracleEventRegistered r = (OracleEventRegistered) SAMPLES.get(0);
        assertEquals("2026-11-27T16:10:00Z", r.resolvesAt());
        FieldException min = assertThrows(FieldException.class, () ->
                new OracleEventRegistered("x", "numeric", null, "1e3", "9", null, "2026-11-27T13:10:00Z", 1, 1, null));
        assertEquals("min", min.field());
        FieldException bounds = assertThrows(FieldException.class, () ->
                new OracleEventRegistered("x", "numeric", null, "9", "1", null, "2026-11-27T13:10:00Z", 1, 1, null));
        assertEquals("max", bounds.field());
        FieldException outcomes = assertThrows(FieldException.class, () ->
                new OracleEventRegistered("x", "categorical", null, null, null, List.of("yes", "yes"), "2026-11-27T13:10:00Z", 1, 1, null));
        assertEquals("outcomes", outcomes.field());
        assertEquals("weight", assertThrows(FieldException.class, () -> new SourceRegistered("s", "S", 10_001)).field());
    }
}

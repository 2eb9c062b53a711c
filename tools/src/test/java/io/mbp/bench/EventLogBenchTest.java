package io.mbp.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;

/** `mbp bench events` compares the direct encode with the tree encode on the same records (ADR 0156). */
class EventLogBenchTest {
    @Test
    void bothEncodesRunOverTheSameRecordsAndWriteTheSameLengths() {
        EventLogBench bench = new EventLogBench();
        EventLogBench.Result direct = bench.encodePayloads(2_000);
        EventLogBench.Result tree = bench.encodePayloadsViaTree(2_000);
        assertEquals(2_000, direct.events());
        assertEquals(direct.note(), tree.note(), "the checksum (sum of payload lengths) must match: same records, same text");
        assertNotEquals(direct.name(), tree.name());
        // a different count is a different checksum: the note is not a constant
        assertNotEquals(direct.note(), bench.encodePayloadsViaTree(1_999).note());
    }
}

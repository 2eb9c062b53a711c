package io.mbp.evidence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mbp.catalog.EventCatalog;
import io.mbp.custody.CheckpointStore;
import io.mbp.custody.SealService;
import io.mbp.error.BadInputException;
import io.mbp.events.EventFileReader;
import io.mbp.events.EventLog;
import io.mbp.sql.Database;
import io.mbp.sql.testing.EveryEngine;
import io.mbp.sql.testing.TestDatabase;
import java.io.BufferedReader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;

/**
 * ADR 0138: a date bundle's day span comes from the build's one read of the log (and a look by seq at
 * the events past the checkpoint), no longer from a query over the whole table by timestamp. On a log
 * whose days continue past the checkpoint, start only after it, or have no event, the one-pass build
 * records the span the reference reading's query gives, and refuses the same days with the same words.
 */
class EvidenceDaySpanTest {
    @TempDir
    Path tmp;

    @EveryEngine
    void theSpanFromTheReadIsTheSpanTheQueryGave(TestDatabase engine) throws Exception {
        try (Database db = Database.openMigrated(engine.url())) {
            append(db, Files.readString(EvidenceOnePassTest.DAY, StandardCharsets.UTF_8));
            append(db, deposits("2026-11-28T08:00:00Z", "2026-11-26T23:59:59.999Z", "2026-11-28T09:00:00Z"));
            new SealService(db, EvidenceOnePassTest.NIGHT).seal(EvidenceOnePassTest.SIGNER, SealService.Audit.FULL);
            long n = db.read(CheckpointStore::latest).orElseThrow().treeSize(); // the seal's own event comes after it
            // past the checkpoint (after the seal's CheckpointSealed event): the 27th and the 28th go on, the 29th starts
            append(db, deposits("2026-11-27T23:00:00Z", "2026-11-29T10:00:00Z", "2026-11-28T23:00:00Z"));

            for (String date : List.of("2026-11-26", "2026-11-27", "2026-11-28", "2026-11-30")) {
                EvidenceBuilder.Built alone = build(db, EvidenceBuilder.Reading.EACH_ALONE, date);
                EvidenceBuilder.Built one = build(db, EvidenceBuilder.Reading.ONE_PASS, date);
                assertEquals(alone.dayFirstSeq(), one.dayFirstSeq(), date);
                assertEquals(alone.dayLastSeq(), one.dayLastSeq(), date);
                assertEquals(Files.readString(alone.dir().resolve(BundleFiles.MANIFEST)).replaceAll("\"sha256\" : \"\\w+\"", ""),
                        Files.readString(one.dir().resolve(BundleFiles.MANIFEST)).replaceAll("\"sha256\" : \"\\w+\"", ""), date);
            }
            EvidenceBuilder.Built d27 = build(db, EvidenceBuilder.Reading.ONE_PASS, "2026-11-27");
            assertEquals(0L, d27.dayFirstSeq());
            assertEquals(n - 1, d27.dayLastSeq(), "the 27th goes on past the checkpoint: its span ends there");
            EvidenceBuilder.Built d26 = build(db, EvidenceBuilder.Reading.ONE_PASS, "2026-11-26");
            assertEquals(n - 2, d26.dayFirstSeq());
            assertEquals(n - 2, d26.dayLastSeq(), "a day stamped back in the log: its one event");
            assertNull(build(db, EvidenceBuilder.Reading.ONE_PASS, "2026-11-30").dayFirstSeq());

            BadInputException alone = assertThrows(BadInputException.class, () -> build(db, EvidenceBuilder.Reading.EACH_ALONE, "2026-11-29"));
            BadInputException one = assertThrows(BadInputException.class, () -> build(db, EvidenceBuilder.Reading.ONE_PASS, "2026-11-29"));
            assertEquals(alone.getMessage(), one.getMessage());
            assertTrue(one.getMessage().contains("(seq " + (n + 2) + "..) come after the latest checkpoint"), one.getMessage());
            try (var s = Files.list(tmp)) {
                assertTrue(s.noneMatch(p -> p.getFileName().toString().contains("2026-11-29")), "nothing half-written");
            }
        }
    }

    private EvidenceBuilder.Built build(Database db, EvidenceBuilder.Reading reading, String date) {
        Path out = tmp.resolve((reading == EvidenceBuilder.Reading.ONE_PASS ? "one-" : "alone-") + date);
        return new EvidenceBuilder(db, EvidenceReports.standard(), reading).build(new EvidenceBuilder.Request(
                new EvidenceBuilder.Scope(LocalDate.parse(date), null), out, null, tmp.resolve("no-formal-pack"), "test"),
                EvidenceOnePassTest.SIGNER);
    }

    private static String deposits(String... at) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < at.length; i++) {
            b.append("{\"type\":\"DepositReceived\",\"stream\":\"lp-mbp\",\"ts\":\"").append(at[i]).append("\",\"payload\":")
                    .append("{\"account\":\"lp-mbp\",\"amount\":").append(10 + i).append(",\"e2eid\":\"E0000000020261128")
                    .append(at[i].substring(11, 13)).append(at[i].substring(8, 10)).append(i).append("DAYSPANTESTXX\"}}\n");
        }
        return b.toString();
    }

    private static void append(Database db, String ndjson) {
        new EventLog(db).append(new EventFileReader(new BufferedReader(new StringReader(ndjson)), "t.ndjson", EventCatalog.standard()));
    }
}

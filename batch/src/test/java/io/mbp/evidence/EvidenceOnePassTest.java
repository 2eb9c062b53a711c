package io.mbp.evidence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mbp.canary.CanaryService;
import io.mbp.canary.ReleaseParams;
import io.mbp.catalog.EventCatalog;
import io.mbp.custody.NoteSigner;
import io.mbp.custody.SealService;
import io.mbp.events.EventFileReader;
import io.mbp.events.EventLog;
import io.mbp.events.Timestamps;
import io.mbp.market.MarketCommand;
import io.mbp.market.MarketEngine;
import io.mbp.market.MarketQuality;
import io.mbp.market.MarketService;
import io.mbp.market.MarketState;
import io.mbp.market.QualitySampler;
import io.mbp.sql.Database;
import io.mbp.sql.testing.EveryEngine;
import io.mbp.sql.testing.TestDatabase;
import java.io.BufferedReader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.io.TempDir;

/**
 * ADR 0129: the build reads the log once for every report. The same log's bundle built that way and
 * with each report reading the log alone (the reading before ADR 0129: jOOQ pages, every timestamp
 * parsed in full, every payload decoded per report) has the same files with the same SHA-256, and it
 * verifies and replays. Market quality, which took two reads before (the window first), is checked
 * against that two-read computation on a log that spans two days and steps back in time.
 */
class EvidenceOnePassTest {
    static final Path DAY = Path.of("..", "samples", "events", "2026-11-27.ndjson");
    static final NoteSigner SIGNER = new NoteSigner("mbp.example/log", new byte[32]);
    static final Clock NIGHT = Clock.fixed(Instant.parse("2026-11-28T02:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path tmp;

    @EveryEngine
    void onePassWritesTheBundleEachReportAloneWrote(TestDatabase engine) throws Exception {
        try (Database db = Database.openMigrated(engine.url())) {
            append(db, Files.readString(DAY, StandardCharsets.UTF_8));
            new SealService(db, NIGHT).seal(SIGNER, SealService.Audit.FULL);
            append(db, nextDayAndBack());
            canary(db);
            new SealService(db, NIGHT).seal(SIGNER, SealService.Audit.FULL);
            append(db, "{\"type\":\"DepositReceived\",\"stream\":\"lp-mbp\",\"ts\":\"2026-11-28T10:00:00Z\",\"payload\":"
                    + "{\"account\":\"lp-mbp\",\"amount\":1,\"e2eid\":\"E00000000202611281000PASTCHECKPT\"}}\n"); // past the checkpoint

            for (EvidenceBuilder.Scope scope : List.of(new EvidenceBuilder.Scope(LocalDate.parse("2026-11-27"), null),
                    new EvidenceBuilder.Scope(null, Sprint.S24))) {
                EvidenceBuilder.Built alone = new EvidenceBuilder(db, EvidenceReports.standard(), EvidenceBuilder.Reading.EACH_ALONE)
                        .build(request(scope, tmp.resolve("alone-" + scope.name())), SIGNER);
                EvidenceBuilder.Built one = new EvidenceBuilder(db, EvidenceReports.standard())
                        .build(request(scope, tmp.resolve("one-" + scope.name())), SIGNER);
                Map<String, String> expected = hashes(alone.dir());
                assertEquals(expected, hashes(one.dir()), scope.name());
                assertEquals(manifest(alone.dir()), manifest(one.dir()), scope.name());
                assertEquals(rows(alone.dir()), rows(one.dir()), scope.name());
                assertTrue(expected.keySet().stream().filter(f -> f.startsWith("reports/")).count() >= 10, expected.keySet().toString());
                if (scope.date() != null) { // a date bundle holds every report; S24 its own and the common ones
                    List<String> canary = Files.readAllLines(one.dir().resolve("reports/canary-release.txt"));
                    assertTrue(canary.get(canary.size() - 1).startsWith("events per release: 1.5.0 "), canary.toString());
                    List<String> quality = Files.readAllLines(one.dir().resolve("reports/market-quality.txt"));
                    assertTrue(quality.get(0).startsWith("market quality from 2026-11-28T00:00:00Z"), quality.toString());
                }

                Path work = Files.createDirectories(tmp.resolve("work-" + scope.name()));
                EvidenceVerifier.Report verified = EvidenceVerifier.verify(one.dir(), List.of(SIGNER.verifier()), null, null, work);
                assertTrue(verified.ok(), verified.failures().toString());
                EvidenceReplayer.Result replayed = new EvidenceReplayer(EvidenceReports.standard())
                        .replay(one.dir(), Files.createDirectories(tmp.resolve("replay-" + scope.name())));
                assertTrue(replayed.ok(), replayed.firstDifference());
                assertEquals(expected.keySet().stream().filter(f -> f.startsWith("reports/")).count(), replayed.reportsCompared().size());
            }
        }
    }

    @EveryEngine
    void marketQualityInOnePassIsTheTwoReadWindow(TestDatabase engine) {
        try (Database db = Database.openMigrated(engine.url())) {
            append(db, Files.readString(DAY, StandardCharsets.UTF_8));
            long oneDay = new EventLog(db).size();
            append(db, nextDayAndBack());
            long size = new EventLog(db).size();
            for (long n : new long[] {0, 1, 700, oneDay, oneDay + 1, size - 1, size}) {
                assertEquals(twoReads(db, n), new MarketQualityReport().compute(db, n), "first " + n + " events");
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The report as computed before ADR 0129: one read for the newest market event's day, a second to sample it. */
    private static List<String> twoReads(Database db, long n) {
        List<String> out = new ArrayList<>();
        Instant last = null;
        EventLog log = new EventLog(db);
        for (var e : eventsOf(log, n)) {
            Instant ts = Timestamps.parse("ts", e.ts());
            if (last == null || ts.isAfter(last)) {
                last = ts;
            }
        }
        if (last == null) {
            return List.of("market quality: no market events");
        }
        Instant day = last.truncatedTo(ChronoUnit.DAYS);
        QualitySampler sampler = new QualitySampler(day, day.plus(1, ChronoUnit.DAYS), MarketQuality.DEFAULT_STEP_SECONDS,
                MarketQuality.DEFAULT_REF_SIZE);
        MarketEngine engine = new MarketEngine();
        MarketState state = new MarketState();
        for (var e : eventsOf(log, n)) {
            Instant ts = Timestamps.parse("ts", e.ts());
            var p = EventCatalog.standard().decode(e.type(), e.payload());
            sampler.before(state, p, ts);
            engine.evolve(state, p, ts, e.seq());
        }
        MarketQualityReport.lines(sampler.finish(state), out);
        return out;
    }

    private static List<io.mbp.events.Event> eventsOf(EventLog log, long n) {
        List<io.mbp.events.Event> out = new ArrayList<>();
        log.forEach(0, n - 1, e -> {
            if (SettlementsReport.MARKET_TYPES.contains(e.type())) {
                out.add(e);
            }
        });
        return out;
    }

    /** Deposits on the next day, then one stamped back on the first day: the newest market event is not the last. */
    private static String nextDayAndBack() {
        StringBuilder b = new StringBuilder();
        String[] at = {"2026-11-28T00:00:30Z", "2026-11-28T09:30:00.5Z", "2026-11-27T12:00:00.25Z"};
        for (int i = 0; i < at.length; i++) {
            b.append("{\"type\":\"DepositReceived\",\"stream\":\"lp-mbp\",\"ts\":\"").append(at[i]).append("\",\"payload\":")
                    .append("{\"account\":\"lp-mbp\",\"amount\":").append(1000 + i).append(",\"e2eid\":\"E0000000020261128000")
                    .append(i).append("ONEPASSTESTXX\"}}\n");
        }
        return b.toString();
    }

    private static void canary(Database db) {
        MarketService svc = new MarketService(db, new MarketEngine(), NIGHT);
        svc.load();
        List<MarketCommand> cmds = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            cmds.add(new MarketCommand.CreateMarket("R-" + i, "EV", List.of("YES", "NO"), 200, null, null, null, "lp", 1_000_000, "E-R-" + i));
        }
        svc.commit(cmds, false);
        new CanaryService(db, NIGHT).start(new ReleaseParams("1.5.0", 220, 1_000, 2_000, 3_000, 600, 200, "ab".repeat(32)),
                List.of(20L, 100L), Duration.ofHours(1));
    }

    private static void append(Database db, String ndjson) {
        new EventLog(db).append(new EventFileReader(new BufferedReader(new StringReader(ndjson)), "t.ndjson", EventCatalog.standard()));
    }

    private static EvidenceBuilder.Request request(EvidenceBuilder.Scope scope, Path out) {
        return new EvidenceBuilder.Request(scope, out, null, out.resolveSibling("no-formal-pack"), "test");
    }

    /**
     * Every file of the bundle by its SHA-256, but the SQLite file, whose bytes differ between any two
     * builds (its schema_version table records when each migration ran: {@link #rows} compares its
     * content), and so the manifest that lists that hash and the envelope that signs it ({@link #manifest}).
     */
    private static Map<String, String> hashes(Path dir) {
        Map<String, String> out = new TreeMap<>();
        for (String f : BundleFiles.list(dir)) {
            if (!f.equals(BundleFiles.DATABASE)) {
                out.put(f, BundleFiles.sha256(dir.resolve(f)));
            }
        }
        return out;
    }

    /** The manifest without the SQLite file's hash. */
    private static String manifest(Path dir) throws java.io.IOException {
        var m = (com.fasterxml.jackson.databind.node.ObjectNode) BundleFiles.JSON.readTree(dir.resolve(BundleFiles.MANIFEST).toFile());
        for (var f : m.withArray("files")) {
            if (f.path("path").asText().equals(BundleFiles.DATABASE)) {
                ((com.fasterxml.jackson.databind.node.ObjectNode) f).remove("sha256");
            }
        }
        return m.toPrettyString();
    }

    /** Every row of every table of the bundle's SQLite file, in order, but when each migration was applied. */
    private List<String> rows(Path dir) throws java.sql.SQLException, java.io.IOException {
        List<String> out = new ArrayList<>();
        // a copy: SQLite writes its WAL files beside a file it opens, and the bundle must stay as signed
        Path copy = Files.createTempFile(tmp, "rows-", ".sqlite");
        Files.copy(dir.resolve(BundleFiles.DATABASE), copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + copy);
             java.sql.Statement st = c.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (java.sql.ResultSet rs = st.executeQuery("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
            for (String t : tables) {
                try (java.sql.ResultSet rs = st.executeQuery("SELECT * FROM " + t + " ORDER BY 1")) {
                    var meta = rs.getMetaData();
                    while (rs.next()) {
                        StringBuilder row = new StringBuilder(t);
                        for (int i = 1; i <= meta.getColumnCount(); i++) {
                            if (!meta.getColumnName(i).equalsIgnoreCase("applied_at")) {
                                Object v = rs.getObject(i);
                                row.append('|').append(v instanceof byte[] b ? java.util.HexFormat.of().formatHex(b) : v);
                            }
                        }
                        out.add(row.toString());
                    }
                }
            }
        }
        assertTrue(out.stream().filter(r -> r.startsWith("events|")).count() > 2000, "the copied log is compared");
        return out;
    }
}

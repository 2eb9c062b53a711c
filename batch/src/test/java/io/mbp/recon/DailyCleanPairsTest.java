package io.mbp.recon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mbp.catalog.EventCatalog;
import io.mbp.events.EventLog;
import io.mbp.events.NewEvent;
import io.mbp.input.InputLimits;
import io.mbp.market.DepositReceived;
import io.mbp.payout.PspAccount;
import io.mbp.recon.CleanPairsPropertiesTest.Row;
import io.mbp.sql.Database;
import io.mbp.statement.Statement;
import io.mbp.statement.StatementFormat;
import io.mbp.statement.StatementLine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ADR 0131: the daily `recon d1` matches with clean pairs first ({@link Matcher#matchWithCleanPairs});
 * its result must be the Matcher's alone, element for element, and the day's reports byte for byte.
 * Compared on random small days, on a generated large day, and through {@link ReconService} on the
 * statement samples and a generated statement, each on two databases, one per matching step.
 */
class DailyCleanPairsTest {
    static final LocalDate D = LocalDate.parse("2026-11-27");
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-29T06:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path tmp;

    @Provide
    Arbitrary<Row> rows() {
        return CleanPairsPropertiesTest.rowArbitrary();
    }

    @Property(tries = 500)
    void sameResultAsTheMatcherAlone(@ForAll @Size(max = 16) List<@From("rows") Row> ledger,
                                     @ForAll @Size(max = 16) List<@From("rows") Row> statement) {
        List<Movement> ms = CleanPairsPropertiesTest.movements(ledger);
        List<StatementLine> ls = CleanPairsPropertiesTest.lines(statement);
        assertEquals(Matcher.match(D, ms, ls, Set.of("E5", "po-3")),
                Matcher.matchWithCleanPairs(D, ms, ls, Set.of("E5", "po-3")));
    }

    @Test
    void aGeneratedLargeDayGivesTheSameResult() {
        List<Movement> ms = new ArrayList<>();
        List<StatementLine> ls = new ArrayList<>();
        generate(30_000, 27, ms, ls);
        Matcher.Result alone = Matcher.match(D, ms, ls, Set.of());
        Matcher.Result paired = Matcher.matchWithCleanPairs(D, ms, ls, Set.of());
        assertEquals(alone, paired);
        long byE2e = alone.matches().stream().filter(m -> m.rule().equals("e2eid")).count();
        assertTrue(byE2e > 25_000, "most of the day is clean pairs: " + byE2e);
        assertTrue(alone.exceptions().size() > 50, "and the rest has exceptions of every kind: " + alone.exceptions().size());
    }

    @Test
    void theStatementSamplesGiveTheSameReports() throws Exception {
        Statement day = StatementFormat.readCamt053(Files.readAllBytes(StatementSamplesTest.DIR.resolve("2026-11-27.camt053.xml")),
                "sample");
        for (String sample : List.of("2026-11-27.camt053.xml", "2026-11-27.csv", "2026-11-27.cnab240", "2026-11-27.ofx",
                "2026-11-27.v2.ofx", "bad/2026-11-27.missing-entry.camt053.xml", "bad/2026-11-27.closing-off-by-one.camt053.xml")) {
            byte[] st = Files.readAllBytes(StatementSamplesTest.DIR.resolve(sample));
            assertSameReports(day.lines(), st, sample);
        }
    }

    @Test
    void aGeneratedStatementGivesTheSameReports() {
        List<Movement> ms = new ArrayList<>();
        List<StatementLine> ls = new ArrayList<>();
        generate(3_000, 5, ms, ls);
        List<StatementLine> credits = new ArrayList<>();
        for (StatementLine l : ls) {
            // the daily ledger here is deposits: credits only
            credits.add(new StatementLine(credits.size() + 1, l.lineId(), PspAccount.DEFAULT, D, D, 'C', l.amount(),
                    l.e2eid(), "", l.counterparty(), "PIX_IN"));
        }
        byte[] st = StatementFormat.writeCsv(new Statement(PspAccount.DEFAULT, D, credits, List.of()));
        assertSameReports(credits, st, "generated.csv");
    }

    /** Deposits from every third line dropped and every seventh off by a centavo; then d1 on two databases. */
    private void assertSameReports(List<StatementLine> basis, byte[] statement, String name) {
        String[] out = new String[2];
        for (int k = 0; k < 2; k++) {
            Path file = tmp.resolve(name.replace('/', '_') + "." + k + ".sqlite");
            try (Database db = Database.openMigrated("jdbc:sqlite:" + file.toAbsolutePath())) {
                EventLog log = new EventLog(db);
                List<NewEvent> deposits = new ArrayList<>();
                for (int j = 0; j < basis.size(); j++) {
                    StatementLine l = basis.get(j);
                    if (l.direction() == 'C' && !l.e2eid().isEmpty() && j % 3 != 2) {
                        deposits.add(NewEvent.of(EventCatalog.standard(), "acct-" + j, Instant.parse("2026-11-27T10:00:00Z"),
                                new DepositReceived("acct-" + j, l.amount() + (j % 7 == 6 ? 1 : 0), l.e2eid())));
                    }
                }
                if (!deposits.isEmpty()) {
                    log.append(deposits);
                }
                ReconService svc = k == 0 ? new ReconService(db, CLOCK, InputLimits.STATEMENTS, Matcher::match)
                        : new ReconService(db, CLOCK);
                svc.importStatement(statement, name, PspAccount.DEFAULT, D);
                ReconService.Report r = svc.reconcile(PspAccount.DEFAULT, D);
                out[k] = ReconReports.text(r) + ReconReports.csv(r) + ReconReports.json(r);
            }
        }
        assertTrue(out[0].contains("e2eid"), name + ": some lines match by E2EID");
        assertEquals(out[0], out[1], name);
    }

    /** Like `mbp bench recon`'s day: a permuted statement with missing, mismatched, duplicated and unexpected lines. */
    static void generate(int n, long seed, List<Movement> ms, List<StatementLine> ls) {
        SplittableRandom rnd = new SplittableRandom(seed);
        for (int i = 0; i < n; i++) {
            String e2e = i % 11 == 3 ? "" : "E60701190202611271200" + i;
            ms.add(new Movement("m" + i, D, i % 7 == 0 ? 'D' : 'C', 100 + (i * 7919L) % 5_000, e2e, "po-" + i,
                    "acct-" + (i % 50), "X", i % 97 == 1));
        }
        List<Movement> order = new ArrayList<>(ms);
        for (int i = order.size() - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            Movement t = order.get(i);
            order.set(i, order.get(j));
            order.set(j, t);
        }
        for (Movement m : order) {
            int roll = rnd.nextInt(1000);
            if (roll < 5) {
                continue;
            }
            long amount = roll < 10 ? m.amount() + 1 : m.amount();
            String ref = roll < 30 ? "" : m.reference();
            String e2e = roll < 15 && roll >= 10 ? "" : m.e2eid();
            ls.add(new StatementLine(ls.size() + 1, "L" + ls.size(), "acct", D, D, m.direction(), amount, e2e, ref,
                    m.counterparty(), "PIX_OUT"));
            if (roll >= 30 && roll < 35) {
                ls.add(new StatementLine(ls.size() + 1, "L" + ls.size(), "acct", D, D, m.direction(), amount, e2e, ref,
                        m.counterparty(), "PIX_OUT"));
            }
            if (roll >= 35 && roll < 40) {
                ls.add(new StatementLine(ls.size() + 1, "X" + ls.size(), "acct", D, D, 'C', 1 + roll, "EX" + ls.size(), "",
                        "acct-" + roll % 50, "PIX_IN"));
            }
        }
    }
}

package io.mbp.cli.recon;

import static io.mbp.cli.testing.Cli.mbp;
import io.mbp.cli.testing.Cli.Run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mbp.payout.PspAccount;
import io.mbp.statement.BalanceType;
import io.mbp.statement.Statement;
import io.mbp.statement.StatementBalance;
import io.mbp.statement.StatementFormat;
import io.mbp.statement.StatementLine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `mbp recon d1` checks balances (ADR 0509): exit 3 under --fail-under 100 for one centavo, even when every entry matches. */
class ReconBalanceCliTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String A = PspAccount.DEFAULT;
    private static final LocalDate D = LocalDate.parse("2026-11-27");

    @TempDir
    Path tmp;

    String ledger() throws Exception {
        String db = "jdbc:sqlite:" + tmp.resolve("db.sqlite").toAbsolutePath();
        Path ev = Files.write(tmp.resolve("ev.ndjson"), List.of(
                "{\"type\":\"DepositReceived\",\"stream\":\"acct-1\",\"ts\":\"2026-11-27T11:00:00Z\","
                        + "\"payload\":{\"account\":\"acct-1\",\"amount\":5000,\"e2eid\":\"E-1\"}}",
                "{\"type\":\"DepositReceived\",\"stream\":\"acct-2\",\"ts\":\"2026-11-27T12:00:00Z\","
                        + "\"payload\":{\"account\":\"acct-2\",\"amount\":7000,\"e2eid\":\"E-2\"}}"));
        assertEquals(0, mbp("--db", db, "events", "append", "--file", ev.toString()).code());
        return db;
    }

    static Statement day() {
        return new Statement(A, D, List.of(
                new StatementLine(1, "L1", A, D, D, 'C', 5000, "E-1", "", "acct-1", "PIX_IN"),
                new StatementLine(2, "L2", A, D, D, 'C', 7000, "E-2", "", "acct-2", "PIX_IN"))).balancedFrom(10_000_000);
    }

    Path camt(String name, Statement s) throws Exception {
        return Files.write(tmp.resolve(name), StatementFormat.writeCamt053(s, "M", "2026-11-28T05:00:00Z"));
    }

    @Test
    void aClosingOffByOneCentavoFailsUnder100EvenWhenEveryEntryMatches() throws Exception {
        String db = ledger();
        Run ok = mbp("--db", db, "--json", "recon", "d1", "--date", D.toString(), "--statement", camt("ok.xml", day()).toString(),
                "--fail-under", "100", "--now", "2026-11-28T06:00:00Z");
        assertEquals(0, ok.code(), ok.out() + ok.err());
        JsonNode b = JSON.readTree(ok.out()).get("balance");
        assertEquals("checked", b.get("status").asText());
        assertEquals(10_012_000, b.get("closing").asLong());
        assertEquals(0, b.get("difference").asLong());
        assertEquals(0, b.get("ledger_difference").asLong());

        Statement s = day();
        StatementBalance c = s.closing().orElseThrow();
        Statement off = s.withBalances(List.of(s.opening().orElseThrow(),
                new StatementBalance(BalanceType.CLOSING_BOOKED, c.amount() - 1, D)));
        Run bad = mbp("--db", db, "--json", "recon", "d1", "--date", D.toString(), "--statement",
                camt("off.xml", off).toString(), "--fail-under", "100", "--now", "2026-11-28T06:05:00Z");
        assertEquals(3, bad.code(), bad.out() + bad.err());
        JsonNode r = JSON.readTree(bad.out());
        assertEquals(2, r.get("matched_lines").asInt(), "every entry matches");
        assertEquals(-1, r.get("balance").get("difference").asLong());
        assertEquals(1, r.get("exceptions_by_kind").get("balance_mismatch").get("open").asInt(), bad.out());
        assertTrue(bad.err().contains("about balances"), bad.err());
        Run text = mbp("--db", db, "recon", "d1", "--date", D.toString(), "--now", "2026-11-28T06:06:00Z");
        assertTrue(text.out().contains("closing 100119.99 (difference -0.01)"), text.out());
    }

    @Test
    void theNextDayOpeningElsewhereIsAGapAndASkippedDayIsMissing() throws Exception {
        String db = ledger();
        Statement s = day();
        assertEquals(0, mbp("--db", db, "recon", "d1", "--date", D.toString(), "--statement",
                camt("d0.xml", s).toString()).code());
        LocalDate d2 = D.plusDays(2);
        Statement later = new Statement(A, d2, List.of()).balancedFrom(s.closing().orElseThrow().amount() + 100);
        Run r = mbp("--db", db, "--json", "recon", "d1", "--date", d2.toString(), "--statement",
                camt("d2.xml", later).toString(), "--fail-under", "100");
        assertEquals(3, r.code(), r.out() + r.err());
        JsonNode j = JSON.readTree(r.out());
        assertEquals(1, j.get("exceptions_by_kind").get("statement_gap").get("open").asInt(), r.out());
        assertEquals(1, j.get("exceptions_by_kind").get("missing_statement").get("open").asInt(), r.out());
        assertEquals("2026-11-28", j.get("balance").get("missing_days").get(0).asText());
        assertEquals(100, j.get("balance").get("gap").asLong());
    }

    @Test
    void aCamtWithoutBalancesIsRefusedNamingTheElementAndTheLayoutCanBeForced() throws Exception {
        String db = ledger();
        Path noBal = Path.of("../samples/statements/bad/2026-11-27.no-balances.camt053.xml");
        Run r = mbp("--db", db, "recon", "d1", "--date", D.toString(), "--statement", noBal.toString());
        assertEquals(4, r.code(), r.err());
        assertTrue(r.err().contains("element TxsSummry: not valid camt.053.001.08: Invalid content was found starting with"
                + " element 'TxsSummry'. One of '{RltdAcct, Intrst, Bal}' is expected."), r.err());
        Path ok = camt("ok.xml", day());
        Run forced = mbp("--db", db, "recon", "d1", "--date", D.toString(), "--statement", ok.toString(),
                "--statement-format", "csv");
        assertEquals(4, forced.code(), forced.err());
        assertEquals(2, mbp("--db", db, "recon", "d1", "--date", D.toString(), "--statement", ok.toString(),
                "--statement-format", "mt940").code());
    }
}

package io.mbp.cli.recon;

import static io.mbp.cli.testing.Cli.mbp;
import io.mbp.cli.testing.Cli.Run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mbp.cli.Clocks;
import io.mbp.payout.sim.Credits;
import io.mbp.payout.sim.PspSimServer;
import io.mbp.payout.sim.PspSimulator;
import io.mbp.payout.sim.SimConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 20: the simulator writes the sample day as CSV, camt.053, CNAB 240 and OFX (1.x and 2.x)
 * through `mbp payouts statement`; `mbp recon d1` imports each (picked by content) into a copy of the
 * same ledger and reaches the same reconciliation. A malformed CNAB 240 or OFX file exits 4 naming
 * the record and position, or the line, and writes nothing.
 */
class StatementLayoutsCliTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path SAMPLE = Path.of("../samples/events/2026-11-27.ndjson");
    private static final String D = "2026-11-27";
    private static final List<String> FORMATS = List.of("csv", "camt053", "cnab240", "ofx", "ofx2");

    @TempDir
    static Path tmp;
    static Path ledger;
    static final Map<String, Path> statements = new LinkedHashMap<>();

    static String db(Path file) {
        return "jdbc:sqlite:" + file.toAbsolutePath();
    }

    @org.junit.jupiter.api.AfterAll
    static void plainEnvironment() {
        io.mbp.cli.custody.Secrets.useEnvironment(null);
    }

    @BeforeAll
    static void payTheSampleDayAndFetchEveryLayout() throws Exception {
        ledger = tmp.resolve("ledger.sqlite");
        SimConfig cfg = new SimConfig(SimConfig.DEFAULT_ISPB, SimConfig.DEFAULT_ACCOUNT, 42, 0, 0, 0, 0, 0, 30, 1, 0,
                10, 0, 300, 0);
        PspSimulator sim = new PspSimulator(cfg, Clocks.startingAt("2026-11-27T20:00:00Z", java.time.Clock.systemUTC()));
        Credits.fromEvents(SAMPLE).forEach(sim::addCredit);
        try (PspSimServer server = new PspSimServer(sim, 0).start()) {
            // verified customers with the payouts consent; the withdrawals' keys become vault references (ADR 0703/0704)
            io.mbp.cli.kyc.Onboarding.sampleDay(db(ledger), tmp.resolve("vault"), new java.util.HashMap<>(), true);
            assertEquals(0, mbp("--db", db(ledger), "events", "append", "--file", SAMPLE.toString()).code());
            Run run = mbp("--db", db(ledger), "payouts", "run", "--date", D, "--psp", server.baseUrl(), "--now",
                    "2026-11-27T20:00:00Z", "--timeout-ms", "500");
            assertEquals(0, run.code(), run.err());
            for (String f : FORMATS) {
                Path st = tmp.resolve(D + "." + f);
                Run r = mbp("payouts", "statement", "--psp", server.baseUrl(), "--date", D, "--format", f, "--out",
                        st.toString());
                assertEquals(0, r.code(), r.err());
                statements.put(f, st);
            }
        }
    }

    /** `recon d1 --json` of {@code format}'s statement on a fresh copy of the ledger. */
    static JsonNode reconcile(String format) throws Exception {
        Path copy = Files.copy(ledger, tmp.resolve("recon-" + format + ".sqlite"));
        Run r = mbp("--db", db(copy), "--json", "recon", "d1", "--date", D, "--statement", statements.get(format).toString(),
                "--now", "2026-11-28T06:00:00Z");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("imported") && r.err().contains(" " + (format.startsWith("ofx") ? "ofx" : format)
                + " lines from "), r.err());
        return JSON.readTree(r.out());
    }

    /** What must agree across layouts: the counts, the rate and each exception but its id and the file's hash. */
    static JsonNode comparable(JsonNode report, boolean withRules) {
        ObjectNode o = report.deepCopy();
        o.remove("statement_id");
        if (!withRules) {
            o.remove("matches_by_rule");
        }
        List<JsonNode> xs = new ArrayList<>();
        for (JsonNode x : o.get("exceptions")) {
            ObjectNode c = x.deepCopy();
            c.remove("exception_id");
            if (!withRules) {
                c.remove("reference");
                c.remove("detail"); // names the reference
            }
            xs.add(c);
        }
        o.set("exceptions", JSON.valueToTree(xs));
        return o;
    }

    @Test
    void everyLayoutOfTheSampleDayReconcilesTheSame() throws Exception {
        JsonNode camt = reconcile("camt053");
        assertTrue(camt.get("lines").asInt() > 500, camt.toString());
        assertEquals("checked", camt.get("balance").get("status").asText(), camt.toString());
        assertEquals(0, camt.get("balance").get("ledger_difference").asLong(), camt.toString());
        // Our CSV states no balances: the same matches and exceptions, the balance block aside.
        JsonNode csv = comparable(reconcile("csv"), true);
        ObjectNode camtNoBalance = (ObjectNode) comparable(camt, true);
        ((ObjectNode) csv).remove("balance");
        camtNoBalance.remove("balance");
        assertEquals(camtNoBalance, csv);
        // OFX carries every id: the same matches by the same rules.
        assertEquals(comparable(camt, true), comparable(reconcile("ofx"), true));
        assertEquals(comparable(camt, true), comparable(reconcile("ofx2"), true));
        // CNAB 240 has no room for the 61-character fee references nor for a devolução's original
        // E2EID next to its own (ADR 0510): fees match on amount+date+counterparty instead, and the
        // returned exception names no payment; the same lines match and the same exceptions open.
        JsonNode cnab = reconcile("cnab240");
        assertEquals(comparable(camt, false), comparable(cnab, false));
        assertTrue(cnab.get("matches_by_rule").has("amount+date+counterparty"), cnab.toString());
    }

    @Test
    void aMalformedCnabRecordExits4NamingRecordAndPositionAndWritesNothing() throws Exception {
        List<String> records = new ArrayList<>(List.of(Files.readString(statements.get("cnab240")).split("\r\n")));
        String e = records.get(4);
        records.set(4, e.substring(0, 155) + "x" + e.substring(156));
        Path bad = Files.writeString(tmp.resolve("bad.cnab240"), String.join("\r\n", records) + "\r\n");
        assertRefused(bad, ": record 5, position 156 (amount, 151-168): must be digits");
    }

    @Test
    void aMalformedOfxExits4NamingTheLineAndWritesNothing() throws Exception {
        for (String f : List.of("ofx", "ofx2")) {
            List<String> lines = Files.readAllLines(statements.get(f), StandardCharsets.UTF_8);
            int victim = lines.indexOf(lines.stream().filter(l -> l.contains("<TRNAMT>")).skip(3).findFirst().get());
            lines.set(victim, lines.get(victim).replaceFirst("<TRNAMT>(-?[0-9.]+)", "<TRNAMT>$1.001"));
            Path bad = Files.write(tmp.resolve("bad." + f), lines, StandardCharsets.UTF_8);
            assertRefused(bad, ": line " + (victim + 1) + ": TRNAMT must be a decimal amount with at most 2 decimals");
        }
    }

    private static void assertRefused(Path bad, String expected) throws Exception {
        Path copy = Files.copy(ledger, tmp.resolve("refused-" + bad.getFileName() + ".sqlite"));
        long before = Files.size(copy);
        String events = mbp("--db", db(copy), "--json", "events", "stats").out();
        Run r = mbp("--db", db(copy), "recon", "d1", "--date", D, "--statement", bad.toString());
        assertEquals(4, r.code(), r.err());
        assertTrue(r.err().startsWith("mbp: error: " + bad + expected), r.err());
        assertFalse(r.err().contains("\tat "), r.err());
        assertEquals(events, mbp("--db", db(copy), "--json", "events", "stats").out(), "nothing was imported");
        assertTrue(Files.size(copy) >= before);
    }

    @Test
    void aCnabClosingOffByOneCentavoIsABalanceMismatchAndFailsUnder100() throws Exception {
        List<String> records = new ArrayList<>(List.of(Files.readString(statements.get("cnab240")).split("\r\n")));
        int t = records.size() - 2; // the batch trailer: closing balance at 151-168
        String trailer = records.get(t);
        long closing = Long.parseLong(trailer.substring(150, 168));
        records.set(t, trailer.substring(0, 150) + String.format("%018d", closing + 1) + trailer.substring(168));
        Path off = Files.writeString(tmp.resolve("off.cnab240"), String.join("\r\n", records) + "\r\n");
        Path copy = Files.copy(ledger, tmp.resolve("off-cnab.sqlite"));
        Run r = mbp("--db", db(copy), "--json", "recon", "d1", "--date", D, "--statement", off.toString(),
                "--statement-format", "cnab240", "--fail-under", "100", "--now", "2026-11-28T06:00:00Z");
        assertEquals(3, r.code(), r.out() + r.err());
        JsonNode j = JSON.readTree(r.out());
        assertEquals(1, j.get("balance").get("difference").asLong(), r.out());
        assertEquals(1, j.get("exceptions_by_kind").get("balance_mismatch").get("open").asInt(), r.out());
    }

    @Test
    void anOfxMissingAnEntryIsABalanceMismatchOfThatEntry() throws Exception {
        String text = Files.readString(statements.get("ofx"));
        int from = text.lastIndexOf("<STMTTRN>", text.indexOf("<TRNTYPE>XFER")); // a credit (PIX_IN)
        int to = text.indexOf("</STMTTRN>", from) + "</STMTTRN>".length();
        String entry = text.substring(from, to);
        long amount = new java.math.BigDecimal(entry.replaceAll("(?s).*<TRNAMT>([-0-9.]+).*", "$1")).movePointRight(2)
                .longValueExact();
        Path missing = Files.writeString(tmp.resolve("missing.ofx"), text.substring(0, from) + text.substring(to));
        Path copy = Files.copy(ledger, tmp.resolve("missing-ofx.sqlite"));
        Run r = mbp("--db", db(copy), "--json", "recon", "d1", "--date", D, "--statement", missing.toString(),
                "--statement-format", "ofx", "--now", "2026-11-28T06:00:00Z");
        assertEquals(0, r.code(), r.err());
        JsonNode j = JSON.readTree(r.out());
        assertEquals(amount, j.get("balance").get("difference").asLong(), r.out());
        assertEquals(1, j.get("exceptions_by_kind").get("balance_mismatch").get("open").asInt(), r.out());
    }
}

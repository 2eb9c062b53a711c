package io.mbp.aml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mbp.aml.alerts.AlertDraft;
import io.mbp.aml.alerts.AlertSink;
import io.mbp.aml.scenarios.ScenarioDefinition;
import io.mbp.aml.scenarios.ScenarioRegistry;
import io.mbp.aml.scenarios.Scenarios;
import io.mbp.error.BadInputException;
import io.mbp.events.Event;
import io.mbp.events.EventLog;
import io.mbp.events.NewEvent;
import io.mbp.kyc.KycService;
import io.mbp.market.MarketCommand;
import io.mbp.market.MarketEngine;
import io.mbp.market.MarketEvent;
import io.mbp.market.MarketEvents;
import io.mbp.market.MarketState;
import io.mbp.market.OrderFilled;
import io.mbp.privacy.LocalKekFile;
import io.mbp.privacy.Vault;
import io.mbp.sql.Database;
import io.mbp.sql.testing.EveryEngine;
import io.mbp.sql.testing.TestDatabase;
import java.io.BufferedReader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.io.TempDir;

/**
 * AML monitoring on a real log: wash trading between two accounts of one person, built from the market
 * engine's own events; idempotent re-runs; the alert sink's key; immutable definitions against the log.
 */
class AmlServiceTest {
    static final Path SAMPLE = Path.of("..", "samples", "customers", "2026-11-27.ndjson");
    static final LocalDate DAY = LocalDate.parse("2026-11-27");
    static final Clock ONBOARDED = Clock.fixed(Instant.parse("2026-11-26T12:00:00Z"), ZoneOffset.UTC);
    static final Clock NIGHT = Clock.fixed(Instant.parse("2026-11-28T02:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path tmp;

    /** acct-0001 and acct-0001-b are one person (same CPF, two accounts); acct-0002 is someone else. */
    void onboard(Database db) throws Exception {
        Vault vault = new Vault(LocalKekFile.create(tmp.resolve("kek.json"), "p".toCharArray(), ONBOARDED.instant()), ONBOARDED);
        List<String> lines = new ArrayList<>(Files.readAllLines(SAMPLE, StandardCharsets.UTF_8).subList(0, 2));
        lines.add(lines.get(0).replace("\"acct-0001\"", "\"acct-0001-b\""));
        new KycService(db, vault, ONBOARDED).onboard("c.ndjson", new BufferedReader(new StringReader(String.join("\n", lines))), null, false);
    }

    /** Runs commands through the market engine and appends its events at {@code ts}, as the daemon would. */
    static final class Market {
        final MarketEngine engine = new MarketEngine();
        final MarketState state = new MarketState();
        final List<NewEvent> out = new ArrayList<>();
        Instant ts = Instant.parse("2026-11-27T10:00:00Z");

        List<MarketEvent> run(MarketCommand c) {
            ts = ts.plusSeconds(30);
            List<MarketEvent> events = engine.decide(state, c, ts);
            for (MarketEvent e : events) {
                engine.evolve(state, e, ts, -1);
                out.add(NewEvent.of(MarketEvents.TYPES, e.streamId(), ts, e));
            }
            return events;
        }

        long buy(String acct, String outcome, long amount) {
            return ((OrderFilled) run(new MarketCommand.PlaceOrder("M", acct, outcome, "buy", amount, 0, null, null)).stream()
                    .filter(e -> e instanceof OrderFilled).findFirst().orElseThrow()).shares();
        }
    }

    @EveryEngine
    void twoAccountsOfOnePersonTradingAgainstEachOtherOpenOneAlertOnceWithTheirFillsAsEvidence(TestDatabase engine) throws Exception {
        try (Database db = Database.openMigrated(engine.url())) {
            onboard(db);
            Market m = new Market();
            m.run(new MarketCommand.CreateMarket("M", "EV-M", List.of("YES", "NO"), 200, null, null, null, "lp", 10_000_000, "E-M"));
            m.run(new MarketCommand.Deposit("acct-0001", 200_000, "E1", null, null));
            m.run(new MarketCommand.Deposit("acct-0001-b", 200_000, "E2", null, null));
            m.run(new MarketCommand.Deposit("acct-0002", 200_000, "E3", null, null));
            m.buy("acct-0001", "YES", 50_000);
            m.buy("acct-0001-b", "NO", 50_000); // the same person, the other side
            m.buy("acct-0002", "NO", 50_000); // someone else on that side: no link, no alert
            new EventLog(db).append(m.out);

            AmlService aml = new AmlService(db, NIGHT);
            AmlService.RunReport first = aml.run(DAY);
            assertEquals(1L, first.found().get("wash-linked-accounts@1"), first.toString());
            assertEquals(1L, first.opened().get("wash-linked-accounts@1"));
            Alert a = aml.alerts(Alert.OPEN).stream().filter(x -> x.scenario().equals("wash-linked-accounts")).findFirst().orElseThrow();
            assertEquals("acct-0001", a.account());
            assertEquals(1, a.scenarioVersion());
            assertTrue(a.summary().contains("acct-0001-b") && a.summary().contains("person (CPF)"), a.summary());
            assertFalse(a.summary().contains("acct-0002"), a.summary());
            Set<String> evidenceAccounts = new java.util.TreeSet<>();
            for (long seq : a.evidence()) {
                Event e = new EventLog(db).get(seq);
                assertEquals("OrderFilled", e.type(), "evidence points at the fills");
                OrderFilled f = (OrderFilled) MarketEvents.TYPES.decode(e.type(), e.payload());
                evidenceAccounts.add(f.account());
            }
            assertEquals(Set.of("acct-0001", "acct-0001-b"), evidenceAccounts);

            long size = new EventLog(db).size();
            AmlService.RunReport again = new AmlService(db, NIGHT.withZone(ZoneOffset.UTC)).run(DAY);
            assertEquals(first.found(), again.found());
            assertEquals(0L, again.openedTotal(), "re-running the day opens nothing");
            assertEquals(size, new EventLog(db).size(), "and logs nothing");
            assertEquals(first.openedTotal(), aml.alerts(null).size());
        }
    }

    @EveryEngine
    void theSinkIsIdempotentByTheCallersKey(TestDatabase engine) {
        try (Database db = Database.openMigrated(engine.url())) {
            AlertSink sink = new AmlService(db, NIGHT);
            AlertDraft d = new AlertDraft("screening/ofac@3/subj-9/36001", "sanctions-screening", 3, "acct-0009", "subj-9", "2026-11-27",
                    "name hit 0.93 on ofac/36001", List.of(7L));
            AlertSink.Raised r1 = sink.raise(d);
            AlertSink.Raised r2 = sink.raise(d);
            assertTrue(r1.opened());
            assertFalse(r2.opened());
            assertEquals(r1.alertId(), r2.alertId());
            AlertSink.Raised other = sink.raise(new AlertDraft("screening/ofac@3/subj-9/36002", "sanctions-screening", 3, "acct-0009", "subj-9",
                    "2026-11-27", "name hit", List.of(7L)));
            assertNotEquals(r1.alertId(), other.alertId());
            assertEquals(2, new AmlService(db, NIGHT).alerts(null).size());
        }
    }

    @EveryEngine
    void aDefinitionTheLogRegisteredCannotComeBackWithOtherParameters(TestDatabase engine) {
        try (Database db = Database.openMigrated(engine.url())) {
            long empty = new AmlService(db, NIGHT).run(DAY).foundTotal();
            assertEquals(0L, empty);
            assertEquals(0L, new EventLog(db).size(), "a run that finds nothing logs nothing (not even its definitions)");
            Market m = new Market();
            m.run(new MarketCommand.Deposit("acct-9", 4_900_000, "E1", null, null));
            m.run(new MarketCommand.Deposit("acct-9", 4_800_000, "E2", null, null));
            new EventLog(db).append(m.out);
            assertEquals(1L, new AmlService(db, NIGHT).run(DAY).opened().get("structuring@1"));
            List<ScenarioDefinition> changed = new ArrayList<>();
            for (ScenarioDefinition d : Scenarios.STANDARD) {
                Map<String, Long> p = new HashMap<>(d.params());
                if (d.id().equals("structuring")) {
                    p.put("threshold", 1_000_000L); // edited in place instead of a version 2
                }
                changed.add(ScenarioDefinition.of(d.id(), d.version(), d.rule(), d.title(), p));
            }
            long size = new EventLog(db).size();
            BadInputException e = assertThrows(BadInputException.class,
                    () -> new AmlService(db, NIGHT, ScenarioRegistry.of(changed)).run(DAY.plusDays(0)));
            assertTrue(e.getMessage().contains("structuring@1"), e.getMessage());
            assertEquals(size, new EventLog(db).size(), "nothing written");
        }
    }
}

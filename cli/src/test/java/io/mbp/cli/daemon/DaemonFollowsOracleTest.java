package io.mbp.cli.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mbp.catalog.EventCatalog;
import io.mbp.events.EventLog;
import io.mbp.events.EventPayload;
import io.mbp.events.NewEvent;
import io.mbp.market.MarketCommand;
import io.mbp.market.MarketEngine;
import io.mbp.market.MarketService;
import io.mbp.oracle.FailoverRolled;
import io.mbp.oracle.Finalized;
import io.mbp.sql.Database;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The oracle's batch appends FailoverRolled and Finalized to the shared database; the daemon reacts. */
class DaemonFollowsOracleTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    private final HttpClient http = HttpClient.newHttpClient();

    private JsonNode awaitMarket(int port, Predicate<JsonNode> until) throws Exception {
        JsonNode m = null;
        for (int i = 0; i < 100; i++) {
            m = JSON.readTree(http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v2/markets/M")).build(),
                    HttpResponse.BodyHandlers.ofString()).body());
            if (until.test(m)) {
                return m;
            }
            Thread.sleep(100);
        }
        return m;
    }

    private static void oracleAppends(String url, EventPayload p) {
        try (Database db = Database.openMigrated(url)) {
            new EventLog(db).append(List.of(NewEvent.of(EventCatalog.standard(), "EV", Instant.now(), p)));
        }
    }

    @Test
    void fallbackSoftHaltsAndFinalizedSettles() throws Exception {
        String url = "jdbc:h2:file:" + tmp.resolve("mbp").toAbsolutePath() + ";AUTO_SERVER=TRUE";
        try (Database db = Database.openMigrated(url)) {
            MarketService svc = new MarketService(db, new MarketEngine(), Clock.systemUTC());
            svc.load();
            svc.execute(new MarketCommand.CreateMarket("M", "EV", List.of("YES", "NO"), 0, null, null, null, "lp", 10_000, "E"));
        }
        Daemon d = new Daemon(url, Daemon.Options.defaults(0), Clock.systemUTC());
        d.start();
        try {
            oracleAppends(url, new FailoverRolled("EV", "consensus", "fallback", "3 rounds without quorum", Instant.now().toString()));
            assertEquals("soft", awaitMarket(d.port(), m -> m.get("halt").asText().equals("soft")).get("halt").asText());
            oracleAppends(url, new Finalized("EV", "categorical", null, "NO", false, "undisputed", Instant.now().toString()));
            JsonNode m = awaitMarket(d.port(), x -> x.get("status").asText().equals("settled"));
            assertEquals("settled", m.get("status").asText(), m.toString());
            assertEquals("[0,1]", m.get("settlement").get("numerators").toString());
        } finally {
            d.close();
        }
    }
}

package io.mbp.cli.chaos;

import io.mbp.cli.daemon.SigningClient;
import io.mbp.market.MarketCommand;
import io.mbp.market.MarketEngine;
import io.mbp.market.MarketService;
import io.mbp.sql.Database;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The game days' traffic: a scratch market with funded accounts, and one order request at a time. */
final class Orders {
    static final String MARKET = "CHAOS";

    private Orders() {
    }

    /** A market and {@code accounts} funded accounts {@code chaos-0..} in a fresh database. */
    static void seed(String url, int accounts, Clock clock) {
        try (Database db = Database.openMigrated(url)) {
            MarketService svc = new MarketService(db, new MarketEngine(), clock);
            svc.load();
            List<MarketCommand> cmds = new ArrayList<>();
            cmds.add(new MarketCommand.CreateMarket(MARKET, "EV-CHAOS", List.of("YES", "NO"), 200, null, null, null, "lp",
                    100_000_000_000L, "E-CHAOS-LP"));
            for (int c = 0; c < accounts; c++) {
                cmds.add(new MarketCommand.Deposit("chaos-" + c, 100_000_000_000L, "E-CHAOS-" + c, null, null));
            }
            svc.commit(cmds, false);
        }
    }

    /** The HTTP status of one small buy, signed with the drill's operator key, or -1 when the connection failed or timed out. */
    static int send(HttpClient http, SigningClient api, String key, int account, long i) {
        String body = "{\"market\":\"" + MARKET + "\",\"account\":\"chaos-" + account + "\",\"outcome\":\"" + ((i & 1) == 0 ? "YES" : "NO")
                + "\",\"side\":\"buy\",\"amount\":" + (1_000 + (i % 100_000)) + "}";
        try {
            HttpResponse<Void> res = http.send(api.request("POST", "/v2/orders", body.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                    .timeout(Duration.ofSeconds(10)).header("Idempotency-Key", key).build(), HttpResponse.BodyHandlers.discarding());
            return res.statusCode();
        } catch (java.io.IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** The status of {@code GET uri}, or -1. */
    static int get(HttpClient http, URI uri) {
        try {
            return http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).GET().build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (java.io.IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }
}
